package main

import (
	"cmp"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
	"github.com/redis/go-redis/v9"

	"github.com/uns-dtik/loket/store"
)

// Config is read from LOKET_* environment variables; every one has a working local
// default, so `loket sim` runs with none set.
type Config struct {
	DatabaseURL   string   `env:"DATABASE_URL" envDefault:"postgres://loket:loket@127.0.0.1:5432/loket?sslmode=disable"`
	RedisURL      string   `env:"REDIS_URL" envDefault:"redis://127.0.0.1:6379/0"`
	RedisAddrs    []string `env:"REDIS_ADDRS" envSeparator:","`
	RedisMaster   string   `env:"REDIS_MASTER"`
	RedisPassword string   `env:"REDIS_PASSWORD,unset"`
	RedisPrefix   string   `env:"REDIS_PREFIX" envDefault:"loket:"`
	HTTPAddr      string   `env:"HTTP_ADDR" envDefault:"127.0.0.1:8080"`
	Catalog       string   `env:"CATALOG"`
	// SimWhatsApp, for `loket sim`, is the address of a simulated WhatsApp served by
	// `loket whatsapp-sim`; empty: the simulator runs in the same process.
	SimWhatsApp string        `env:"SIM_WHATSAPP"`
	SessionTTL  time.Duration `env:"SESSION_TTL" envDefault:"72h"`
	LogLevel    string        `env:"LOG_LEVEL" envDefault:"info"`
	// LogFormat is text (one line of key=value per event) or json.
	LogFormat string `env:"LOG_FORMAT" envDefault:"text"`
	// Pacing: WhatsApp bans numbers that look like bulk senders. SendPerMinute is the
	// budget of everything sent (replies and notifications); NotifyPerMinute the
	// notifications' share of it.
	SendPerMinute     int           `env:"SEND_PER_MINUTE" envDefault:"300"`
	NotifyPerMinute   int           `env:"NOTIFY_PER_MINUTE" envDefault:"20"`
	SendGap           time.Duration `env:"SEND_GAP" envDefault:"3s"`
	OutboxMaxAttempts int           `env:"OUTBOX_MAX_ATTEMPTS" envDefault:"10"`
	// FloodBurst is how many messages one number may send in 10 seconds before it is
	// told to slow down and its messages are handled one every 3 seconds.
	FloodBurst int `env:"FLOOD_BURST" envDefault:"20"`
	// Workers is how many chats are handled at once; the database pool is sized to it.
	Workers int `env:"WORKERS" envDefault:"16"`
	// OutageNotice is how long a chat waits for an outage to end before it is told
	// its message is kept.
	OutageNotice time.Duration `env:"OUTAGE_NOTICE" envDefault:"1m"`
	// ReconnectMax caps the wait between attempts to reach WhatsApp (2 s, 4 s, 8 s …).
	ReconnectMax time.Duration `env:"RECONNECT_MAX" envDefault:"60s"`
	// StandbyPoll is how often a process standing by (another one is connected to
	// the number) tries to take over, and how often the connected one checks it
	// still holds the number.
	StandbyPoll time.Duration `env:"STANDBY_POLL" envDefault:"5s"`
	// InboxRetention is how long handled messages are kept.
	InboxRetention time.Duration `env:"INBOX_RETENTION" envDefault:"720h"`
	// Holidays are dates (YYYY-MM-DD) that SLA working days skip.
	Holidays []string `env:"HOLIDAYS" envSeparator:","`
	// DigestTime has no default here: unset leaves the scheduler's (07:30), so that
	// a DigestTime of 00:00 can mean midnight.
	DigestTime string `env:"DIGEST_TIME"`
}

const envPrefix = "LOKET_"

