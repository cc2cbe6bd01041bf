package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"google.golang.org/protobuf/proto"

	"github.com/uns-dtik/loket"
)

// ErrNotConnected is returned by Send while WhatsApp is unreachable.
var ErrNotConnected = errors.New("bot: WhatsApp is not connected")

// Send delivers one reply to WhatsApp and returns the server's timestamp. A reply
// with an attachment is uploaded first and sent as a document captioned with Text.
// Every send waits for its turn in the outbound budget (Pace) first.
func (b *Bot) Send(ctx context.Context, r loket.Reply) (time.Time, error) {
	return b.sendTo(ctx, jidFor(r.Chat), r)
}

// sendTo is Send to an address of the caller's choosing: a reply goes to the chat
// the message came from (its LID, when it came by LID).
func (b *Bot) sendTo(ctx context.Context, to types.JID, r loket.Reply) (time.Time, error) {
	b.init()
	if !b.Client.IsConnected() {
		return time.Time{}, ErrNotConnected
	}
	if until := b.throttle.active(time.Now()); !until.IsZero() {
		return time.Time{}, fmt.Errorf("%w until %s", ErrThrottled, until.Format(time.TimeOnly))
	}
	if err := b.Pace.Wait(ctx); err != nil {
		return time.Time{}, err
	}
	ts, err := b.deliver(ctx, to, r)
	switch {
	case err == nil:
		b.throttle.clear()
		b.Metrics.sent(r)
	case throttledBy(err):
		wait := b.throttle.start(time.Now(), orDefault(b.ThrottleWait, 30*time.Second))
		b.log().Warn("WhatsApp asked to slow down; every send paused", "for", wait, "err", err)
		b.Metrics.SendErrors.WithLabelValues("throttled").Inc()
		err = fmt.Errorf("%w (%w)", ErrThrottled, err)
	default:
		b.Metrics.SendErrors.WithLabelValues(sendErrorReason(err)).Inc()
	}
	return ts, err
}

// deliver uploads r's attachment if it has one and sends r.
func (b *Bot) deliver(ctx context.Context, to types.JID, r loket.Reply) (time.Time, error) {
	var ctxInfo *waE2E.ContextInfo
	if r.QuotedID != "" {
		ctxInfo = &waE2E.ContextInfo{StanzaID: proto.String(r.QuotedID)}
	}
	var msg *waE2E.Message
	switch {
	case r.Attachment != nil:
		up, err := b.Client.Upload(ctx, r.Attachment.Data, whatsmeow.MediaDocument)
		if err != nil {
			return time.Time{}, fmt.Errorf("upload %s: %w", r.Attachment.FileName, err)
		}
		msg = &waE2E.Message{DocumentMessage: &waE2E.DocumentMessage{
			URL:           proto.String(up.URL),
			DirectPath:    proto.String(up.DirectPath),
			MediaKey:      up.MediaKey,
			FileEncSHA256: up.FileEncSHA256,
			FileSHA256:    up.FileSHA256,
			FileLength:    proto.Uint64(up.FileLength),
			Mimetype:      proto.String(r.Attachment.MimeType),
			FileName:      proto.String(r.Attachment.FileName),
			Title:         proto.String(r.Attachment.FileName),
			Caption:       nonEmpty(r.Text),
			ContextInfo:   ctxInfo,
		}}
	case ctxInfo != nil:
		msg = &waE2E.Message{ExtendedTextMessage: &waE2E.ExtendedTextMessage{Text: proto.String(r.Text), ContextInfo: ctxInfo}}
	default:
		msg = &waE2E.Message{Conversation: proto.String(r.Text)}
	}
	resp, err := b.Client.SendMessage(ctx, to, msg, whatsmeow.SendRequestExtra{ID: r.ID})
	if err != nil {
		return time.Time{}, err
	}
	return resp.Timestamp, nil
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return proto.String(s)
}

// ReplyID derives the WhatsApp message ID of the i-th reply to inbox message seq (-1
// for the notice that it was set aside), in the shape whatsmeow generates (3EB0 +
// hex), so a re-sent reply carries the same ID. It is exported for `loket bench`,
// which tells a message's answers from the notifications arriving beside them by it.
func ReplyID(chat string, seq int64, i int) string {
	h := sha256.Sum256([]byte(chat + "/" + strconv.FormatInt(seq, 10) + "/" + strconv.Itoa(i)))
	return "3EB0" + strings.ToUpper(hex.EncodeToString(h[:9]))
}
