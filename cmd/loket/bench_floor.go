package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/sync/errgroup"
)

// floorSession is what the floor keeps per chat in Redis: about the size of a
// dialog's session (775 bytes when the issue measured it).
var floorSession = strings.Repeat("s", 775)

// floor is the least any bot with a durable inbox and sessions in Redis must do per
// message, at the bench's concurrency: one PostgreSQL INSERT committed (the message
// recorded), one Redis GET (the session loaded) and one Redis SET (saved). It runs
// on the same connection pool and Redis client as Loket, in the same process, so
// the ratio between the two is what Loket's own work costs. Each of chats loops
// until messages have been done between them and a second has passed (a tenth of a
// second of floor is mostly noise on a shared machine), or until is past (when not
// zero).
//
// With oneAtATime, the INSERTs take turns, as a bot's records do: whatsmeow hands
// the bot one message at a time, and each must be on disk before WhatsApp is
// acknowledged and the next one comes. The GETs and SETs still run side by side, as
// the bot's workers do. This floor is what any bot fed by one whatsmeow connection can
// reach; the floor (all side by side) is the ratio's yardstick.
func (a *app) floor(ctx context.Context, chats, messages int, until time.Time, oneAtATime bool, st *phaseStats) error {
	if _, err := a.db.Pool.Exec(ctx, `CREATE TABLE IF NOT EXISTS bench_floor (
		seq bigserial PRIMARY KEY, chat text NOT NULL, body text NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("floor: %w", err)
	}
	var left atomic.Int64
	var recordTurn sync.Mutex
	left.Store(int64(messages))
	atLeast := time.Now().Add(time.Second)
	g, gctx := errgroup.WithContext(ctx)
	for c := range chats {
		chat := applicantPhone(c)
		key := a.cfg.RedisPrefix + "floor:{" + chat + "}"
		g.Go(func() error {
			for (left.Add(-1) >= 0 || time.Now().Before(atLeast)) && (until.IsZero() || time.Now().Before(until)) {
				start := time.Now()
				if err := a.redis.Get(gctx, key).Err(); err != nil && !errors.Is(err, redis.Nil) {
					return fmt.Errorf("floor: redis get: %w", err)
				}
				if oneAtATime {
					recordTurn.Lock()
				}
				_, err := a.db.Pool.Exec(gctx, `INSERT INTO bench_floor (chat, body) VALUES ($1, $2)`, chat, "halo, saya mau mengajukan lisensi zoom")
				if oneAtATime {
					recordTurn.Unlock()
				}
				if err != nil {
					return fmt.Errorf("floor: insert: %w", err)
				}
				if err := a.redis.Set(gctx, key, floorSession, time.Hour).Err(); err != nil {
					return fmt.Errorf("floor: redis set: %w", err)
				}
				st.answered("", time.Since(start))
			}
			return nil
		})
	}
	return g.Wait()
}
