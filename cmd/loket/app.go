package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/backoffice"
	"github.com/uns-dtik/loket/bot"
	"github.com/uns-dtik/loket/bot/sim"
	"github.com/uns-dtik/loket/conversation"
	"github.com/uns-dtik/loket/store"
)

// app is everything a subcommand may need, opened from the configuration.
type app struct {
	cfg      Config
	log      *slog.Logger
	db       *store.DB
	redis    redis.UniversalClient
	catalog  *conversation.Catalog
	migrated int
}

// withApp opens the database (migrating it under goose's session lock), Redis and the
// catalog, runs fn, and closes everything.
func withApp(ctx context.Context, fn func(*app) error) error {
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	a := &app{cfg: cfg, log: newLogger(cfg.LogLevel)}
	if a.catalog, err = conversation.LoadCatalog(cfg.Catalog); err != nil {
		return fmt.Errorf("LOKET_CATALOG: %w", err)
	}
	if a.db, err = store.Open(ctx, cfg.DatabaseURL); err != nil {
		return fmt.Errorf("LOKET_DATABASE_URL: %w (is PostgreSQL running? `make services` starts it)", err)
	}
	defer a.db.Close()
	if a.migrated, err = a.db.Migrate(ctx); err != nil {
		return err
	}
	if a.redis, err = cfg.redisClient(); err != nil {
		return err
	}
	defer a.redis.Close()
	if err := a.redis.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("Redis: %w (is Redis running? `make services` starts it)", err)
	}
	return fn(a)
}

func (a *app) office() *backoffice.Office {
	return &backoffice.Office{Store: a.db, Services: a.catalog, Calendar: backoffice.Calendar{Holidays: a.cfg.holidays()}, Log: a.log}
}

func (a *app) conversation(office *backoffice.Office) *conversation.Conversation {
	return &conversation.Conversation{
		Catalog:  a.catalog,
		Store:    a.db,
		Sessions: &store.Sessions{Redis: a.redis, Prefix: a.cfg.RedisPrefix},
		TTL:      a.cfg.SessionTTL,
		Announce: office.Announce,
		Log:      a.log,
	}
}

// serveSim runs the whole bot on the simulated WhatsApp until ctx ends.
func (a *app) serveSim(ctx context.Context, out io.Writer) error {
	office := a.office()
	b := &bot.Bot{Inbox: a.db, Handler: a.conversation(office), Desk: office, Log: a.log}
	s := sim.New(b.HandleEvent)
	defer s.Close()
	b.Client = s
	sender := &bot.Sender{Bot: b, Outbox: a.db, PerMinute: a.cfg.SendPerMinute, Gap: a.cfg.SendGap}
	hour, minute, _ := a.cfg.digestTime()
	scheduler := &backoffice.Scheduler{Store: a.db, Services: a.catalog, Calendar: office.Calendar, DigestHour: hour, DigestMinute: minute}

	mux := http.NewServeMux()
	s.Routes(mux)
	a.health(mux)
	ln, err := net.Listen("tcp", a.cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("LOKET_HTTP_ADDR %s: %w", a.cfg.HTTPAddr, err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	errs := make(chan error, 4)
	go func() { errs <- srv.Serve(ln) }()
	go func() { errs <- b.Run(ctx) }()
	go func() { errs <- sender.Run(ctx) }()
	go func() { errs <- scheduler.Run(ctx, time.Minute) }()
	fmt.Fprintf(out, "Loket is running on the simulated WhatsApp: open http://%s/ (Ctrl+C stops)\n", ln.Addr())

	select {
	case <-ctx.Done():
	case err = <-errs:
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown)
	if err != nil && !errors.Is(err, http.ErrServerClosed) && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

// health serves /healthz (the process answers) and /readyz (PostgreSQL and Redis too).
func (a *app) health(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok\n") })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		var problems []string
		if err := a.db.Ping(ctx); err != nil {
			problems = append(problems, "postgresql: "+err.Error())
		}
		if err := a.redis.Ping(ctx).Err(); err != nil {
			problems = append(problems, "redis: "+err.Error())
		}
		if len(problems) > 0 {
			http.Error(w, strings.Join(problems, "\n"), http.StatusServiceUnavailable)
			return
		}
		_, _ = io.WriteString(w, "ready\n")
	})
}

// importZoom loads the UNS Zoom roster from a Zoom admin user export (CSV with an
// "Email" column), replacing the previous roster.
func (a *app) importZoom(ctx context.Context, path string, out io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	emails, err := readRoster(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	n, err := a.db.ImportZoomRoster(ctx, emails)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Zoom roster loaded: %d addresses\n", n)
	return nil
}

func readRoster(r io.Reader) ([]string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	col := -1
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")), "email") {
			col = i
		}
	}
	if col < 0 {
		return nil, errors.New(`no "Email" column in the header`)
	}
	var emails []string
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if col < len(rec) && strings.Contains(rec[col], "@") {
			emails = append(emails, strings.ToLower(strings.TrimSpace(rec[col])))
		}
	}
	if len(emails) == 0 {
		return nil, errors.New("no e-mail addresses found")
	}
	return emails, nil
}

// staff is `loket staff add|remove|list`: the first set-up of who may do what.
func (a *app) staff(ctx context.Context, args []string, out io.Writer) error {
	const usage = `usage: loket staff add <number> <admin|pimpinan|staf> "<name>" | loket staff remove <number> [role] | loket staff list`
	if len(args) == 0 {
		return fmt.Errorf("%w: %s", errUsage, usage)
	}
	switch args[0] {
	case "list":
		all, err := a.db.ListStaff(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, backoffice.StaffList(all))
		return nil
	case "add":
		if len(args) < 4 {
			return fmt.Errorf("%w: %s", errUsage, usage)
		}
		phone := loket.NormalizePhone(args[1])
		if phone == "" {
			return fmt.Errorf("%q is not a phone number; write it as 6281100000001", args[1])
		}
		role := loket.Role(strings.ToLower(args[2]))
		if !loket.ValidRole(role) {
			return fmt.Errorf("role %q is not admin, pimpinan or staf", args[2])
		}
		name := strings.TrimSpace(strings.Join(args[3:], " "))
		if err := a.db.AddStaff(ctx, phone, role, name); err != nil {
			return err
		}
		fmt.Fprintf(out, "%s (%s) is now %s\n", name, phone, role)
		return nil
	case "remove":
		if len(args) < 2 || len(args) > 3 {
			return fmt.Errorf("%w: %s", errUsage, usage)
		}
		phone := loket.NormalizePhone(args[1])
		if phone == "" {
			return fmt.Errorf("%q is not a phone number; write it as 6281100000001", args[1])
		}
		role := loket.Role("")
		if len(args) == 3 {
			if role = loket.Role(strings.ToLower(args[2])); !loket.ValidRole(role) {
				return fmt.Errorf("role %q is not admin, pimpinan or staf", args[2])
			}
		}
		n, err := a.db.RemoveStaff(ctx, phone, role)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%d role(s) removed from %s\n", n, phone)
		return nil
	}
	return fmt.Errorf("%w: %s", errUsage, usage)
}
