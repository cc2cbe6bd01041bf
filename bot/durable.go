package bot

import "sync/atomic"

// durability tells which of this process's asynchronous inbox marks are certainly on
// disk, without asking PostgreSQL.
//
// Why it matters: a message's "handled" mark is committed without waiting for the
// disk, so a crash of PostgreSQL (not of Loket) may lose it and the message is
// handled again. That is harmless only for the last message a chat applied: the
// dialog's session remembers the last sequence and its replies, not the ones before
// (conversation.Handle). So before a chat's next message is applied, its previous
// mark must be on disk. It usually is already: PostgreSQL flushes the WAL in order,
// so any synchronous commit that began after the mark returned — the next inbound
// message's record, of any chat — put it there. Only when none did (the chat's next
// message was recorded while the previous one was still in hand, and nothing came
// since) does the next claim wait for the disk itself.
//
// Events are ordered by ticks of one clock: a mark ticks once it returned; a
// synchronous commit ticks when it starts, and once it has returned, every mark that
// ticked before it is on disk.
type durability struct {
	clock atomic.Int64
	// flushed: every mark that ticked below it is on disk.
	flushed atomic.Int64
	// since is when this process took over the inbox: marks made before, by whoever
	// dispatched then, are on disk once a commit that began after it is.
	since atomic.Int64
}

// tick reads the clock, moving it on.
func (d *durability) tick() int64 { return d.clock.Add(1) }

// synced records that a synchronous commit that began at tick started has returned.
func (d *durability) synced(started int64) {
	for {
		f := d.flushed.Load()
		if started <= f || d.flushed.CompareAndSwap(f, started) {
			return
		}
	}
}

// onDisk reports whether a mark that ticked at t (or before this process took over,
// whichever is later) is certainly on disk.
func (d *durability) onDisk(t int64) bool {
	return max(t, d.since.Load()) < d.flushed.Load()
}

// takeOver notes that this process starts dispatching now.
func (d *durability) takeOver() { d.since.Store(d.tick()) }
