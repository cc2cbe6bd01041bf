package bot

import (
	"cmp"
	"slices"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/uns-dtik/loket"
)

// chats is what the dispatcher remembers of each chat between messages: whether a
// worker has it, when it may go on, how fast it is sending, and whether an outage or
// a message WhatsApp still holds keeps it waiting. Chats with nothing to remember
// are forgotten.
type chats struct {
	mu sync.Mutex
	m  map[string]*chatState
	// disk tells which chats' last marks are on disk.
	disk durability
}

type chatState struct {
	busy bool
	// finished is when a worker last gave the chat back: rows read before then may
	// be handled already.
	finished time.Time
	notUntil time.Time
	// fails counts failures in a row, for the backoff.
	fails int
	// waitingSince is when an outage started holding the chat; noticed is set once
	// the chat was told its message is kept.
	waitingSince time.Time
	noticed      bool
	// bucket lets FloodBurst messages per FloodWindow through; a chat that empties it
	// with more waiting is calm: one message per CalmEvery until it has caught up.
	bucket *rate.Limiter
	calm   bool
	// unrecorded are this chat's messages WhatsApp still holds because the inbox
	// could not take them (by ID, with when they were sent); held since then, the
	// chat's later messages wait for them.
	unrecorded     map[string]time.Time
	unrecordedFrom time.Time
	// marked is the tick (chats.disk) of the chat's last asynchronous "handled" mark:
	// until it is on disk, the chat's next message is claimed durably.
	marked int64
}

func newChats() *chats { return &chats{m: map[string]*chatState{}} }

// job is one chat's messages for a worker, in the order they were sent; warn asks the
// worker to tell the chat it is sending too fast.
type job struct {
	chat string
	rows []loket.InboxMessage
	warn bool
}

// The timings of ordering. A message recorded more than lateAfter after it was sent
// came late (a redelivery after an outage or a restart): messages sent before it may
// still be on their way, so the chat waits settle after its arrival before going on.
// A chat with a message WhatsApp still holds waits for it up to holdUnrecorded.
const (
	lateAfter      = 2 * time.Second
	settle         = 3 * time.Second
	holdUnrecorded = 2 * time.Minute
)

// limits are the Bot's flood settings, with defaults.
type limits struct {
	burst       int
	window      time.Duration
	calm        time.Duration
	outageAfter time.Duration
}

func (b *Bot) limits() limits {
	return limits{
		burst:       orDefault(b.FloodBurst, 20),
		window:      orDefault(b.FloodWindow, 10*time.Second),
		calm:        orDefault(b.CalmEvery, 3*time.Second),
		outageAfter: orDefault(b.OutageNotice, time.Minute),
	}
}

func (c *chats) state(chat string, l limits) *chatState {
	st := c.m[chat]
	if st == nil {
		st = &chatState{bucket: rate.NewLimiter(rate.Limit(float64(l.burst)/l.window.Seconds()), l.burst)}
		c.m[chat] = st
	}
	return st
}

// schedule turns the pending rows (in inbox order, read at readAt) into jobs for the
// chats that may go on now, and marks those chats busy. A chat a worker gave back
// after readAt is left for the next read: its rows here may be handled already. next
// is the earliest moment a chat left waiting may go on (zero when none waits).
func (c *chats) schedule(rows []loket.InboxMessage, readAt, now time.Time, l limits) (jobs []job, next time.Time) {
	byChat, order := byChatInTurn(rows)
	c.mu.Lock()
	defer c.mu.Unlock()
	wakeAt := func(t time.Time) {
		if next.IsZero() || t.Before(next) {
			next = t
		}
	}
	// Quarantine: a message that was in hand when a process died may be what killed
	// it. Such messages are handled one at a time with nothing else in hand, so a
	// crash counts against the guilty message only, never an innocent one that
	// happened to be in hand beside it.
	candidates, quarantine := order, false
	for _, chat := range order {
		if byChat[chat][0].Crashes > 0 {
			if c.anyBusy() {
				return nil, next
			}
			candidates, quarantine = []string{chat}, true
			break
		}
	}
	for _, chat := range candidates {
		st := c.state(chat, l)
		if st.busy || st.finished.After(readAt) {
			continue
		}
		if now.Before(st.notUntil) {
			wakeAt(st.notUntil)
			continue
		}
		if len(st.unrecorded) > 0 {
			if now.Sub(st.unrecordedFrom) < holdUnrecorded {
				continue
			}
			st.unrecorded, st.unrecordedFrom = nil, time.Time{} // WhatsApp gave it up
		}
		rs := byChat[chat]
		if until := settledAt(rs); now.Before(until) {
			st.notUntil = until
			wakeAt(until)
			continue
		}
		j := job{chat: chat, rows: rs}
		switch {
		case quarantine:
			j.rows = rs[:1]
		case st.calm:
			j.rows = rs[:1]
			st.notUntil = now.Add(l.calm)
		default:
			n := min(len(rs), int(st.bucket.TokensAt(now)))
			if n < len(rs) {
				st.calm, j.warn = true, true
				st.notUntil = now.Add(l.calm)
			}
			st.bucket.AllowN(now, n)
			j.rows = rs[:n]
		}
		st.busy = true
		jobs = append(jobs, j)
	}
	// A chat with nothing pending has caught up; one with nothing to remember goes.
	for chat, st := range c.m {
		if _, pending := byChat[chat]; pending || st.busy {
			continue
		}
		st.calm = false
		if len(st.unrecorded) > 0 && now.Sub(st.unrecordedFrom) >= holdUnrecorded {
			st.unrecorded, st.unrecordedFrom = nil, time.Time{} // WhatsApp gave it up
		}
		if st.waitingSince.IsZero() && len(st.unrecorded) == 0 && !now.Before(st.notUntil) &&
			st.bucket.TokensAt(now) >= float64(l.burst) && (st.marked == 0 || c.disk.onDisk(st.marked)) {
			delete(c.m, chat)
		}
	}
	return jobs, next
}

