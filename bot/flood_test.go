package bot_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot"
)

// TestFloodIsSlowedNotDropped: one number sending many messages at once gets its
// first burst answered, one polite warning, and the rest answered one at a time, in
// order, none lost; another chat meanwhile is answered at once.
func TestFloodIsSlowedNotDropped(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.tune = func(b *bot.Bot) { b.FloodBurst, b.FloodWindow, b.CalmEvery = 20, 10*time.Second, 100*time.Millisecond }
	h.restart()
	flooder, other := h.chat("6281234567806"), h.chat("6281234567807")
	const sent = 60
	flooded := time.Now()
	for i := range sent {
		if _, err := h.sim.Send(simText(flooder, fmt.Sprintf("pesan %d", i))); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	other.say("halo", "Selamat datang")
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("another chat waited %v for its answer during the flood", d)
	}
	time.Sleep(300 * time.Millisecond)
	// The burst, the warning, and one more per CalmEvery since the flood (the
	// other chat's answer may take a while on a busy machine: CI once took long
	// enough for 25).
	sofar := time.Since(flooded)
	if n, most := len(h.sim.Sent(flooder.phone, 0)), 20+1+int(sofar/(100*time.Millisecond))+1; n > most {
		t.Fatalf("%d messages answered in %v, want at most the burst of 20, the warning and one per 100 ms (%d)", n, sofar.Round(time.Millisecond), most)
	}
	h.sentEver(flooder.phone, "datang sangat cepat")
	deadline := time.Now().Add(20 * time.Second)
	for len(h.sim.Sent(flooder.phone, 0)) < sent+1 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n, warned := len(h.sim.Sent(flooder.phone, 0)), h.count(flooder.phone, "datang sangat cepat"); n != sent+1 || warned != 1 {
		t.Fatalf("the flooding number got %d messages (%d warnings), want %d answers and one warning", n, warned, sent)
	}
	if n := countRows(t, h, `SELECT count(*) FROM inbox WHERE done_at IS NULL`); n != 0 {
		t.Fatalf("%d messages were never handled", n)
	}
}

// TestOneBudgetForEverySend: replies spend the same outbound budget as
// notifications; past it they wait their turn, none is dropped.
func TestOneBudgetForEverySend(t *testing.T) {
	t.Parallel()
	p := bot.NewPacer(600) // 10 a second, 60 at once
	start := time.Now()
	var wg sync.WaitGroup
	for range 80 {
		wg.Go(func() {
			if err := p.Wait(context.Background()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if d := time.Since(start); d < 1500*time.Millisecond {
		t.Fatalf("80 sends within a budget of 600 a minute took %v, want about 2 s", d)
	}

	h := newHarness(t)
	h.tune = func(b *bot.Bot) { b.Pace = bot.NewPacer(60) } // 1 a second, 6 at once
	h.restart()
	ctx := context.Background()
	start = time.Now()
	for i := range 8 {
		if _, err := h.current().Send(ctx, loket.Reply{Chat: "6281234567808", Text: fmt.Sprint("balasan ", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d < 1500*time.Millisecond {
		t.Fatalf("8 replies within a budget of 60 a minute took %v, want about 2 s", d)
	}
	if n := len(h.sim.Sent("6281234567808", 0)); n != 8 {
		t.Fatalf("%d of 8 replies went out", n)
	}
}