// loadConfig reads the environment. A bad value is refused with a message that names
// the variable, so a typo never starts a half-configured bot.
func loadConfig() (Config, error) {
	cfg, err := env.ParseAsWithOptions[Config](env.Options{Prefix: envPrefix})
	if err != nil {
		return cfg, namedConfigError(err)
	}
	var problems []string
	bad := func(name, why string) { problems = append(problems, envPrefix+name+": "+why) }
	if err := store.CheckDatabaseURL(cfg.DatabaseURL); err != nil {
		bad("DATABASE_URL", "must be a postgres:// URL or key=value settings, e.g. postgres://loket:loket@127.0.0.1:5432/loket or host=127.0.0.1 dbname=loket")
	}
	// Checked with LOKET_REDIS_ADDRS too: the URL's options apply to every node.
	if _, err := redis.ParseURL(cfg.RedisURL); err != nil {
		bad("REDIS_URL", "must be a redis:// URL, e.g. redis://127.0.0.1:6379/0 ("+err.Error()+")")
	}
	for _, a := range cfg.RedisAddrs {
		if _, _, err := net.SplitHostPort(a); err != nil {
			bad("REDIS_ADDRS", fmt.Sprintf("%q is not host:port", a))
		}
	}
	if cfg.RedisMaster != "" && len(cfg.RedisAddrs) == 0 {
		bad("REDIS_MASTER", "needs LOKET_REDIS_ADDRS (the Sentinel addresses)")
	}
	if cfg.RedisPrefix == "" || strings.ContainsAny(cfg.RedisPrefix, "{} \t") {
		bad("REDIS_PREFIX", "must be non-empty, without spaces or braces, e.g. loket:")
	}
	if u, err := url.Parse(cfg.SimWhatsApp); cfg.SimWhatsApp != "" && (err != nil || u.Scheme != "http" || u.Host == "") {
		bad("SIM_WHATSAPP", "must be the http:// address `loket whatsapp-sim` prints, e.g. http://127.0.0.1:8081")
	}
	if _, _, err := net.SplitHostPort(cfg.HTTPAddr); err != nil {
		bad("HTTP_ADDR", "must be host:port, e.g. 127.0.0.1:8080")
	}
	if cfg.SessionTTL < time.Hour {
		bad("SESSION_TTL", "must be a duration of at least 1h, e.g. 72h")
	}
	if cfg.SendPerMinute < 1 || cfg.SendPerMinute > 6000 {
		bad("SEND_PER_MINUTE", "must be 1 to 6000 messages per minute")
	}
	if cfg.NotifyPerMinute < 1 || cfg.NotifyPerMinute > cfg.SendPerMinute {
		bad("NOTIFY_PER_MINUTE", "must be at least 1 and at most LOKET_SEND_PER_MINUTE")
	}
	if cfg.OutboxMaxAttempts < 1 {
		bad("OUTBOX_MAX_ATTEMPTS", "must be at least 1")
	}
	if cfg.FloodBurst < 1 {
		bad("FLOOD_BURST", "must be at least 1")
	}
	if cfg.Workers < 1 || cfg.Workers > 256 {
		bad("WORKERS", "must be 1 to 256")
	}
	if cfg.OutageNotice < time.Second {
		bad("OUTAGE_NOTICE", "must be a duration of at least 1s, e.g. 1m")
	}
	if cfg.InboxRetention < 24*time.Hour {
		bad("INBOX_RETENTION", "must be a duration of at least 24h, e.g. 720h (30 days)")
	}
	if cfg.SendGap < 0 {
		bad("SEND_GAP", "must be a duration such as 3s")
	}
	for _, d := range cfg.Holidays {
		if _, err := time.Parse("2006-01-02", strings.TrimSpace(d)); err != nil {
			bad("HOLIDAYS", fmt.Sprintf("%q is not a date like 2026-12-25", d))
		}
	}
	if _, err := cfg.digestAt(); err != nil {
		bad("DIGEST_TIME", "must be a time of day like 07:30 (Asia/Jakarta)")
	}
	switch cfg.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		bad("LOG_LEVEL", "must be debug, info, warn or error")
	}
	if cfg.LogFormat != "text" && cfg.LogFormat != "json" {
		bad("LOG_FORMAT", "must be text or json")
	}
	if len(problems) > 0 {
		return cfg, errors.New("configuration: " + strings.Join(problems, "; "))
	}
	return cfg, nil
}

// namedConfigError rewrites env's "field SessionTTL" into "LOKET_SESSION_TTL".
func namedConfigError(err error) error {
	var agg env.AggregateError
	if !errors.As(err, &agg) {
		return fmt.Errorf("configuration: %w", err)
	}
	t := reflect.TypeFor[Config]()
	var msgs []string
	for _, e := range agg.Errors {
		var pe env.ParseError
		if errors.As(e, &pe) {
			if f, ok := t.FieldByName(pe.Name); ok {
				name, _, _ := strings.Cut(f.Tag.Get("env"), ",")
				msgs = append(msgs, fmt.Sprintf("%s%s=%q: %s", envPrefix, name, os.Getenv(envPrefix+name), expectedForm(f, pe.Err)))
				continue
			}
		}
		msgs = append(msgs, e.Error())
	}
	return errors.New("configuration: " + strings.Join(msgs, "; "))
}

