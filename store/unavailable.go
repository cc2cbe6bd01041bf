package store

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/redis/go-redis/v9"
)

// Unavailable reports whether err says PostgreSQL or Redis could not do the work at
// all — unreachable, restarting, read-only, out of memory — rather than that the work
// was wrong. Such a failure is an outage: whatever caused it is waited for, and it
// never counts against a message. A deadline of the caller's own is not among them:
// work that hangs while the stores answer is the work's fault.
func Unavailable(err error) bool {
	if err == nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return false // context's errors pass for net.Error; they are the caller's own
	}
	var netErr net.Error
	var connectErr *pgconn.ConnectError
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &netErr), errors.As(err, &connectErr),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.Is(err, redis.ErrClosed), pgconn.SafeToRetry(err):
		return true
	case errors.As(err, &pgErr):
		// Class 08: connection exception; 53: insufficient resources; 57P: the
		// server is shutting down or starting; 25006: read-only transaction.
		return strings.HasPrefix(pgErr.Code, "08") || strings.HasPrefix(pgErr.Code, "53") ||
			strings.HasPrefix(pgErr.Code, "57P") || pgErr.Code == "25006"
	}
	var reply redis.Error
	if errors.As(err, &reply) {
		// Redis refusing to serve rather than refusing the command.
		for _, prefix := range []string{"LOADING", "READONLY", "NOREPLICAS", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "MISCONF", "OOM", "BUSY"} {
			if strings.HasPrefix(reply.Error(), prefix) {
				return true
			}
		}
	}
	// pgx reports a connection it closed after a failure this way.
	return strings.Contains(err.Error(), "conn closed") || strings.Contains(err.Error(), "connection refused")
}

// Unavailable is the package's Unavailable, for callers that reach the store through
// an interface (the bot's Inbox).
func (db *DB) Unavailable(err error) bool { return Unavailable(err) }
