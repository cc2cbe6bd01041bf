package bot_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uns-dtik/loket/bot"
	"github.com/uns-dtik/loket/store/storetest"
)

// TestExclusiveStandsByAndTakesOver: the second process waits while the first holds
// the number; when the first one's database session dies (as with kill -9, or a
// PostgreSQL restart), its work is stopped and one of them takes the number again;
// never both.
func TestExclusiveStandsByAndTakesOver(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var active atomic.Int32 // how many are in their work at once
	run := func(name string, standby *atomic.Int32, worked chan<- string) <-chan error {
		e := &bot.Exclusive{Lock: env.DB.TryLockConnection, Poll: 50 * time.Millisecond,
			OnStandby: func() { standby.Add(1) }}
		done := make(chan error, 1)
		go func() {
			done <- e.Run(ctx, func(ctx context.Context) error {
				if active.Add(1) > 1 {
					t.Errorf("%s works while the other does", name)
				}
				worked <- name
				<-ctx.Done()
				active.Add(-1)
				return nil
			})
		}()
		return done
	}
	var standbyA, standbyB atomic.Int32
	worked := make(chan string, 4)
	doneA := run("a", &standbyA, worked)
	if got := <-worked; got != "a" {
		t.Fatalf("%s worked first", got)
	}
	doneB := run("b", &standbyB, worked)
	time.Sleep(300 * time.Millisecond)
	if standbyB.Load() != 1 || len(worked) != 0 {
		t.Fatalf("b did not stand by (standby %d, worked %d)", standbyB.Load(), len(worked))
	}
	// a's session dies: whoever holds the lock's connection is cut off.
	if _, err := env.DB.Pool.Exec(ctx, `SELECT pg_terminate_backend(l.pid) FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted`); err != nil {
		t.Fatal(err)
	}
	// Either may take the number now (a stood by again), never both at once.
	var next string
	select {
	case next = <-worked:
	case <-time.After(5 * time.Second):
		t.Fatal("nobody took over")
	}
	time.Sleep(300 * time.Millisecond)
	if next == "b" && standbyA.Load() != 1 {
		t.Fatalf("a, having lost the lock, stood by %d times", standbyA.Load())
	}
	if active.Load() != 1 || len(worked) != 0 {
		t.Fatalf("%d at work, %d more started", active.Load(), len(worked))
	}
	cancel()
	for _, done := range []<-chan error{doneA, doneB} {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}