// expectedForm says what a setting of f's type looks like, with its default as the
// example, rather than the parser's own words ("strconv.ParseInt: parsing …").
func expectedForm(f reflect.StructField, err error) string {
	example := f.Tag.Get("envDefault")
	switch {
	case f.Type == reflect.TypeFor[time.Duration]():
		return fmt.Sprintf("must be a duration such as %s (units: ms, s, m, h)", cmp.Or(example, "30s"))
	case f.Type.Kind() == reflect.Int || f.Type.Kind() == reflect.Int64:
		return fmt.Sprintf("must be a whole number such as %s", cmp.Or(example, "10"))
	case f.Type.Kind() == reflect.Bool:
		return "must be true or false"
	}
	return err.Error()
}

// redisTarget names the Redis Loket connects to, for an operator, without a password.
func (c Config) redisTarget() string {
	switch {
	case len(c.RedisAddrs) > 0 && c.RedisMaster != "":
		return fmt.Sprintf("the Sentinels %s (master %q)", strings.Join(c.RedisAddrs, ", "), c.RedisMaster)
	case len(c.RedisAddrs) > 0:
		return "the cluster nodes " + strings.Join(c.RedisAddrs, ", ")
	}
	if u, err := url.Parse(c.RedisURL); err == nil {
		return u.Redacted()
	}
	return "LOKET_REDIS_URL"
}

// redisClient connects to one Redis node (LOKET_REDIS_URL) or to Sentinel/Cluster
// (LOKET_REDIS_ADDRS with LOKET_REDIS_MASTER for Sentinel). Either way every option
// the URL gives — TLS for rediss://, credentials, database, pool size, timeouts — is
// kept; only the addresses (LOKET_REDIS_ADDRS), the password (LOKET_REDIS_PASSWORD)
// and the context deadlines are ours.
//
// Every command honours its context's deadline (ContextTimeoutEnabled): a Redis that
// hangs must not hold a message, or /readyz, longer than its deadline.
func (c Config) redisClient() (redis.UniversalClient, error) {
	opt, err := redis.ParseURL(c.RedisURL)
	if err != nil {
		return nil, err
	}
	if c.RedisPassword != "" {
		opt.Password = c.RedisPassword
	}
	opt.ContextTimeoutEnabled = true
	if len(c.RedisAddrs) == 0 {
		return redis.NewClient(opt), nil
	}
	u := universalOptions(opt)
	u.Addrs, u.MasterName = c.RedisAddrs, c.RedisMaster
	if u.TLSConfig != nil {
		// ParseURL names the URL's host as the server to verify; with several nodes
		// each is verified against its own address (crypto/tls does so when empty).
		u.TLSConfig.ServerName = ""
	}
	return redis.NewUniversalClient(u), nil
}

// universalOptions copies every field of opt that UniversalOptions has as well (same
// name and type). Copying by name rather than field by field by hand means no option
// ParseURL reads can be left behind — as TLS once was — nor one a later go-redis adds.
func universalOptions(opt *redis.Options) *redis.UniversalOptions {
	u := &redis.UniversalOptions{}
	src, dst := reflect.ValueOf(opt).Elem(), reflect.ValueOf(u).Elem()
	for i := range dst.NumField() {
		f := dst.Type().Field(i)
		if from := src.FieldByName(f.Name); f.IsExported() && from.IsValid() && from.Type() == f.Type {
			dst.Field(i).Set(from)
		}
	}
	return u
}

// digestAt is LOKET_DIGEST_TIME as the time after midnight (Asia/Jakarta), or nil
// when it is unset: the scheduler then uses its default.
func (c Config) digestAt() (*time.Duration, error) {
	if c.DigestTime == "" {
		return nil, nil
	}
	t, err := time.Parse("15:04", c.DigestTime)
	if err != nil {
		return nil, err
	}
	at := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
	return &at, nil
}

// holidays is LOKET_HOLIDAYS as a set.
func (c Config) holidays() map[string]bool {
	out := map[string]bool{}
	for _, d := range c.Holidays {
		out[strings.TrimSpace(d)] = true
	}
	return out
}
