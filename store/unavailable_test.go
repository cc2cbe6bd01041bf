package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/redis/go-redis/v9"

	"github.com/uns-dtik/loket/store"
)

// TestUnavailableTellsOutagesFromFaults: errors of a store that cannot work are
// outages; a wrong statement, a refused command or a deadline of our own are not.
func TestUnavailableTellsOutagesFromFaults(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	down := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: time.Second})
	defer down.Close()
	_, redisDown := down.Get(ctx, "x").Result()
	_, pgDown := pgconn.Connect(ctx, "postgres://nobody@127.0.0.1:1/x?connect_timeout=1")
	for name, err := range map[string]error{
		"redis refused":        redisDown,
		"postgresql refused":   pgDown,
		"wrapped":              fmt.Errorf("handle: load session: %w", redisDown),
		"postgresql read-only": &pgconn.PgError{Code: "25006"},
		"postgresql shutdown":  &pgconn.PgError{Code: "57P01"},
	} {
		if !store.Unavailable(err) {
			t.Errorf("%s (%v) is not taken for an outage", name, err)
		}
	}
	for name, err := range map[string]error{
		"nil":                nil,
		"unique violation":   &pgconn.PgError{Code: "23505"},
		"a deadline of ours": fmt.Errorf("handle: %w", context.DeadlineExceeded),
		"a bug":              errors.New("index out of range"),
	} {
		if store.Unavailable(err) {
			t.Errorf("%s (%v) is taken for an outage", name, err)
		}
	}
}
