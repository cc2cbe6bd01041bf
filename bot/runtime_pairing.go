package bot

// Pairing: the QR codes (terminal and status page) and the phone code.

import (
	"context"
	"fmt"

	"go.mau.fi/whatsmeow"
)

// pair shows QR codes (or asks for a phone code) until the phone links this device.
// One QR channel serves every failed connection attempt: whatsmeow keeps a channel's
// handler until an event closes it, so a new one per attempt would pile up.
func (r *Runtime) pair(ctx context.Context, cli *whatsmeow.Client) error {
	var qr <-chan whatsmeow.QRChannelItem
	for attempt := 1; ctx.Err() == nil; attempt++ {
		r.set(func(s *Status) { s.State, s.Attempt = StatePairing, attempt })
		if qr == nil {
			var err error
			if qr, err = cli.GetQRChannel(ctx); err != nil {
				return fmt.Errorf("pairing: %w", err)
			}
		}
		if err := cli.ConnectContext(ctx); err != nil {
			wait := r.backoff(attempt)
			r.log().Warn("connecting to WhatsApp to pair failed; trying again", "attempt", attempt, "in", wait, "err", err)
			r.set(func(s *Status) { s.LastError = err.Error() })
			if !sleep(ctx, wait) {
				return ctx.Err()
			}
			continue
		}
		done, err := r.showCodes(ctx, cli, qr)
		if done || err != nil {
			return err
		}
		// That channel has ended (the codes ran out, or WhatsApp closed the
		// connection): the next attempt asks for new codes, after a pause that
		// grows, so a server refusing us is not asked again and again at once.
		qr = nil
		cli.Disconnect()
		r.set(func(s *Status) { s.QR, s.PairCode = "", "" }) // expired: scanning it would fail
		if !sleep(ctx, r.backoff(attempt)) {
			return ctx.Err()
		}
	}
	return ctx.Err()
}

// showCodes reads a QR channel to its end: shows each code (or, with PairPhone, asks
// for a phone code once the first arrives). It reports true once paired.
func (r *Runtime) showCodes(ctx context.Context, cli *whatsmeow.Client, qr <-chan whatsmeow.QRChannelItem) (bool, error) {
	askedPhone := false
	for {
		var item whatsmeow.QRChannelItem
		var open bool
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case item, open = <-qr:
		}
		if !open {
			return false, nil
		}
		switch {
		case item.Event == whatsmeow.QRChannelEventCode:
			r.set(func(s *Status) { s.QR = item.Code })
			if r.PairPhone != "" && !askedPhone {
				askedPhone = true
				r.pairByPhone(ctx, cli)
			} else if r.PairPhone == "" && r.OnQR != nil {
				r.OnQR(item.Code)
			}
		case item == whatsmeow.QRChannelSuccess:
			r.log().Info("paired with WhatsApp")
			return true, nil
		case item == whatsmeow.QRChannelClientOutdated:
			return false, ErrClientOutdated
		case item == whatsmeow.QRChannelTimeout:
			r.log().Info("the pairing session ended (its QR codes ran out, or WhatsApp closed it); asking for new codes")
		default:
			r.log().Warn("pairing did not finish", "event", item.Event, "err", item.Error)
			r.set(func(s *Status) { s.LastError = "pairing: " + item.Event })
		}
	}
}

// pairByPhone asks WhatsApp for a code to type on the bot's phone.
func (r *Runtime) pairByPhone(ctx context.Context, cli *whatsmeow.Client) {
	code, err := cli.PairPhone(ctx, r.PairPhone, true, whatsmeow.PairClientChrome, "Chrome (Linux)")
	if err != nil {
		r.log().Error("pairing by phone code failed", "err", err)
		r.set(func(s *Status) { s.LastError = "pair by phone: " + err.Error() })
		return
	}
	r.set(func(s *Status) { s.PairCode = code })
	if r.OnPairCode != nil {
		r.OnPairCode(code)
	}
}
