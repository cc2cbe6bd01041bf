package bot

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/uns-dtik/loket/store"
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
	Lock func(ctx context.Context) (*store.SessionLock, error)
	// Poll is how often a standby tries the lock (default 5 s); the holder checks
	// it still has it every second (or Poll, if shorter).
	Poll time.Duration
	Log  *slog.Logger
	// OnStandby, when set, is told each time this process starts standing by, and
	// OnActive each time it takes over.
	OnStandby, OnActive func()
}

// ErrLockLost is the cause of the work's context ending when another process took
// the number: whatever talks to WhatsApp must let go at once, without a drain.
var ErrLockLost = errors.New("bot: another process took the WhatsApp number")

// Run runs work while the lock is held, until ctx ends. When another process takes
// the lock (this one's database session broke, PostgreSQL restarted), work's
// context ends with the cause ErrLockLost, and once work has returned this process
// stands by again.
func (e *Exclusive) Run(ctx context.Context, work func(ctx context.Context) error) error {
	for {
		lock, err := e.wait(ctx)
		if err != nil {
			return nil // ctx ended while standing by
		}
		held, release := context.WithCancelCause(ctx)
		watched := make(chan *store.SessionLock, 1)
		go func() { watched <- e.watch(held, lock, release) }()
		err = work(held)
		lost := errors.Is(context.Cause(held), ErrLockLost)
		release(nil)
		if last := <-watched; last != nil {
			last.Release()
		}
		if !lost || ctx.Err() != nil {
			return err
		}
		e.log().Warn("another process took the WhatsApp number; standing by")
	}
}

// wait takes the lock, standing by while another process holds it.
func (e *Exclusive) wait(ctx context.Context) (*store.SessionLock, error) {
	standing := false
	for {
		lock, err := e.Lock(ctx)
		switch {
		case lock != nil:
			if standing {
				// The holder may not be dead: one whose database session broke still
				// works until its next check finds the lock gone. Give it that long
				// to let go. (A process that finds the lock free at its first try
				// starts at once: a restart after a crash is not slowed.)
				if !sleep(ctx, 2*e.checkEvery()) {
					lock.Release()
					return nil, ctx.Err()
				}
				e.log().Info("took over the WhatsApp connection")
			}
			if e.OnActive != nil {
				e.OnActive()
			}
			return lock, nil
		case err != nil && ctx.Err() == nil:
			e.log().Warn("cannot take the WhatsApp connection lock; trying again", "err", err)
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

// checkEvery is how often the holder checks it still holds the lock: often, for a
// standby that took the lock waits this long twice before it starts.
func (e *Exclusive) checkEvery() time.Duration {
	return min(orDefault(e.Poll, 5*time.Second), time.Second)
}

// watch checks the lock until ctx ends, and returns the lock it holds then. When the
// lock's session no longer answers, it takes the lock again on a fresh session:
// nobody else can have it yet (a standby waits before it starts). If another
// process has taken it, watch ends the work with ErrLockLost. While PostgreSQL does
// not answer at all, the work goes on — nobody can take the number meanwhile, and
// the bot's outage handling (notices to waiting chats) needs WhatsApp.
func (e *Exclusive) watch(ctx context.Context, lock *store.SessionLock, release context.CancelCauseFunc) *store.SessionLock {
	every := e.checkEvery()
	for sleep(ctx, every) {
		if lock != nil {
			check, cancel := context.WithTimeout(ctx, 5*time.Second)
			held := lock.Held(check)
			cancel()
			if held || ctx.Err() != nil {
				continue
			}
			lock.Release()
			lock = nil
		}
		again, err := e.Lock(ctx)
		switch {
		case again != nil:
			lock = again
			e.log().Info("the database session holding the WhatsApp number broke; took the number's lock again")
		case err == nil && ctx.Err() == nil:
			release(ErrLockLost)
			return nil
		}
	}
	return lock
}

func (e *Exclusive) log() *slog.Logger {
	if e.Log == nil {
		return slog.Default()
	}
	return e.Log
}
