package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation"
	"github.com/uns-dtik/loket/store"
	"github.com/uns-dtik/loket/store/storetest"
)

// TestConfigTakesKeyValueDatabaseSettings: what store.Open accepts, configuration
// accepts — libpq's key=value settings as well as a postgres:// URL.
func TestConfigTakesKeyValueDatabaseSettings(t *testing.T) {
	const dsn = "host=127.0.0.1 port=5432 user=loket password=loket dbname=loket sslmode=disable"
	t.Setenv("LOKET_DATABASE_URL", dsn)
	cfg, err := loadConfig()
	if err != nil {
		t.Fatalf("key=value settings refused: %v", err)
	}
	db, err := store.Open(context.Background(), cfg.DatabaseURL, 1)
	if err != nil {
		t.Fatalf("store.Open on the same settings: %v", err)
	}
	db.Close()
	for _, bad := range []string{"mysql://x", "host=127.0.0.1 port=nope", "postgres://[::1"} {
		t.Setenv("LOKET_DATABASE_URL", bad)
		if _, err := loadConfig(); err == nil || !strings.Contains(err.Error(), "LOKET_DATABASE_URL") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// TestRedisURLOptionsAreKept: every option LOKET_REDIS_URL carries — TLS (rediss://),
// credentials, database, pool size, timeouts — reaches the client, a Sentinel or
// Cluster one (LOKET_REDIS_ADDRS) included; only the addresses are replaced.
func TestRedisURLOptionsAreKept(t *testing.T) {
	t.Setenv("LOKET_REDIS_URL", "rediss://loket:rahasia@redis.dtik.uns.ac.id:6380/2?pool_size=7&dial_timeout=3s&read_timeout=4s&max_retries=5")
	check := func(t *testing.T, tls bool, user, password string, pool int, dial, read time.Duration, retries int) {
		t.Helper()
		if !tls || user != "loket" || password != "rahasia" || pool != 7 || dial != 3*time.Second || read != 4*time.Second || retries != 5 {
			t.Fatalf("options lost: tls %v, user %q, password %q, pool %d, dial %v, read %v, retries %d",
				tls, user, password, pool, dial, read, retries)
		}
	}
	client := func(t *testing.T) redis.UniversalClient {
		t.Helper()
		cfg, err := loadConfig()
		if err != nil {
			t.Fatal(err)
		}
		c, err := cfg.redisClient()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	t.Run("one node", func(t *testing.T) {
		o := client(t).(*redis.Client).Options()
		check(t, o.TLSConfig != nil, o.Username, o.Password, o.PoolSize, o.DialTimeout, o.ReadTimeout, o.MaxRetries)
		if o.DB != 2 || o.Addr != "redis.dtik.uns.ac.id:6380" || !o.ContextTimeoutEnabled {
			t.Fatalf("db %d, addr %q, context timeouts %v", o.DB, o.Addr, o.ContextTimeoutEnabled)
		}
	})
	t.Run("sentinel", func(t *testing.T) {
		t.Setenv("LOKET_REDIS_ADDRS", "10.0.0.1:26379,10.0.0.2:26379")
		t.Setenv("LOKET_REDIS_MASTER", "loket")
		o := client(t).(*redis.Client).Options()
		check(t, o.TLSConfig != nil, o.Username, o.Password, o.PoolSize, o.DialTimeout, o.ReadTimeout, o.MaxRetries)
		if o.DB != 2 || !o.ContextTimeoutEnabled {
			t.Fatalf("db %d, context timeouts %v", o.DB, o.ContextTimeoutEnabled)
		}
		// Each node is verified against its own name, not the URL's host.
		if o.TLSConfig.ServerName != "" {
			t.Fatalf("TLS server name %q is the URL's host", o.TLSConfig.ServerName)
		}
	})
	t.Run("cluster", func(t *testing.T) {
		t.Setenv("LOKET_REDIS_ADDRS", "10.0.0.1:6379,10.0.0.2:6379")
		t.Setenv("LOKET_REDIS_PASSWORD", "lebih-rahasia")
		o := client(t).(*redis.ClusterClient).Options()
		check(t, o.TLSConfig != nil, o.Username, strings.Replace(o.Password, "lebih-", "", 1), o.PoolSize, o.DialTimeout, o.ReadTimeout, o.MaxRetries)
		if len(o.Addrs) != 2 || o.Password != "lebih-rahasia" || !o.ContextTimeoutEnabled {
			t.Fatalf("addrs %v, password %q, context timeouts %v", o.Addrs, o.Password, o.ContextTimeoutEnabled)
		}
	})
}

// TestDigestAtMidnight: LOKET_DIGEST_TIME=00:00 is midnight, not the default 07:30.
func TestDigestAtMidnight(t *testing.T) {
	env := storetest.New(t)
	catalog, err := conversation.LoadCatalog("")
	if err != nil {
		t.Fatal(err)
	}
	digests := func() int {
		var n int
		if err := env.DB.Pool.QueryRow(context.Background(), `SELECT count(*) FROM sent_marks WHERE key LIKE 'digest:%'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, c := range []struct {
		setting string
		at      time.Time // a Monday
		want    int
	}{
		{"", time.Date(2026, 11, 23, 7, 0, 0, 0, loket.Jakarta), 0}, // unset: 07:30, not yet
		{"", time.Date(2026, 11, 23, 7, 31, 0, 0, loket.Jakarta), 1},
		{"00:00", time.Date(2026, 11, 30, 0, 5, 0, 0, loket.Jakarta), 2},
	} {
		if c.setting != "" {
			t.Setenv("LOKET_DIGEST_TIME", c.setting)
		}
		cfg, err := loadConfig()
		if err != nil {
			t.Fatal(err)
		}
		s := (&app{cfg: cfg, db: env.DB, catalog: catalog}).scheduler()
		s.Now = func() time.Time { return c.at }
		if err := s.Tick(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := digests(); got != c.want {
			t.Fatalf("LOKET_DIGEST_TIME=%q at %s: %d digests, want %d", c.setting, c.at.Format("2006-01-02 15:04"), got, c.want)
		}
	}
}
