package bot_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot"
	"github.com/uns-dtik/loket/store/storetest"
)

// exclusiveRig runs two processes, a and b, contending for one number's lock on a
// real database. Each one's attempts to lock wait while its gate is held: the test
// decides who may try when a session breaks.
type exclusiveRig struct {
	t            *testing.T
	env          *storetest.Env
	ctx          context.Context
	active       atomic.Int32 // how many are in their work at once
	gateA, gateB sync.RWMutex
	standbyA     atomic.Int32
	standbyB     atomic.Int32
	worked       chan string
	doneA, doneB <-chan error
	stop         context.CancelFunc
}

func newExclusiveRig(t *testing.T) *exclusiveRig {
	r := &exclusiveRig{t: t, env: storetest.New(t), worked: make(chan string, 4)}
	r.ctx, r.stop = context.WithCancel(context.Background())
	t.Cleanup(r.stop)
	return r
}

// run starts one process, gated by gate, counting its stand-bys in standby.
func (r *exclusiveRig) run(name string, gate *sync.RWMutex, standby *atomic.Int32) <-chan error {
	lock := func(ctx context.Context) (loket.Lock, error) {
		gate.RLock()
		defer gate.RUnlock()
		return r.env.DB.TryLockConnection(ctx)
	}
	e := &bot.Exclusive{Lock: lock, Poll: 50 * time.Millisecond, OnStandby: func() { standby.Add(1) }}
	done := make(chan error, 1)
	go func() {
		done <- e.Run(r.ctx, func(ctx context.Context) error {
			if r.active.Add(1) > 1 {
				r.t.Errorf("%s works while the other does", name)
			}
			r.worked <- name
			<-ctx.Done()
			r.active.Add(-1)
			return nil
		})
	}()
	return done
}

// start runs a, waits until it works, then runs b and checks that b stands by.
func (r *exclusiveRig) start() {
	r.t.Helper()
	r.doneA = r.run("a", &r.gateA, &r.standbyA)
	if got := <-r.worked; got != "a" {
		r.t.Fatalf("%s worked first", got)
	}
	r.doneB = r.run("b", &r.gateB, &r.standbyB)
	time.Sleep(300 * time.Millisecond)
	if r.standbyB.Load() != 1 || len(r.worked) != 0 {
		r.t.Fatalf("b did not stand by (standby %d, worked %d)", r.standbyB.Load(), len(r.worked))
	}
}

// expectWorker waits for want to take up its work again.
func (r *exclusiveRig) expectWorker(want, after string) {
	r.t.Helper()
	select {
	case got := <-r.worked:
		if want != "" && got != want {
			r.t.Fatalf("%s took the number %s", got, after)
		}
	case <-time.After(5 * time.Second):
		r.t.Fatalf("nobody worked again %s", after)
	}
}

// finish stops both processes and checks they ended cleanly.
func (r *exclusiveRig) finish() {
	r.t.Helper()
	r.stop()
	for _, done := range []<-chan error{r.doneA, r.doneB} {
		if err := <-done; err != nil {
			r.t.Fatal(err)
		}
	}
}

// takeFreedLock takes the connection lock on a session of the test's own as soon
// as it comes free.
func (r *exclusiveRig) takeFreedLock() loket.Lock {
	r.t.Helper()
	var other loket.Lock
	for deadline := time.Now().Add(2 * time.Second); other == nil && time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		other, _ = r.env.DB.TryLockConnection(r.ctx)
	}
	if other == nil {
		r.t.Fatal("the lock never came free after its holder's session was ended")
	}
	return other
}

// TestExclusiveStandsByAndTakesOver: the second process waits while the first holds
// the number. When the first one's database session breaks it stops its work at
// once and takes the lock again, or, when another process has taken it meanwhile,
// stands by. Never are two at work.
func TestExclusiveStandsByAndTakesOver(t *testing.T) {
	t.Parallel()
	r := newExclusiveRig(t)
	r.start()
	// a's session dies (PostgreSQL restarted, say): a lets go of its work at once,
	// takes the lock again on a fresh session (b cannot try meanwhile) and works
	// again; b still stands by.
	r.gateB.Lock()
	r.env.EndNumberHolder(t)
	r.expectWorker("a", "after a's session broke")
	r.gateB.Unlock()
	time.Sleep(300 * time.Millisecond)
	if r.active.Load() != 1 || r.standbyA.Load() != 0 || r.standbyB.Load() != 1 {
		t.Fatalf("after a's session broke: %d at work, a stood by %d times, b %d", r.active.Load(), r.standbyA.Load(), r.standbyB.Load())
	}
	// Now another process takes the lock the moment a's session dies and keeps it:
	// a must let go and stand by; when that one goes, a lock holder works again.
	r.gateA.Lock()
	r.gateB.Lock()
	r.env.EndNumberHolder(t)
	other := r.takeFreedLock()
	r.gateA.Unlock()
	r.gateB.Unlock()
	for deadline := time.Now().Add(5 * time.Second); r.standbyA.Load() == 0 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if r.active.Load() != 0 || r.standbyA.Load() != 1 {
		t.Fatalf("with the number taken: %d at work, a stood by %d times", r.active.Load(), r.standbyA.Load())
	}
	other.Release()
	r.expectWorker("", "after the other process let go")
	time.Sleep(300 * time.Millisecond)
	if r.active.Load() != 1 {
		t.Fatalf("%d at work", r.active.Load())
	}
	r.finish()
}

// TestExclusiveWaitsOutItsOwnDyingSession: a session PostgreSQL has been told to
// end keeps its locks for a moment after its client has seen it break (CI once
// caught the holder standing by for its own lock). The holder takes the lock again
// once the dying session lets go, without standing by as though another process
// had the number.
func TestExclusiveWaitsOutItsOwnDyingSession(t *testing.T) {
	t.Parallel()
	r := newExclusiveRig(t)
	r.start()
	r.gateA.Lock()
	r.gateB.Lock()
	r.env.EndNumberHolder(t)
	lingering := r.takeFreedLock() // plays a's session in its last moments
	r.gateA.Unlock()
	time.Sleep(200 * time.Millisecond)
	lingering.Release()
	r.expectWorker("a", "after its session broke")
	r.gateB.Unlock()
	time.Sleep(300 * time.Millisecond)
	if r.active.Load() != 1 || r.standbyA.Load() != 0 || r.standbyB.Load() != 1 {
		t.Fatalf("after a's session broke: %d at work, a stood by %d times, b %d", r.active.Load(), r.standbyA.Load(), r.standbyB.Load())
	}
	r.finish()
}
