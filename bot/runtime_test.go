package bot

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store/storetest"
)

// TestQRCodesAreShown: every code WhatsApp sends while pairing is shown (the
// terminal and the status page), codes running out asks for new ones, and the
// channel's end says whether the phone linked the device.
func TestQRCodesAreShown(t *testing.T) {
	var shown []string
	r := &Runtime{Bot: &Bot{}, OnQR: func(code string) { shown = append(shown, code) }}
	feed := func(items ...whatsmeow.QRChannelItem) <-chan whatsmeow.QRChannelItem {
		ch := make(chan whatsmeow.QRChannelItem, len(items))
		for _, it := range items {
			ch <- it
		}
		close(ch)
		return ch
	}
	code := func(c string) whatsmeow.QRChannelItem {
		return whatsmeow.QRChannelItem{Event: whatsmeow.QRChannelEventCode, Code: c}
	}
	ctx := context.Background()

	paired, err := r.showCodes(ctx, nil, feed(code("2@first"), code("2@second"), whatsmeow.QRChannelSuccess))
	if !paired || err != nil || len(shown) != 2 || shown[1] != "2@second" {
		t.Fatalf("paired %v, err %v, shown %v", paired, err, shown)
	}
	if r.Status().QR != "2@second" {
		t.Fatalf("the status page would show %q", r.Status().QR)
	}
	paired, err = r.showCodes(ctx, nil, feed(code("2@third"), whatsmeow.QRChannelTimeout))
	if paired || err != nil {
		t.Fatalf("codes ran out: paired %v, err %v", paired, err)
	}
	paired, err = r.showCodes(ctx, nil, feed(whatsmeow.QRChannelClientOutdated))
	if paired || !errors.Is(err, ErrClientOutdated) {
		t.Fatalf("outdated: paired %v, err %v", paired, err)
	}
	paired, err = r.showCodes(ctx, nil, feed(whatsmeow.QRChannelItem{Event: "err-unexpected-state"}))
	if paired || err != nil || r.Status().LastError != "pairing: err-unexpected-state" {
		t.Fatalf("unexpected: paired %v, err %v, last error %q", paired, err, r.Status().LastError)
	}
}

// TestAdminsToldOfADisconnectOnce: each permanent disconnect is told to every admin,
// but a state told within the hour is not told again (a number replaced again and
// again would flood them).
func TestAdminsToldOfADisconnectOnce(t *testing.T) {
	env := storetest.New(t)
	ctx := context.Background()
	for _, s := range []struct {
		phone string
		role  loket.Role
	}{{"+6281100000001", loket.RoleAdmin}, {"+6281100000002", loket.RoleAdmin}, {"+6281100000003", loket.RolePimpinan}} {
		if err := env.DB.AddStaff(ctx, s.phone, s.role, "Staf "+s.phone[len(s.phone)-1:], nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	r := &Runtime{Bot: &Bot{}, Store: env.DB}
	r.Bot.init()
	r.permanent(ctx, StateReplaced, "another client connected")
	r.permanent(ctx, StateReplaced, "another client connected")
	r.permanent(ctx, StateBanned, "temporary ban")
	rows, err := env.DB.Pool.Query(ctx, `SELECT recipient, body FROM outbox ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var to, body string
		if err := rows.Scan(&to, &body); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(body, "Loket terputus dari WhatsApp") {
			t.Errorf("notice: %q", body)
		}
		got = append(got, to)
	}
	if want := []string{"6281100000001", "6281100000002", "6281100000001", "6281100000002"}; !slices.Equal(got, want) {
		t.Fatalf("told %v, want %v", got, want)
	}
	if r.Status().State != StateBanned {
		t.Fatalf("state %q", r.Status().State)
	}
}

// TestThrottleHoldGrowsOncePerRefusal: sends refused while a hold is on do not
// lengthen it (five sends in flight when WhatsApp first says 463 made it 8 minutes);
// a refusal after the hold doubles it, up to 16 times the first.
func TestThrottleHoldGrowsOncePerRefusal(t *testing.T) {
	var h hold
	now := time.Now()
	for range 5 {
		if d := h.start(now, 30*time.Second); d != 30*time.Second {
			t.Fatalf("a refusal during the hold made it %v", d)
		}
	}
	now = now.Add(31 * time.Second)
	if d := h.start(now, 30*time.Second); d != time.Minute {
		t.Fatalf("the second hold is %v, want 1m", d)
	}
	for range 10 {
		now = now.Add(time.Hour)
		h.start(now, 30*time.Second)
	}
	if d := h.until.Sub(now); d != 8*time.Minute {
		t.Fatalf("the hold grew to %v, want at most 8m", d)
	}
	h.clear()
	if d := h.start(now.Add(time.Hour), 30*time.Second); d != 30*time.Second {
		t.Fatalf("after a send went through the hold is %v", d)
	}
}

// TestReplacedBackoffGrows: a number replaced again and again waits 30 s, 1 m, 2 m …
// up to 30 m; an hour in peace starts the series again.
func TestReplacedBackoffGrows(t *testing.T) {
	var b backoffSeries
	now := time.Now()
	var got []time.Duration
	for range 8 {
		now = now.Add(time.Minute)
		got = append(got, b.next(now, 30*time.Second, 30*time.Minute))
	}
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 16 * time.Minute, 30 * time.Minute, 30 * time.Minute}
	if !slices.Equal(got, want) {
		t.Fatalf("waits %v, want %v", got, want)
	}
	if d := b.next(now.Add(2*time.Hour), 30*time.Second, 30*time.Minute); d != 30*time.Second {
		t.Fatalf("after two quiet hours the wait is %v", d)
	}
}
