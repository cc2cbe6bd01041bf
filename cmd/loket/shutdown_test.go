package main

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot"
	"github.com/uns-dtik/loket/bot/sim"
	"github.com/uns-dtik/loket/store/storetest"
)

// slowHandler takes a while over every message, as a letter check does.
type slowHandler struct {
	bot.Handler
	finished *atomic.Int64 // when the last message was done (unix nanoseconds)
}

func (s slowHandler) Handle(ctx context.Context, msg loket.Message) ([]loket.Reply, error) {
	time.Sleep(2 * time.Second) // longer than the lock's check
	defer s.finished.Store(time.Now().UnixNano())
	return s.Handler.Handle(ctx, msg)
}

// TestConnectionOutlivesTheDrain: at a shutdown the WhatsApp connection (what feeds
// the bot) stays until the messages in hand are finished and their replies sent;
// when the number's lock is lost (its database session broke) it is cut at once.
func TestConnectionOutlivesTheDrain(t *testing.T) {
	env := storetest.New(t)
	t.Setenv("LOKET_DATABASE_URL", env.DatabaseURL)
	t.Setenv("LOKET_REDIS_PREFIX", env.Prefix)
	var finished atomic.Int64
	defer func(w func(bot.Handler) bot.Handler) { wrapHandler = w }(wrapHandler)
	wrapHandler = func(h bot.Handler) bot.Handler { return slowHandler{Handler: h, finished: &finished} }

	for _, c := range []struct {
		name  string
		lose  bool // the lock's session breaks instead of a shutdown
		after bool // the connection ends after the message in hand
	}{{"shutdown", false, true}, {"lock lost", true, false}} {
		t.Run(c.name, func(t *testing.T) {
			err := withApp(context.Background(), func(a *app) error {
				b := a.newBot(prometheus.NewRegistry())
				wa := sim.New(b.HandleEvent)
				defer wa.Close()
				b.Client = wa
				var fed atomic.Int64
				feed := func(ctx context.Context) error {
					<-ctx.Done()
					if fed.Load() == 0 {
						fed.Store(time.Now().UnixNano())
					}
					return nil
				}
				ctx, stop := context.WithCancel(context.Background())
				defer stop()
				done := make(chan error, 1)
				go func() {
					done <- a.exclusive(nil, nil).Run(ctx, func(ctx context.Context) error { return a.runBot(ctx, b, feed) })
				}()
				for connected(t, env) == "" {
					time.Sleep(10 * time.Millisecond)
				}
				if _, err := wa.Send(sim.Inbound{From: "6281234500001", Text: "halo"}); err != nil {
					return err
				}
				time.Sleep(100 * time.Millisecond) // the message is in hand
				if c.lose {
					holder, _ := env.DB.ConnectionHolder(context.Background())
					_, pid, _ := strings.Cut(holder, "pid ")
					if _, err := env.DB.Pool.Exec(context.Background(), `SELECT pg_terminate_backend($1)`, strings.TrimSuffix(pid, ")")); err != nil {
						return err
					}
					for fed.Load() == 0 {
						time.Sleep(10 * time.Millisecond)
					}
				}
				stop()
				if err := <-done; err != nil {
					return err
				}
				if (fed.Load() > finished.Load()) != c.after {
					t.Errorf("the connection ended %v after the message in hand was done; want it after: %v",
						time.Duration(fed.Load()-finished.Load()), c.after)
				}
				if c.after && len(wa.Sent("6281234500001", 0)) != 1 {
					t.Errorf("the reply to the message in hand did not go out before the connection closed")
				}
				return nil
			})
			if err != nil && !errors.Is(err, context.Canceled) {
				t.Fatal(err)
			}
		})
	}
}
