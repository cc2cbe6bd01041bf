package bot

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/uns-dtik/loket"
)

// pollEvery is how often the dispatcher looks at the inbox without being poked; it
// picks up retries and anything recorded by another process.
const pollEvery = time.Second

// pendingPerChat bounds one read of the inbox to the first messages of each chat, so
// a flood from one number never hides another chat's message.
const pendingPerChat = 50

// Run hands inbox messages to the Handler until ctx ends: one chat's messages
// strictly in the order they were sent, different chats at the same time. A message
// that fails is tried again later and its chat waits for it, so order is never lost.
//
// Only one process dispatches an inbox at a time (store.DispatchLock); another
// stands by and takes over when that one stops or dies.
//
// When ctx ends, Run stops taking messages (HandleEvent refuses them, so WhatsApp
// keeps them), lets the messages in hand finish for up to DrainTimeout, and returns
// only when every worker has: the stores may be closed after it.
func (b *Bot) Run(ctx context.Context) error {
	b.init()
	b.stopping.Store(false) // a bot that stood by runs again
	// Workers get a context of their own: a shutdown lets them finish what they hold.
	work, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	var wg sync.WaitGroup
	slots := make(chan struct{}, orDefault(b.Workers, 16))
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	l := b.limits()
	var lock loket.Lock
	defer func() {
		if lock != nil {
			lock.Release()
		}
	}()
	standingBy := false
	var lockChecked time.Time
	var inHand atomic.Int32 // jobs the workers hold
dispatch:
	for ctx.Err() == nil {
		// Chats held by an outage are told so even while the lock is lost with the
		// database: this process is the one their messages reached.
		b.sendOutageNotices(ctx, &wg, l.outageAfter)
		// The lock is checked once a second, not at every pass: under load a pass
		// comes every BusyRead, and a check is a round trip. A standby taking over
		// waits that long first (lockDispatch), so two never dispatch at once.
		if lock != nil && time.Since(lockChecked) >= lockCheckEvery && lock.Held(ctx) {
			lockChecked = time.Now()
		}
		if lock == nil || time.Since(lockChecked) >= lockCheckEvery { // none, or it was lost
			if lock, standingBy = b.lockDispatch(ctx, lock, standingBy); lock == nil {
				select {
				case <-ctx.Done():
				case <-tick.C:
				}
				continue
			}
			b.chats.disk.takeOver()
			lockChecked = time.Now()
		}
		// This read serves every poke so far; taken before readAt, so a worker's
		// poke it takes came after that worker gave its chat back.
		select {
		case <-b.wake:
		default:
		}
		readAt := time.Now()
		rows, err := b.Inbox.PendingInbox(ctx, pendingPerChat)
		if err != nil && ctx.Err() == nil {
			b.log().Error("read inbox", "err", err)
		}
		jobs, next := b.chats.schedule(rows, readAt, time.Now(), l)
		for _, j := range jobs {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				b.chats.finish(j.chat, outage, time.Now())
				break dispatch
			}
			inHand.Add(1)
			wg.Go(func() {
				defer func() { <-slots; inHand.Add(-1); b.poke() }()
				b.chats.finish(j.chat, b.runJob(work, j), time.Now())
			})
		}
		due := time.NewTimer(time.Hour) // a chat waits for a moment (calm pace, settling)
		if !next.IsZero() {
			due.Reset(time.Until(next))
		}
		select {
		case <-ctx.Done():
		case <-b.wake:
		case <-tick.C:
		case <-due.C:
		}
		due.Stop()
		b.spaceReads(ctx, readAt, &inHand)
	}
	b.stopping.Store(true)
	drained := make(chan struct{})
	go func() { wg.Wait(); close(drained) }()
	select {
	case <-drained:
	case <-time.After(orDefault(b.DrainTimeout, 10*time.Second)):
		b.log().Warn("shutdown: messages still in hand after the drain time; they will be handled again after the restart")
		stopWork()
		<-drained
	}
	return ctx.Err()
}

// lockCheckEvery is how often the dispatcher checks it still holds the dispatch lock.
const lockCheckEvery = time.Second

// spaceReads waits, while workers hold messages, until BusyRead has passed since the
// last read: under load every message recorded and every job done pokes the
// dispatcher, and one read then serves all of them instead of one read each. It
// returns at once when the last worker is done, so a quiet bot answers as fast as
// before; retries and other processes' messages are the poll's (pollEvery) anyway.
func (b *Bot) spaceReads(ctx context.Context, lastRead time.Time, inHand *atomic.Int32) {
	gap := time.NewTimer(time.Until(lastRead.Add(orDefault(b.BusyRead, 5*time.Millisecond))))
	defer gap.Stop()
	for inHand.Load() > 0 {
		select {
		case <-ctx.Done():
			return
		case <-gap.C:
			return
		case <-b.wake: // served by the read that follows
		}
	}
}

// lockDispatch releases a lock that was lost and tries to take it (again), saying
// once when another process has it: this one stands by, and takes over when that
// one stops or dies.
func (b *Bot) lockDispatch(ctx context.Context, lost loket.Lock, standingBy bool) (loket.Lock, bool) {
	if lost != nil {
		lost.Release()
		b.log().Warn("lost the dispatch lock (the database connection broke); taking it again")
	}
	lock, err := b.Inbox.TryLockDispatch(ctx)
	switch {
	case err != nil:
		if ctx.Err() == nil {
			b.log().Error("dispatch lock", "err", err)
		}
	case lock == nil && !standingBy:
		b.log().Warn("another process dispatches this inbox; standing by to take over")
		return nil, true
	case lock != nil && standingBy:
		// The holder may not be dead: one whose database session broke dispatches
		// until its next check finds the lock gone (lockCheckEvery). Give it that
		// long. (A dispatcher that finds the lock free at its first try starts at
		// once: under loket run, bot.Exclusive has waited already.)
		if !sleep(ctx, lockCheckEvery*3/2) {
			lock.Release()
			return nil, false
		}
		b.log().Info("took over dispatching the inbox")
	}
	return lock, standingBy && lock == nil
}

// runJob handles one chat's messages in order and stops at the first that cannot be
// handled now, so the next run starts again from it.
func (b *Bot) runJob(ctx context.Context, j job) outcome {
	if j.warn {
		// After the burst, however it went: the chat is calm from now on.
		defer func() {
			b.Metrics.FloodWarnings.Inc()
			b.sendBestEffort(ctx, j.chat, floodText, loket.NewMessageID())
		}()
	}
	for _, row := range j.rows {
		if o := b.handleRow(ctx, row); o != handled {
			return o
		}
	}
	return handled
}

// sendOutageNotices tells each chat an outage has held for longer than after that its
// message is kept; in the background, for WhatsApp may be slow too.
func (b *Bot) sendOutageNotices(ctx context.Context, wg *sync.WaitGroup, after time.Duration) {
	for _, chat := range b.chats.dueNotices(time.Now(), after) {
		b.chats.noticed(chat) // at most once, even if this send fails
		wg.Go(func() {
			if b.sendBestEffort(ctx, chat, outageText, loket.NewMessageID()) {
				b.Metrics.OutageNotices.Inc()
			}
		})
	}
}
