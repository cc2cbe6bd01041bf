package bot

import (
	"context"
	"errors"
	"testing"

	"go.mau.fi/whatsmeow"
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
