package bot_test

import (
	"context"
	"errors"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot"
	"github.com/uns-dtik/loket/bot/sim"
)

// flakyInbox is the real inbox with faults injected in front of it: the first
// failAdds recordings fail (the database was unreachable), and the first
// failFinishes "mark done" calls fail (the process died before marking).
type flakyInbox struct {
	bot.Inbox
	failAdds, failFinishes atomic.Int32
}

var errInjected = errors.New("injected fault")

func (f *flakyInbox) AddInbox(ctx context.Context, m loket.InboxMessage) (bool, error) {
	if f.failAdds.Add(-1) >= 0 {
		return false, errInjected
	}
	return f.Inbox.AddInbox(ctx, m)
}

func (f *flakyInbox) FinishInbox(ctx context.Context, seq int64, errText string) error {
	if f.failFinishes.Add(-1) >= 0 {
		return errInjected
	}
	return f.Inbox.FinishInbox(ctx, seq, errText)
}

// TestRefusedEventIsRedelivered: when the inbox cannot record a message, the handler
// reports failure, WhatsApp (the simulator) delivers it again, and it is answered once.
func TestRefusedEventIsRedelivered(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	flaky := &flakyInbox{Inbox: h.env.DB}
	flaky.failAdds.Store(3)
	h.inbox = flaky
	h.restart()

	c := h.chat("6281255550001")
	c.say("halo", "Selamat datang")
	if n := flaky.failAdds.Load(); n >= 0 {
		t.Fatalf("the injected failures were not all hit (%d left)", n+1)
	}
	c.quiet(300 * time.Millisecond)
}

// TestCrashBeforeMarkingDoneAppliesOnce: the session is saved and the reply sent, but
// marking the inbox row fails; the dispatcher tries the message again, and it must not
// move the dialog a second step nor answer twice.
func TestCrashBeforeMarkingDoneAppliesOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	flaky := &flakyInbox{Inbox: h.env.DB}
	h.inbox = flaky
	h.restart()

	c := h.chat("6281255550002")
	c.say("1", "Langkah 1 dari 11")
	flaky.failFinishes.Store(2)
	c.say("ya", "Langkah 2 dari 11")
	// The retries re-send the same reply with the same WhatsApp ID, which WhatsApp
	// (and the simulator) shows once.
	c.quiet(1500 * time.Millisecond)
	c.say("Budi Santoso", "Langkah 3 dari 11")
}

// TestWhatsAppOutageDelaysReplies: while WhatsApp cannot be reached the replies wait,
// then each arrives once, in order.
func TestWhatsAppOutageDelaysReplies(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := h.chat("6281255550003")
	h.sim.SetOffline(true)
	for _, text := range []string{"1", "ya"} {
		if _, err := h.sim.Send(sim.Inbound{From: c.phone, Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	c.quiet(400 * time.Millisecond)
	h.sim.SetOffline(false)
	expect(t, "1", c.reply(), "Langkah 1 dari 11")
	expect(t, "ya", c.reply(), "Langkah 2 dari 11")
	c.quiet(500 * time.Millisecond)
}

// TestOutageHoldsNotifications: while WhatsApp refuses sends, a staff command's answer
// and the notifications it causes wait; afterwards each arrives exactly once, in order.
func TestOutageHoldsNotifications(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, pimpinan, _, _ := staffTeam(t, h)
	applicant := h.chat("6281234567895")
	ref := fileZoom(t, applicant, 1)
	admin.await("Permohonan baru")

	h.sim.SetOffline(true)
	if _, err := h.sim.Send(sim.Inbound{From: admin.phone, Text: "/verifikasi " + ref}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.sim.Send(sim.Inbound{From: admin.phone, Text: "/lihat " + ref}); err != nil {
		t.Fatal(err)
	}
	applicant.quiet(700 * time.Millisecond)
	h.sim.SetOffline(false)

	admin.await("sekarang: terverifikasi")
	admin.await("Riwayat") // the second command's answer comes after the first's
	applicant.await("sudah diverifikasi")
	pimpinan.await("menunggu disposisi")
	time.Sleep(300 * time.Millisecond)
	for _, c := range []struct {
		phone, text string
	}{{applicant.phone, "sudah diverifikasi"}, {pimpinan.phone, "menunggu disposisi"}, {admin.phone, "sekarang: terverifikasi"}} {
		n := 0
		for _, m := range h.sim.Sent(c.phone, 0) {
			if strings.Contains(m.Text, c.text) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s got %q %d times, want once", c.phone, c.text, n)
		}
	}
}

// TestThrottledSendsWait: WhatsApp answers sends with 463 (too many messages); every
// send pauses, longer each time it goes on, and the reply goes out once WhatsApp
// takes it again — the refusals spend none of the message's attempts.
func TestThrottledSendsWait(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.tune = func(b *bot.Bot) { b.ThrottleWait, b.MaxAttempts = 100*time.Millisecond, 2 }
	h.restart()
	c := h.chat("6281255550004")
	h.sim.Throttle(3)
	start := time.Now()
	c.say("halo", "Selamat datang")
	// Held 100 ms, then 200 ms, then 400 ms: never sooner.
	if took := time.Since(start); took < 700*time.Millisecond {
		t.Fatalf("the reply went out %v after three refusals; the holds were not kept", took)
	}
	c.quiet(300 * time.Millisecond)
	if n := testutil.ToFloat64(h.current().Metrics.SendErrors.WithLabelValues("throttled")); n != 3 {
		t.Fatalf("%v throttled sends counted, want 3", n)
	}
	if n := countRows(t, h, `SELECT count(*) FROM inbox WHERE attempts > 0`); n != 0 {
		t.Fatalf("%d messages spent attempts on WhatsApp's throttling", n)
	}
}
