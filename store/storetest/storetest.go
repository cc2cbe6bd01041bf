// Package storetest gives each test its own, real, migrated PostgreSQL schema and its
// own Redis key prefix, so test packages run in parallel without seeing each other.
// A missing PostgreSQL or Redis fails the test loudly: it never skips. Contract holds
// any storage of the root's interfaces to the behaviour the rooms rely on, so the
// in-memory fakes (memstore) stay as honest as store.DB.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/uns-dtik/loket/store"
)

// Defaults match the local services the Makefile starts; override with the same
// LOKET_DATABASE_URL and LOKET_REDIS_URL the program reads.
const (
	defaultDatabaseURL = "postgres://loket:loket@127.0.0.1:5432/loket?sslmode=disable"
	defaultRedisURL    = "redis://127.0.0.1:6379/0"
)

// Env is one test's isolated storage.
type Env struct {
	DB       *store.DB
	Sessions *store.Sessions
	// DatabaseURL opens the same schema (for a second process or a restart).
	DatabaseURL string
	Redis       redis.UniversalClient
	Prefix      string
}

// New opens a fresh schema and Redis prefix for t and removes both when t ends.
func New(t testing.TB) *Env {
	t.Helper()
	ctx := context.Background()
	id := randomID()
	schema := "t_" + id

	base := envOr("LOKET_DATABASE_URL", defaultDatabaseURL)
	admin, err := store.Open(ctx, base, 2)
	if err != nil {
		t.Fatalf("PostgreSQL is needed for this test and is not reachable (%v). Start it with `make services` or set LOKET_DATABASE_URL.", err)
	}
	if _, err := admin.Pool.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("create test schema: %v", err)
	}
	t.Cleanup(func() {
		_, _ = admin.Pool.Exec(context.Background(), `DROP SCHEMA `+schema+` CASCADE`)
		admin.Close()
	})

	dsn, err := store.WithSearchPath(base, schema)
	if err != nil {
		t.Fatalf("LOKET_DATABASE_URL: %v", err)
	}
	db, err := store.Open(ctx, dsn, 10)
	if err != nil {
		t.Fatalf("open test schema: %v", err)
	}
	t.Cleanup(db.Close)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate test schema: %v", err)
	}

	opt, err := redis.ParseURL(envOr("LOKET_REDIS_URL", defaultRedisURL))
	if err != nil {
		t.Fatalf("LOKET_REDIS_URL: %v", err)
	}
	rdb := redis.NewClient(opt)
	if err := rdb.Ping(ctx).Err(); err != nil {
		t.Fatalf("Redis is needed for this test and is not reachable at %s (%v). Start it with `make services` or set LOKET_REDIS_URL.", opt.Addr, err)
	}
	prefix := "loket-test:" + id + ":"
	t.Cleanup(func() {
		ctx := context.Background()
		iter := rdb.Scan(ctx, 0, prefix+"*", 500).Iterator()
		for iter.Next(ctx) {
			rdb.Del(ctx, iter.Val())
		}
		rdb.Close()
	})
	return &Env{
		DB:          db,
		Sessions:    &store.Sessions{Redis: rdb, Prefix: prefix},
		DatabaseURL: dsn,
		Redis:       rdb,
		Prefix:      prefix,
	}
}

// DatabaseURLWith is DatabaseURL with one more connection setting (pgx's, such as
// pool_max_conns, or the server's), written the way LOKET_DATABASE_URL is: in a
// URL's query, or as a keyword=value pair.
func (e *Env) DatabaseURLWith(key, value string) string {
	if u, err := url.Parse(e.DatabaseURL); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set(key, value)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return e.DatabaseURL + " " + key + "=" + value
}

func randomID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
