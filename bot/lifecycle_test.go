package bot_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"google.golang.org/protobuf/proto"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot"
	"github.com/uns-dtik/loket/bot/sim"
	"github.com/uns-dtik/loket/store"
	"github.com/uns-dtik/loket/store/storetest"
)

// slowHandler takes its time over "lambat" and hangs on "macet" until its deadline.
type slowHandler struct {
	bot.Handler
	started chan struct{}
}

func (s slowHandler) Handle(ctx context.Context, msg loket.Message) ([]loket.Reply, error) {
	switch msg.Text {
	case "lambat":
		s.started <- struct{}{}
		time.Sleep(800 * time.Millisecond)
		return []loket.Reply{{Text: "selesai lambat"}}, nil
	case "macet":
		<-ctx.Done()
		return nil, ctx.Err()
	case "pelan":
		time.Sleep(1500 * time.Millisecond)
		return []loket.Reply{{Text: "selesai pelan"}}, nil
	}
	return s.Handler.Handle(ctx, msg)
}

// TestShutdownFinishesMessagesInHand: a stop lets the message being handled finish,
// answer and be marked; a message arriving meanwhile is refused, so WhatsApp keeps
// it, and the next process handles it.
func TestShutdownFinishesMessagesInHand(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	started := make(chan struct{}, 1)
	h.tune = func(b *bot.Bot) { b.Handler = slowHandler{Handler: b.Handler, started: started} }
	h.restart()
	c := h.chat("6281234567821")
	if _, err := h.sim.Send(simText(c, "lambat")); err != nil {
		t.Fatal(err)
	}
	<-started
	stopped := make(chan time.Duration, 1)
	begin := time.Now()
	go func() { h.stop(); stopped <- time.Since(begin) }()
	time.Sleep(100 * time.Millisecond)
	if _, err := h.sim.Send(simText(c, "halo")); err != nil { // refused: the bot is stopping
		t.Fatal(err)
	}
	if d := <-stopped; d < 500*time.Millisecond {
		t.Fatalf("the stop took %v: it did not wait for the message in hand", d)
	}
	expect(t, "lambat", c.reply(), "selesai lambat")
	if n := countRows(t, h, `SELECT count(*) FROM inbox WHERE done_at IS NULL`); n != 0 {
		t.Fatalf("%d messages left unmarked or taken during the stop", n)
	}
	h.start()
	expect(t, "halo", c.reply(), "Selamat datang")
}

// TestHungMessageHasADeadline: a handling that never ends is cut at HandleTimeout and
// counts as the message's failure; after the last attempt the sender is told.
func TestHungMessageHasADeadline(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.tune = func(b *bot.Bot) {
		b.Handler = slowHandler{Handler: b.Handler, started: make(chan struct{}, 1)}
		b.HandleTimeout, b.MaxAttempts = 100*time.Millisecond, 2
	}
	h.restart()
	c := h.chat("6281234567822")
	got := c.send(sim.Inbound{Text: "macet"})
	expect(t, "macet", got, "belum dapat kami proses")
	c.say("halo", "Selamat datang")
}

