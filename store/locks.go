package store

import (
	"github.com/uns-dtik/loket"

	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// SessionLock is a right one process at a time holds over this database: a
// PostgreSQL session lock, so it goes with its connection — a process killed with -9
// gives it up at once. Locks are per schema, so tests in schemas of their own do not
// meet.
type SessionLock struct {
	conn *pgxpool.Conn
}

// TryLockDispatch takes the right to hand this database's inbox to the dialog, so two
// bots on one database (an overlapping deploy, a standby) never handle the same
// message; nil when another process holds it.
func (db *DB) TryLockDispatch(ctx context.Context) (loket.Lock, error) {
	return asLock(db.tryLock(ctx, "dispatch"))
}

// TryLockConnection takes the right to be connected to WhatsApp as this database's
// device, or returns nil when another process holds it: WhatsApp allows one live
// connection per device, and two would push each other off.
func (db *DB) TryLockConnection(ctx context.Context) (loket.Lock, error) {
	return asLock(db.tryLock(ctx, "whatsapp connection"))
}

// asLock hands a lock over as the root's interface: a lock not taken is a nil
// interface, not an interface holding a nil pointer, so callers' nil checks hold.
func asLock(l *SessionLock, err error) (loket.Lock, error) {
	if l == nil {
		return nil, err
	}
	return l, err
}

// ConnectionHolder names the process connected to WhatsApp as this database's
// device: the application name and client address of the database session holding
// the connection lock ("" when none does). A standby shows it to the operator.
func (db *DB) ConnectionHolder(ctx context.Context) (string, error) {
	var holder string
	err := db.Pool.QueryRow(ctx, `
		SELECT coalesce(nullif(a.application_name, ''), 'unnamed') || ' (' || coalesce(host(a.client_addr), 'local') || ', pid ' || a.pid || ')'
		FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
		  AND ((l.classid::bigint << 32) | l.objid::bigint) = `+lockKeySQL+` AND l.objsubid = 1`, "whatsapp connection").Scan(&holder)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("connection holder: %w", err)
	}
	return holder, nil
}

// lockKeySQL computes, in PostgreSQL, the key of lock $1 in the current schema, as
// lockKey does: the same lock seen from pg_locks.
const lockKeySQL = `(('x' || substr(md5('loket ' || $1 || ' ' || current_schema()), 1, 16))::bit(64)::bigint & x'7fffffffffffffff'::bigint)`

// Serialized runs fn while holding lock name, waiting for it: two processes starting
// at once on a fresh database must not both create the same tables (whatsmeow's
// device store upgrade has no lock of its own).
func (db *DB) Serialized(ctx context.Context, name string, fn func() error) error {
	conn, err := db.Pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("%s lock: %w", name, err)
	}
	lock := &SessionLock{conn: conn}
	defer lock.Release() // closing the session lets the lock go whatever happened
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(`+lockKeySQL+`)`, name); err != nil {
		return fmt.Errorf("%s lock: %w", name, err)
	}
	return fn()
}

func (db *DB) tryLock(ctx context.Context, name string) (*SessionLock, error) {
	conn, err := db.Pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s lock: %w", name, err)
	}
	var got bool
	err = conn.QueryRow(ctx, `SELECT pg_try_advisory_lock(`+lockKeySQL+`)`, name).Scan(&got)
	if err != nil || !got {
		conn.Release()
		if err != nil {
			return nil, fmt.Errorf("%s lock: %w", name, err)
		}
		return nil, nil
	}
	return &SessionLock{conn: conn}, nil
}

// Held reports whether the lock is still held: whether its connection still answers.
// A connection lost (PostgreSQL restarted) lost the lock with it.
func (l *SessionLock) Held(ctx context.Context) bool {
	_, err := l.conn.Exec(ctx, `SELECT 1`)
	return err == nil
}

// Release gives the lock up. A connection that broke is dropped, not reused.
func (l *SessionLock) Release() {
	// Unlocking first frees the lock before Release returns: closing alone leaves
	// it held until the server's backend has finished exiting, a moment later.
	// Closing the session then releases its locks whatever state it is in; a
	// session that no longer answers is dropped without waiting for it.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, _ = l.conn.Exec(ctx, `SELECT pg_advisory_unlock_all()`)
	_ = l.conn.Conn().Close(ctx)
	l.conn.Release()
}
