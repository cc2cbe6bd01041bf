// Package store is Loket's persistence room: PostgreSQL through pgx for everything that
// must last (the inbox, requests, letters, the audit trail, the Zoom roster) and Redis
// through go-redis for what is short-lived (dialog sessions).
//
// It imports nothing of Loket's but the root package; the rooms that use it declare the
// few methods they need as interfaces of their own.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is Loket's PostgreSQL database.
type DB struct {
	Pool *pgxpool.Pool

	// marks gathers the inbox's claims and marks made at the same time into one
	// statement (gatherer).
	marks gatherer[*inboxMark]
}

// Open connects to PostgreSQL at url (a postgres:// URL or key=value DSN) and checks
// that it answers. It does not migrate; call Migrate. conns sizes the pool when url
// does not (pool_max_conns): the bot's workers each hold one connection at a time,
// and the sender, the scheduler and the HTTP handlers need theirs; 0 keeps pgx's
// default (four, or the number of CPUs).
func Open(ctx context.Context, url string, conns int) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse database URL: %w", err)
	}
	if conns > 0 && !strings.Contains(url, "pool_max_conns") {
		cfg.MaxConns = int32(conns)
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		// A host that drops packets would otherwise hold a connection attempt for
		// minutes (the kernel's SYN retries), and every caller with it.
		cfg.ConnConfig.ConnectTimeout = 10 * time.Second
	}
	if cfg.ConnConfig.RuntimeParams["application_name"] == "" {
		// Names this process in pg_stat_activity, and to a standby (ConnectionHolder).
		host, _ := os.Hostname()
		cfg.ConnConfig.RuntimeParams["application_name"] = "loket@" + host
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to PostgreSQL at %s:%d: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, err)
	}
	return &DB{Pool: pool}, nil
}

// CheckDatabaseURL reports whether Open can read url (a postgres:// URL or key=value
// settings), so configuration refuses exactly what Open would.
func CheckDatabaseURL(url string) error {
	_, err := pgxpool.ParseConfig(url)
	return err
}

// Close closes every connection.
func (db *DB) Close() { db.Pool.Close() }

// Ping reports whether PostgreSQL answers.
func (db *DB) Ping(ctx context.Context) error { return db.Pool.Ping(ctx) }

// The reasons Ready gives; they name no user, host or database.
var (
	ErrPostgresUnreachable = errors.New("postgresql: unreachable")
	ErrPostgresReadOnly    = errors.New("postgresql: read-only (a standby, or default_transaction_read_only)")
)

// Ready reports whether PostgreSQL takes writes now: it answers, and it is neither a
// standby nor set read-only. Answering is not enough: a bot on a read-only database
// would fail every message.
func (db *DB) Ready(ctx context.Context) error {
	var readOnly bool
	err := db.Pool.QueryRow(ctx, `SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'`).Scan(&readOnly)
	switch {
	case err != nil:
		return ErrPostgresUnreachable
	case readOnly:
		return ErrPostgresReadOnly
	}
	return nil
}

// SQL returns a database/sql handle over the same pool, for libraries that need one
// (goose, whatsmeow's device store). Closing it does not close the pool.
func (db *DB) SQL() *sql.DB { return stdlib.OpenDBFromPool(db.Pool) }

// Migrate applies the embedded migrations that are not applied yet, under goose's
// PostgreSQL session lock so two processes starting together do not race. It returns
// how many migrations it applied.
func (db *DB) Migrate(ctx context.Context) (int, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return 0, err
	}
	// One lock per schema: processes migrating the same schema wait for each other,
	// while tests migrating their own schemas do not (goose's default ID is global).
	var schema *string
	var searchPath string
	if err := db.Pool.QueryRow(ctx, `SELECT current_schema(), current_setting('search_path')`).Scan(&schema, &searchPath); err != nil {
		return 0, fmt.Errorf("read current schema: %w", err)
	}
	if schema == nil {
		// Tables would have nowhere to go: no schema of search_path exists.
		return 0, fmt.Errorf("no schema of search_path (%s) exists in this database: create it (CREATE SCHEMA …) or correct search_path in the database URL", searchPath)
	}
	h := fnv.New64a()
	h.Write([]byte("loket migrations " + *schema))
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(int64(h.Sum64() >> 1)))
	if err != nil {
		return 0, err
	}
	sqldb := db.SQL()
	defer sqldb.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, sqldb, sub, goose.WithSessionLocker(locker))
	if err != nil {
		return 0, fmt.Errorf("prepare migrations: %w", err)
	}
	res, err := p.Up(ctx)
	if err != nil {
		return len(res), fmt.Errorf("apply migrations: %w", err)
	}
	return len(res), nil
}