// TestUndeliverableNotificationIsSetAside: a notification WhatsApp refuses for good
// is set aside after its attempts, and the recipient's later ones go on.
func TestUndeliverableNotificationIsSetAside(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.tuneSender = func(s *bot.Sender) { s.MaxAttempts = 2 }
	h.restart()
	ctx := context.Background()
	notes := []loket.Notification{{Chat: "6281234567823", Text: "yang tak terkirim"}, {Chat: "6281234567823", Text: "yang berikutnya"}}
	// Offline while the first is made undeliverable: the sender, polling, must not
	// deliver it before (it did, now and then, and the test failed).
	h.sim.SetOffline(true)
	if err := h.env.DB.Notify(ctx, 0, notes, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	var first string
	if err := h.env.DB.Pool.QueryRow(ctx, `SELECT msg_id FROM outbox ORDER BY id LIMIT 1`).Scan(&first); err != nil {
		t.Fatal(err)
	}
	h.sim.Undeliverable(first)
	h.sim.SetOffline(false)
	h.sentEver("6281234567823", "yang berikutnya")
	if n := countRows(t, h, `SELECT count(*) FROM outbox WHERE given_up_at IS NOT NULL AND attempts = 2`); n != 1 {
		t.Fatalf("%d notifications set aside after 2 attempts, want 1", n)
	}
	if got := testutil.ToFloat64(h.current().Metrics.OutboxGivenUp); got != 1 {
		t.Fatalf("the metric counts %v set aside, want 1", got)
	}
}

// TestReplacedLettersAreDropped: sending letter after letter for one draft keeps only
// the current one; a draft given up leaves none behind.
func TestReplacedLettersAreDropped(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := h.chat("6281234567824")
	toLetterStep(c)
	for i := range 5 {
		c.send(sim.Inbound{Document: &sim.File{FileName: fmt.Sprintf("surat-%d.pdf", i), MimeType: "application/pdf", Data: sim.SampleLetterPDF()}})
		c.say("kembali", "Langkah 11 dari 11")
	}
	if n := countRows(t, h, `SELECT count(*) FROM letters`); n != 1 {
		t.Fatalf("%d letters kept for one draft, want 1", n)
	}
	c.say("batal", "Yakin membatalkan")
	c.say("ya", "sudah dibatalkan")
	if n := countRows(t, h, `SELECT count(*) FROM letters`); n != 0 {
		t.Fatalf("%d letters kept after the draft was cancelled, want 0", n)
	}
}

// TestHousekeeperPurges: handled messages past the retention and letters of drafts
// long gone are deleted; what is pending or filed stays.
func TestHousekeeperPurges(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := h.chat("6281234567825")
	c.say("halo", "Selamat datang")
	ref := fileZoom(t, c, 1)
	ctx := context.Background()
	if _, err := h.env.DB.AddLetter(ctx, c.phone, 999, loket.Letter{FileName: "lama.pdf", Size: 1, Pages: 1, SHA256: []byte{1}, Data: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	waitMarked(t, h) // or the purge (of handled messages only) races the last mark
	keeper := &bot.Housekeeper{Store: h.env.DB, InboxRetention: time.Hour, DraftAge: time.Hour, Bot: h.current()}
	keeper.Clean(ctx, time.Now().Add(2*time.Hour))
	if n := countRows(t, h, `SELECT count(*) FROM inbox`); n != 0 {
		t.Fatalf("%d handled messages survived the purge", n)
	}
	if n := countRows(t, h, `SELECT count(*) FROM letters WHERE request_id IS NULL`); n != 0 {
		t.Fatalf("%d draft letters survived the purge", n)
	}
	if n := countRows(t, h, `SELECT count(*) FROM letters l JOIN requests r ON r.id = l.request_id WHERE r.ref = '`+ref+`'`); n != 1 {
		t.Fatal("the filed request's letter was purged")
	}
}

// waitMarked waits until every message in the inbox is marked handled. A reply is
// sent before its message is marked, so a test that acts on marks (a purge, a
// failure armed for the next mark) waits for the last one first.
func waitMarked(t *testing.T, h *harness) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); countRows(t, h, `SELECT count(*) FROM inbox WHERE done_at IS NULL`) > 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the chat's messages were not marked handled")
		}
	}
}

// addLate records a text message from c in the inbox as a redelivery would: sent at
// sent, recorded now.
func addLate(t *testing.T, h *harness, c *chat, id, text string, sent time.Time) {
	t.Helper()
	payload, err := proto.Marshal(&waE2E.Message{Conversation: proto.String(text)})
	if err != nil {
		t.Fatal(err)
	}
	row := loket.InboxMessage{Chat: c.phone, MsgID: id, Phone: "+" + c.phone, ReplyTo: c.phone + "@s.whatsapp.net", Payload: payload, SentAt: sent}
	if _, err := h.env.DB.AddInbox(context.Background(), row); err != nil {
		t.Fatal(err)
	}
}

// TestAStartedMessageKeepsItsTurn: a message applied whose record failed is handled
// again before a message that landed meanwhile, even one sent earlier: put after it,
// its replay would look new and it would be applied twice.
func TestAStartedMessageKeepsItsTurn(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	inbox := &crashInbox{DB: h.env.DB}
	h.inbox = inbox
	h.restart()
	c := h.chat("6281234567827")
	c.say("1", "Langkah 1 dari 11")
	// Armed only once "1" is marked: armed earlier, the failure would hit "1"'s mark,
	// and the message landing then would come before "ya" (CI caught it).
	waitMarked(t, h)
	inbox.onFail = func() { addLate(t, h, c, "LANDED-MEANWHILE", "Budi Santoso", time.Now().Add(-time.Minute)) }
	inbox.failMarks.Store(1)
	c.say("ya", "Langkah 2 dari 11")
	expect(t, "Budi Santoso", c.reply(), "✓ Nama pemohon: Budi Santoso", "Langkah 3 dari 11")
}

// TestLateMessagesAreAppliedInTheOrderSent: two answers redelivered after an outage
// land in the inbox in the wrong order; they are applied in the order they were
// sent, and both are answered.
func TestLateMessagesAreAppliedInTheOrderSent(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := h.chat("6281234567826")
	c.say("1", "Langkah 1 dari 11")
	sent := time.Now().Add(-20 * time.Second)
	addLate(t, h, c, "LATE-B", "Budi Santoso", sent.Add(time.Second))
	addLate(t, h, c, "LATE-A", "ya", sent)
	expect(t, "ya", c.reply(), "Langkah 2 dari 11")
	expect(t, "Budi Santoso", c.reply(), "✓ Nama pemohon: Budi Santoso", "Langkah 3 dari 11")
}

// countingHandler counts the messages it is given.
type countingHandler struct {
	bot.Handler
	n *atomic.Int32
}

func (c countingHandler) Handle(ctx context.Context, msg loket.Message) ([]loket.Reply, error) {
	c.n.Add(1)
	return c.Handler.Handle(ctx, msg)
}

