package bot_test

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot"
	"github.com/uns-dtik/loket/store/storetest"
)

// TestExclusiveStandsByAndTakesOver: the second process waits while the first holds
// the number. When the first one's database session breaks it stops its work at
// once and takes the lock again, or, when another process has taken it meanwhile,
// stands by. Never are two at work.
func TestExclusiveStandsByAndTakesOver(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var active atomic.Int32 // how many are in their work at once
	// A process's attempts to lock wait while its gate is held: the test decides
	// who may try when a session breaks.
	var gateA, gateB sync.RWMutex
	gated := func(gate *sync.RWMutex) func(ctx context.Context) (loket.Lock, error) {
		return func(ctx context.Context) (loket.Lock, error) {
			gate.RLock()
			defer gate.RUnlock()
			return env.DB.TryLockConnection(ctx)
		}
	}
	run := func(name string, lock func(context.Context) (loket.Lock, error), standby *atomic.Int32, worked chan<- string) <-chan error {
		e := &bot.Exclusive{Lock: lock, Poll: 50 * time.Millisecond, OnStandby: func() { standby.Add(1) }}
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
	doneA := run("a", gated(&gateA), &standbyA, worked)
	if got := <-worked; got != "a" {
		t.Fatalf("%s worked first", got)
	}
	doneB := run("b", gated(&gateB), &standbyB, worked)
	time.Sleep(300 * time.Millisecond)
	if standbyB.Load() != 1 || len(worked) != 0 {
		t.Fatalf("b did not stand by (standby %d, worked %d)", standbyB.Load(), len(worked))
	}
	// a's session dies (PostgreSQL restarted, say): a lets go of its work at once,
	// takes the lock again on a fresh session (b cannot try meanwhile) and works
	// again; b still stands by.
	gateB.Lock()
	killHolder(t, env)
	select {
	case got := <-worked:
		if got != "a" {
			t.Fatalf("%s took the number", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a did not work again after its session broke")
	}
	gateB.Unlock()
	time.Sleep(300 * time.Millisecond)
	if active.Load() != 1 || standbyA.Load() != 0 || standbyB.Load() != 1 {
		t.Fatalf("after a's session broke: %d at work, a stood by %d times, b %d", active.Load(), standbyA.Load(), standbyB.Load())
	}
	// Now another process takes the lock the moment a's session dies: a must let
	// go and stand by; when that one goes, a lock holder works again.
	gateA.Lock()
	gateB.Lock()
	killHolder(t, env)
	var other loket.Lock
	for deadline := time.Now().Add(2 * time.Second); other == nil && time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		other, _ = env.DB.TryLockConnection(ctx)
	}
	gateA.Unlock()
	gateB.Unlock()
	if other == nil {
		t.Fatal("the lock never came free after its holder's session was ended")
	}
	time.Sleep(300 * time.Millisecond)
	if active.Load() != 0 || standbyA.Load() != 1 {
		t.Fatalf("with the number taken: %d at work, a stood by %d times", active.Load(), standbyA.Load())
	}
	other.Release()
	select {
	case <-worked:
	case <-time.After(5 * time.Second):
		t.Fatal("nobody took the number after the other process let go")
	}
	time.Sleep(300 * time.Millisecond)
	if active.Load() != 1 {
		t.Fatalf("%d at work", active.Load())
	}
	cancel()
	for _, done := range []<-chan error{doneA, doneB} {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

// killHolder ends the database session holding this test's connection lock.
func killHolder(t *testing.T, env *storetest.Env) {
	t.Helper()
	holder, err := env.DB.ConnectionHolder(context.Background())
	_, pid, found := strings.Cut(holder, "pid ")
	if err != nil || !found {
		t.Fatalf("holder %q: %v", holder, err)
	}
	if _, err := env.DB.Pool.Exec(context.Background(), `SELECT pg_terminate_backend($1)`, strings.TrimSuffix(pid, ")")); err != nil {
		t.Fatal(err)
	}
}
