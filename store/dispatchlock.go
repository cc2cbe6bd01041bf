package store

import (
	"context"
	"fmt"
	"hash/fnv"

	"github.com/jackc/pgx/v5/pgxpool"
)

// DispatchLock is the right to hand this database's inbox to the dialog: one process
// at a time, so two bots on one database (an overlapping deploy, a standby) never
// handle the same message. It is a PostgreSQL session lock, so it goes with its
// connection: a process killed with -9 gives it up at once.
type DispatchLock struct {
	conn *pgxpool.Conn
}

// TryLockDispatch takes the dispatch lock, or returns nil when another process
// holds it. The lock is per schema, so tests in schemas of their own do not meet.
func (db *DB) TryLockDispatch(ctx context.Context) (*DispatchLock, error) {
	conn, err := db.Pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("dispatch lock: %w", err)
	}
	var schema string
	var got bool
	err = conn.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema)
	if err == nil {
		h := fnv.New64a()
		h.Write([]byte("loket dispatch " + schema))
		err = conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, int64(h.Sum64()>>1)).Scan(&got)
	}
	if err != nil || !got {
		conn.Release()
		if err != nil {
			return nil, fmt.Errorf("dispatch lock: %w", err)
		}
		return nil, nil
	}
	return &DispatchLock{conn: conn}, nil
}

// Held reports whether the lock is still held: whether its connection still answers.
// A connection lost (PostgreSQL restarted) lost the lock with it.
func (l *DispatchLock) Held(ctx context.Context) bool {
	_, err := l.conn.Exec(ctx, `SELECT 1`)
	return err == nil
}

// Release gives the lock up. A connection that broke is dropped, not reused.
func (l *DispatchLock) Release() {
	// Closing the session releases its locks whatever state it is in.
	_ = l.conn.Conn().Close(context.Background())
	l.conn.Release()
}
