package bot_test

import (
	"context"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot"
)

// crashingHandler dies, as a process would, on the message "racun": the worker
// handling it vanishes without returning, so nothing after it runs — no reply, no
// failure recorded, no mark — exactly what kill -9 or a fatal error leaves behind.
type crashingHandler struct {
	bot.Handler
	crashes *atomic.Int32
}

func (c crashingHandler) Handle(ctx context.Context, msg loket.Message) ([]loket.Reply, error) {
	if msg.Text == "racun" {
		c.crashes.Add(1)
		runtime.Goexit()
	}
	return c.Handler.Handle(ctx, msg)
}

// TestPoisonMessageIsSetAside: a message whose handling kills the process is not
// replayed for ever. Each restart finds its claim left by a dead process; after three
// the sender is told and the chat moves on.
func TestPoisonMessageIsSetAside(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	var crashes atomic.Int32
	h.tune = func(b *bot.Bot) { b.Handler = crashingHandler{Handler: b.Handler, crashes: &crashes} }
	h.restart()
	c := h.chat("6281234567802")
	c.say("halo", "Selamat datang")
	if _, err := h.sim.Send(simText(c, "racun")); err != nil {
		t.Fatal(err)
	}
	for want := int32(1); want <= 3; want++ {
		for deadline := time.Now().Add(10 * time.Second); crashes.Load() < want; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("handling %d of the poisonous message never started", want)
			}
		}
		h.restart() // the process died; a new one starts
	}
	got := c.reply()
	expect(t, "racun", got, "tidak dapat kami proses dan kami lewati")
	c.say("menu", "1. Lisensi Zoom")
	if n := crashes.Load(); n != 3 {
		t.Fatalf("the message was handled %d times, want 3", n)
	}
	var why string
	if err := h.env.DB.Pool.QueryRow(context.Background(), `SELECT last_error FROM inbox WHERE done_at IS NOT NULL AND last_error <> ''`).Scan(&why); err != nil || why != "set aside after 3 crashes" {
		t.Fatalf("the inbox row says %q (%v)", why, err)
	}
}