// TestOneDispatcherPerInbox: a second bot on the same database stands by — it never
// handles a message the first handles — and takes over when the first stops, once a
// holder that lost its lock unseen would have found out.
func TestOneDispatcherPerInbox(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	var first, second atomic.Int32
	var dialog bot.Handler
	h.tune = func(b *bot.Bot) {
		dialog = b.Handler
		b.Handler = countingHandler{Handler: dialog, n: &first}
	}
	h.restart()
	c := h.chat("6281234567828")
	c.say("halo", "Selamat datang") // the first bot holds the lock now

	standby := &bot.Bot{Client: h.sim, Inbox: h.env.DB, Handler: countingHandler{Handler: dialog, n: &second}, FloodBurst: 10_000}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = standby.Run(ctx) }()
	defer func() { cancel(); <-done }()
	time.Sleep(300 * time.Millisecond) // the standby has tried the lock
	c.say("1", "Langkah 1 dari 11")
	if first.Load() != 2 || second.Load() != 0 {
		t.Fatalf("handled by the first %d, by the standby %d; want 2 and 0", first.Load(), second.Load())
	}

	// The first goes away; WhatsApp's connection moves to the standby.
	h.stop()
	stopped := time.Now()
	h.mu.Lock()
	h.bot = standby
	h.mu.Unlock()
	c.say("ya", "Langkah 2 dari 11")
	if first.Load() != 2 || second.Load() != 1 {
		t.Fatalf("after the takeover: first %d, standby %d; want 2 and 1", first.Load(), second.Load())
	}
	// A holder whose session broke would dispatch until its next check of the lock,
	// a second later: the standby waits that out before it dispatches.
	if took := time.Since(stopped); took < 1500*time.Millisecond {
		t.Fatalf("the standby dispatched %v after the lock came free, before a broken holder's next check", took)
	}
}

// hangingSessions never answers a load of chat until the caller's deadline, then says
// what go-redis says then: a network timeout.
type hangingSessions struct {
	store.Sessions
	chat string
}

func (h *hangingSessions) Load(ctx context.Context, chat string) ([]byte, int64, error) {
	if chat == h.chat {
		<-ctx.Done()
		return nil, 0, &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}
	}
	return h.Sessions.Load(ctx, chat)
}

// TestTimeoutAtTheDeadlineIsTheMessages: a store call cut by the message's own
// deadline fails like a network timeout, but the stores answer: it counts as the
// message's failure, and the sender is told after the last attempt — not retried for
// ever as an outage.
func TestTimeoutAtTheDeadlineIsTheMessages(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := h.chat("6281234567829")
	h.sessions = &hangingSessions{Sessions: store.Sessions{Redis: h.env.Redis, Prefix: h.env.Prefix}, chat: c.phone}
	h.tune = func(b *bot.Bot) { b.HandleTimeout, b.MaxAttempts = 100*time.Millisecond, 2 }
	h.restart()
	expect(t, "halo", c.send(sim.Inbound{Text: "halo"}), "belum dapat kami proses")
}

// TestTypingWhileAReplyTakesLong: a reply that takes longer than a second (a letter
// check does) shows "typing…" meanwhile; a quick one shows nothing.
func TestTypingWhileAReplyTakesLong(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.tune = func(b *bot.Bot) { b.Handler = slowHandler{Handler: b.Handler, started: make(chan struct{}, 1)} }
	h.restart()
	c := h.chat("6281234567830")
	c.say("halo", "Selamat datang")
	if p := h.sim.Presences(); len(p) != 0 {
		t.Fatalf("a quick reply showed typing: %q", p)
	}
	c.say("pelan", "selesai pelan")
	if p := h.sim.Presences(); len(p) != 2 || p[0] != c.phone+": composing" || p[1] != c.phone+": paused" {
		t.Fatalf("typing indicators = %q, want composing then paused", p)
	}
}

// TestFinalPassSpendsNoAttempts: after a stop the sender sends what is due for a few
// seconds more; a send that cannot fit in that time (the budget is spent) is left
// for the next start, not counted as a failed attempt.
func TestFinalPassSpendsNoAttempts(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	wa := sim.New(nil)
	defer wa.Close()
	b := &bot.Bot{Client: wa, Pace: bot.NewPacer(1)}
	if err := b.Pace.Wait(ctx); err != nil { // the minute's one send is spent
		t.Fatal(err)
	}
	if err := env.DB.Notify(ctx, 0, []loket.Notification{{Chat: "6281234500002", Text: "Permohonan Anda sudah diverifikasi."}}, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	stopped, stop := context.WithCancel(ctx)
	stop()
	s := &bot.Sender{Bot: b, Outbox: env.DB, PerMinute: 60000, Jitter: -1, FinalPass: 200 * time.Millisecond}
	if err := s.Run(stopped); !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	var attempts int
	var sent bool
	if err := env.DB.Pool.QueryRow(ctx, `SELECT attempts, sent_at IS NOT NULL FROM outbox`).Scan(&attempts, &sent); err != nil {
		t.Fatal(err)
	}
	if attempts != 0 || sent {
		t.Fatalf("after the final pass: %d attempts, sent %v; want it waiting, untouched", attempts, sent)
	}
}
