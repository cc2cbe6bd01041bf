package bot_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot"
)

// countingInbox is the real inbox, counting the dispatcher's reads and noting, in
// order, whether each claim waited for the disk.
type countingInbox struct {
	bot.Inbox
	reads      atomic.Int32
	lockChecks atomic.Int32

	// chatOf finds the chat of an inbox message.
	chatOf func(ctx context.Context, seq int64) string

	mu      sync.Mutex
	durable map[string][]bool // by chat
}

// countingLock is the real dispatch lock, counting the checks that it is still held.
type countingLock struct {
	loket.Lock
	checks *atomic.Int32
}

func (l countingLock) Held(ctx context.Context) bool {
	l.checks.Add(1)
	return l.Lock.Held(ctx)
}

func (c *countingInbox) TryLockDispatch(ctx context.Context) (loket.Lock, error) {
	lock, err := c.Inbox.TryLockDispatch(ctx)
	if lock == nil {
		return nil, err
	}
	return countingLock{Lock: lock, checks: &c.lockChecks}, err
}

func (c *countingInbox) PendingInbox(ctx context.Context, perChat int) ([]loket.InboxMessage, error) {
	c.reads.Add(1)
	return c.Inbox.PendingInbox(ctx, perChat)
}

func (c *countingInbox) ClaimInbox(ctx context.Context, seq int64, runner string, durable bool) (int, error) {
	n, err := c.Inbox.ClaimInbox(ctx, seq, runner, durable)
	if err == nil {
		chat := c.chatOf(ctx, seq)
		c.mu.Lock()
		c.durable[chat] = append(c.durable[chat], durable)
		c.mu.Unlock()
	}
	return n, err
}

// gatedHandler holds the dialog on the text "tunggu" until open is closed, telling
// held when it does.
type gatedHandler struct {
	bot.Handler
	held chan<- struct{}
	open <-chan struct{}
}

func (g gatedHandler) Handle(ctx context.Context, msg loket.Message) ([]loket.Reply, error) {
	if msg.Text == "tunggu" {
		g.held <- struct{}{}
		<-g.open
	}
	return g.Handler.Handle(ctx, msg)
}

// gatedHarness is a harness whose inbox counts and whose dialog can be held.
func gatedHarness(t *testing.T, tune func(*bot.Bot)) (h *harness, inbox *countingInbox, held <-chan struct{}, open chan<- struct{}) {
	h = newHarness(t)
	inbox = &countingInbox{Inbox: h.env.DB, durable: map[string][]bool{}}
	inbox.chatOf = func(ctx context.Context, seq int64) (chat string) {
		_ = h.env.DB.Pool.QueryRow(ctx, `SELECT chat FROM inbox WHERE seq = $1`, seq).Scan(&chat)
		return chat
	}
	heldC, openC := make(chan struct{}), make(chan struct{})
	h.inbox = inbox
	h.tune = func(b *bot.Bot) {
		b.Handler = gatedHandler{Handler: b.Handler, held: heldC, open: openC}
		if tune != nil {
			tune(b)
		}
	}
	h.restart()
	return h, inbox, heldC, openC
}

// claims returns whether each of chat's claims so far waited for the disk.
func (c *countingInbox) claims(chat string) []bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]bool(nil), c.durable[chat]...)
}

// TestBusyDispatcherReadsTheInboxSeldom: while a worker holds a message, the messages
// of many other chats are handled without a read of the inbox each: reads are spaced
// (BusyRead, a second here: one read then serves all forty, however slow the
// machine, where a read per message made 40–59), and every message is still
// answered, once.
func TestBusyDispatcherReadsTheInboxSeldom(t *testing.T) {
	t.Parallel()
	h, inbox, held, open := gatedHarness(t, func(b *bot.Bot) { b.BusyRead = time.Second })
	holder := h.chat("6281255560000")
	if _, err := h.sim.Send(simText(holder, "tunggu")); err != nil {
		t.Fatal(err)
	}
	<-held
	before := inbox.reads.Load()
	const n = 40
	chats := make([]*chat, n)
	for i := range chats {
		chats[i] = h.chat(fmt.Sprintf("62812555%04d", i+1))
		if _, err := h.sim.Send(simText(chats[i], "halo")); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range chats {
		expect(t, "halo", c.reply(), "Selamat datang")
	}
	if reads := inbox.reads.Load() - before; reads > n/4 {
		t.Errorf("the inbox was read %d times for %d messages while a worker was busy", reads, n)
	}

	close(open)
	holder.reply()
	for _, c := range chats[:3] {
		c.quiet(100 * time.Millisecond)
	}
}

// TestDispatcherChecksItsLockOnceASecond: under load the dispatcher passes every
// few milliseconds; checking at each pass that it still holds the dispatch lock made
// every read of the inbox cost two round trips. It checks once a second.
func TestDispatcherChecksItsLockOnceASecond(t *testing.T) {
	t.Parallel()
	h, inbox, _, _ := gatedHarness(t, nil)
	reads, checks, start := inbox.reads.Load(), inbox.lockChecks.Load(), time.Now()
	chats := make([]*chat, 40)
	for i := range chats {
		chats[i] = h.chat(fmt.Sprintf("62812555%04d", 100+i))
		if _, err := h.sim.Send(simText(chats[i], "halo")); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range chats {
		expect(t, "halo", c.reply(), "Selamat datang")
	}
	reads, checks = inbox.reads.Load()-reads, inbox.lockChecks.Load()-checks
	if took := time.Since(start); time.Duration(checks-2)*time.Second > took {
		t.Errorf("the dispatch lock was checked %d times in %v (%d reads of the inbox)", checks, took.Round(time.Millisecond), reads)
	}
}

// TestChatsNextMessageWaitsForTheLastMark: marks are committed without waiting for
// the disk, but a chat's message recorded while the one before was in hand is
// claimed durably (putting that mark on disk first): only the last message a chat
// applied may ever be handled again after PostgreSQL crashed. A message recorded
// after the marks before it does not wait: its own record put them on disk.
func TestChatsNextMessageWaitsForTheLastMark(t *testing.T) {
	t.Parallel()
	h, inbox, held, open := gatedHarness(t, nil)
	c := h.chat("6281255570001")
	c.say("halo", "Selamat datang")
	if _, err := h.sim.Send(simText(c, "tunggu")); err != nil {
		t.Fatal(err)
	}
	<-held
	for _, text := range []string{"menu", "status"} {
		if _, err := h.sim.Send(simText(c, text)); err != nil {
			t.Fatal(err)
		}
	}
	close(open)
	for range 3 {
		c.reply()
	}
	if got := inbox.claims(c.phone); len(got) != 4 || !got[2] || !got[3] {
		t.Fatalf("claims waited for the disk: %v; want the last two to (they came while the one before was in hand)", got)
	}
	other := h.chat("6281255570002")
	other.say("halo", "Selamat datang")
	if got := inbox.claims(other.phone); len(got) != 1 || got[0] {
		t.Fatalf("claims of a new chat waited for the disk: %v; want not", got)
	}
}