// byChatInTurn groups the rows (in inbox order) by chat, each chat's in the order
// they are to be applied: WhatsApp's order, not the order redeliveries happened to
// land in — except that a message whose handling ever started keeps its turn: it may
// have been applied, and a message put before it would make its replay look new.
// order lists the chats by their first row.
func byChatInTurn(rows []loket.InboxMessage) (byChat map[string][]loket.InboxMessage, order []string) {
	byChat = map[string][]loket.InboxMessage{}
	for _, r := range rows {
		if byChat[r.Chat] == nil {
			order = append(order, r.Chat)
		}
		byChat[r.Chat] = append(byChat[r.Chat], r)
	}
	for _, rs := range byChat {
		slices.SortStableFunc(rs, func(a, b loket.InboxMessage) int {
			if a.Claimed != b.Claimed {
				if a.Claimed {
					return -1
				}
				return 1
			}
			return cmp.Or(a.SentAt.Compare(b.SentAt), cmp.Compare(a.Seq, b.Seq))
		})
	}
	return byChat, order
}

// held reports whether a worker holds chat now: its answers may still be on their
// way. The sender leaves such a chat for its next pass, so a notification the
// message caused (/lihat's letter) never overtakes the answer it belongs to.
func (c *chats) held(chat string) bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	st := c.m[chat]
	return st != nil && st.busy
}

func (c *chats) anyBusy() bool {
	for _, st := range c.m {
		if st.busy {
			return true
		}
	}
	return false
}

// settledAt is when the chat's pending messages have settled: the arrival of its
// latest late message plus settle, or zero when none came late.
func settledAt(rs []loket.InboxMessage) time.Time {
	var until time.Time
	for _, r := range rs {
		if r.ReceivedAt.Sub(r.SentAt) > lateAfter {
			until = maxTime(until, r.ReceivedAt.Add(settle))
		}
	}
	return until
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// outcome is how a worker's run of a chat ended.
type outcome int

const (
	handled  outcome = iota // every message in the job is done
	ownFault                // a message failed by its own fault: back off, try again
	outage                  // a store or WhatsApp is away: wait, spend no attempt
)

// finish records how chat's job ended.
func (c *chats) finish(chat string, o outcome, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	st := c.m[chat]
	if st == nil {
		return
	}
	st.busy, st.finished = false, now
	switch o {
	case handled:
		st.fails = 0
		st.waitingSince, st.noticed = time.Time{}, len(st.unrecorded) > 0 && st.noticed
	case ownFault:
		st.fails++
		st.notUntil = maxTime(st.notUntil, now.Add(backoff(st.fails)))
	case outage:
		st.fails++
		// Short and capped: the chat goes on soon after the outage ends.
		st.notUntil = maxTime(st.notUntil, now.Add(min(backoff(st.fails), 5*time.Second)))
		if st.waitingSince.IsZero() {
			st.waitingSince = now
		}
	}
}

// backoff grows 250 ms, 500 ms, 1 s … up to 30 s.
func backoff(n int) time.Duration {
	d := 250 * time.Millisecond << min(max(n-1, 0), 7)
	return min(d, 30*time.Second)
}

// markedAsync notes that chat's message was just marked handled without waiting for
// the disk.
func (c *chats) markedAsync(chat string) {
	t := c.disk.tick() // after the mark returned: its commit is before this tick
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.m[chat]; st != nil {
		st.marked = t
	}
}

// lastMarkOnDisk reports whether chat's last "handled" mark is certainly on disk, so
// its next message may be claimed without waiting for the disk.
func (c *chats) lastMarkOnDisk(chat string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	var t int64
	if st := c.m[chat]; st != nil {
		t = st.marked
	}
	return c.disk.onDisk(t)
}

// unrecorded notes a message of chat that the inbox could not take; it has been
// waiting since it arrived (the bot tried to record it for recordPatience first), and
// the chat's outage notice counts from then.
func (c *chats) unrecorded(chat, id string, sent, arrived time.Time, l limits) {
	c.mu.Lock()
	defer c.mu.Unlock()
	st := c.state(chat, l)
	if st.unrecorded == nil {
		st.unrecorded, st.unrecordedFrom = map[string]time.Time{}, arrived
	}
	st.unrecorded[id] = sent
}

// recorded notes that a message of chat is in the inbox now.
func (c *chats) recorded(chat, id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	st := c.m[chat]
	if st == nil || st.unrecorded == nil {
		return
	}
	delete(st.unrecorded, id)
	if len(st.unrecorded) == 0 {
		st.unrecorded, st.unrecordedFrom = nil, time.Time{}
	}
}

// dueNotices returns the chats an outage has held for longer than after and that
// were not told yet.
func (c *chats) dueNotices(now time.Time, after time.Duration) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var due []string
	for chat, st := range c.m {
		since := st.waitingSince
		if since.IsZero() || !st.unrecordedFrom.IsZero() && st.unrecordedFrom.Before(since) {
			since = st.unrecordedFrom
		}
		if !since.IsZero() && !st.noticed && now.Sub(since) >= after {
			due = append(due, chat)
		}
	}
	return due
}

// noticed notes that chat was told its message is kept.
func (c *chats) noticed(chat string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.m[chat]; st != nil {
		st.noticed = true
	}
}
