package bot

import (
	"context"
	"log/slog"
	"time"

	"github.com/uns-dtik/loket"
)

// Exclusive keeps one live WhatsApp connection per number. WhatsApp allows one
// connection per linked device, and two processes with the same keys push each other
// off (stream replaced) for ever; two bots dispatching one inbox would also race. So
// everything that talks to WhatsApp runs only while this process holds the number's
// lock, a PostgreSQL session lock: a second process stands by, trying the lock every
// Poll, and takes over within seconds of the first one's end — a kill -9 included,
// since the lock goes with its database session.
type Exclusive struct {
	// Lock takes the lock, or returns nil when another process holds it
	// (store.DB.TryLockConnection).
	Lock func(ctx context.Context) (loket.Lock, error)
	// Poll is how often a standby tries the lock (default 5 s); the holder checks
	// it still has it every second (or Poll, if shorter).
	Poll time.Duration
	Log  *slog.Logger
	// OnStandby, when set, is told each time this process starts standing by, and
	// OnActive each time it takes over.
	OnStandby, OnActive func()
}

// lostKey is the context key under which Run gives work the context that ends when
// the lock is lost.
type lostKey struct{}

// LockLost returns a context that ends when the lock of the Exclusive running ctx's
// work is lost — even after ctx itself has ended, while the work drains — or nil
// outside Exclusive. Whatever talks to WhatsApp must then let go at once, without a
// drain: another process may be taking the number.
func LockLost(ctx context.Context) context.Context {
	lost, _ := ctx.Value(lostKey{}).(context.Context)
	return lost
}

// Run runs work while the lock is held, until ctx ends. The lock is checked every
// second for as long as work runs (its drain included); when its session no longer
// answers — PostgreSQL restarted or unreachable, the network gone — work's context
// and LockLost end at once, and once work has returned this process takes the lock
// again or stands by. Staying connected to WhatsApp without PostgreSQL would be
// worse than useless: whatsmeow keeps its encryption sessions there, so it would
// acknowledge messages it cannot decrypt, and WhatsApp would drop them; cut off,
// WhatsApp keeps them until the bot is back.
func (e *Exclusive) Run(ctx context.Context, work func(ctx context.Context) error) error {
	retaking := false
	for {
		lock, err := e.wait(ctx, retaking)
		if err != nil {
			return nil // ctx ended while standing by
		}
		lost, loseLock := context.WithCancel(context.WithoutCancel(ctx))
		held, release := context.WithCancel(context.WithValue(ctx, lostKey{}, lost))
		context.AfterFunc(lost, release)
		watching, stopWatching := context.WithCancel(context.WithoutCancel(ctx))
		watched := make(chan struct{})
		go func() {
			defer close(watched)
			if e.watch(watching, lock) {
				loseLock()
			}
		}()
		err = work(held)
		stopWatching()
		<-watched
		wasLost := lost.Err() != nil
		loseLock()
		release()
		lock.Release()
		if !wasLost || ctx.Err() != nil {
			return err
		}
		e.log().Warn("lost the WhatsApp number's lock (its database session broke); let go of WhatsApp, taking the lock again")
		retaking = true
	}
}

// ownSessionGrace is how long a process that lost its lock keeps trying it before
// it stands by: the server ends a broken session's backend a moment after the client
// saw it break, and until then that backend still holds the lock. A lock still held
// after this belongs to another process, or to a session the server has not yet
// found dead (a network cut), and either way standing by is right.
const ownSessionGrace = 2 * time.Second

// wait takes the lock, standing by while another process holds it. retaking says
// this process has just lost the lock: its own dying session may hold it a moment
// longer, so for ownSessionGrace it tries again often, without standing by.
func (e *Exclusive) wait(ctx context.Context, retaking bool) (loket.Lock, error) {
	standing := false
	contended := false // the lock was found taken: its holder may still be at work
	var graceEnds time.Time
	if retaking {
		graceEnds = time.Now().Add(ownSessionGrace)
	}
	for {
		lock, err := e.Lock(ctx)
		inGrace := time.Now().Before(graceEnds)
		contended = contended || (lock == nil && err == nil)
		switch {
		case lock != nil:
			if contended {
				// The holder may not be dead: one whose database session broke still
				// works until its next check finds the lock gone. Give it that long
				// to let go. (A process that finds the lock free at its first try
				// starts at once: a restart after a crash is not slowed.)
				if !sleep(ctx, 3*e.checkEvery()) {
					lock.Release()
					return nil, ctx.Err()
				}
			}
			if standing {
				e.log().Info("took over the WhatsApp connection")
			}
			if e.OnActive != nil {
				e.OnActive()
			}
			return lock, nil
		case err != nil && ctx.Err() == nil:
			e.log().Warn("cannot take the WhatsApp connection lock; trying again", "err", err)
		case err == nil && inGrace:
			if !sleep(ctx, min(orDefault(e.Poll, 5*time.Second), 100*time.Millisecond)) {
				return nil, ctx.Err()
			}
			continue
		case err == nil && !standing:
			standing = true
			e.log().Warn("another Loket process holds this WhatsApp number; standing by to take over")
			if e.OnStandby != nil {
				e.OnStandby()
			}
		}
		if !sleep(ctx, orDefault(e.Poll, 5*time.Second)) {
			return nil, ctx.Err()
		}
	}
}

// checkEvery is how often the holder checks it still holds the lock, and how long
// it gives the check: a standby that took the lock waits three times this before it
// starts, by when a holder that lost it has let go.
func (e *Exclusive) checkEvery() time.Duration {
	return min(orDefault(e.Poll, 5*time.Second), time.Second)
}

// watch checks the lock every second until ctx ends, and reports true when the
// lock's session stopped answering within that second.
func (e *Exclusive) watch(ctx context.Context, lock loket.Lock) bool {
	every := e.checkEvery()
	for sleep(ctx, every) {
		check, cancel := context.WithTimeout(ctx, every)
		held := lock.Held(check)
		cancel()
		if !held && ctx.Err() == nil {
			return true
		}
	}
	return false
}

func (e *Exclusive) log() *slog.Logger {
	if e.Log == nil {
		return slog.Default()
	}
	return e.Log
}
