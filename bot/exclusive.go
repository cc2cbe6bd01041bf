package bot

import (
	"context"
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

// Run runs work while the lock is held, until ctx ends. When the lock is lost (the
// database session broke: PostgreSQL restarted, the network dropped), work's context
// ends, and once work has returned the process stands by again: the other process
// may hold the lock by now.
func (e *Exclusive) Run(ctx context.Context, work func(ctx context.Context) error) error {
	for {
		lock, err := e.wait(ctx)
		if err != nil {
			return nil // ctx ended while standing by
		}
		held, release := context.WithCancel(ctx)
		watched := make(chan bool, 1)
		go func() { watched <- e.watch(held, lock, release) }()
		err = work(held)
		release()
		lost := <-watched
		lock.Release()
		if !lost || ctx.Err() != nil {
			return err
		}
		e.log().Warn("lost the WhatsApp connection lock (the database session broke); standing by until it can be taken again")
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

// watch checks the lock until ctx ends; when the lock's session no longer answers it
// ends the work (release) and reports true.
func (e *Exclusive) watch(ctx context.Context, lock *store.SessionLock, release func()) bool {
	every := e.checkEvery()
	for sleep(ctx, every) {
		check, cancel := context.WithTimeout(ctx, every)
		held := lock.Held(check)
		cancel()
		if !held && ctx.Err() == nil {
			release()
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
