package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mau.fi/whatsmeow/types"

	"github.com/uns-dtik/loket"
)

// handleRow applies one inbox message and tells how it went.
//
// Before anything else the message is claimed: a claim left by a process that died
// means its handling crashed that process, and after MaxCrashes the message is set
// aside, so one poisonous message cannot keep the bot in a crash loop. The claim and
// the final mark are committed without waiting for the disk (only the message's
// record did, in HandleEvent): they survive Loket's death, and what a crash
// of PostgreSQL takes of them makes the message be handled again, which the handler's
// idempotency per sequence makes harmless (store.FinishInbox, durability).
// A message with recorded replies was handled before (the change it caused is
// committed with them): the replies are sent again, nothing is applied twice.
// Otherwise the handler runs under HandleTimeout. Its replies are not recorded
// before they are sent: a retry after a failed send or a lost mark hands the message
// to the handler again, which answers it the same (it is idempotent per sequence:
// the dialog replays its session's last replies, a desk change's replies are
// committed with the change), and the same reply IDs make WhatsApp take a resent
// reply for the one it has. Recording them too cost every message a round trip and
// a row version.
func (b *Bot) handleRow(ctx context.Context, row loket.InboxMessage) outcome {
	// The claim waits for the disk only when the chat's last mark may not be there
	// yet: it then puts that mark there too (see durability).
	durable := !b.chats.lastMarkOnDisk(row.Chat)
	started := b.chats.disk.tick()
	crashes, err := b.Inbox.ClaimInbox(ctx, row.Seq, b.runner, durable)
	if err == nil && durable {
		b.chats.disk.synced(started)
	}
	if errors.Is(err, loket.ErrHandled) {
		return handled // read before it was marked; handled already
	}
	if err != nil {
		b.log().Warn("cannot claim inbox message", "seq", row.Seq, "err", err)
		return outage // the inbox itself is unreachable
	}
	// One whose change is committed with its replies (a desk command's) is not set
	// aside: telling the sender it was skipped would be untrue. A dialog message
	// records no replies: one whose send crashed the process three times is set
	// aside like any other, even if its step was applied (its session says so, and
	// the next message goes on from there).
	if crashes >= orDefault(b.MaxCrashes, 3) && row.Replies == nil {
		b.log().Error("message set aside: its handling crashed the process", "seq", row.Seq, "crashes", crashes)
		b.Metrics.SetAside.WithLabelValues("crashes").Inc()
		return b.setAside(ctx, row, setAsideText, fmt.Sprintf("set aside after %d crashes", crashes))
	}
	replies := row.Replies
	if replies == nil {
		hctx, cancel := context.WithTimeout(ctx, orDefault(b.HandleTimeout, time.Minute))
		replies, err = b.handle(hctx, row)
		if err != nil && hctx.Err() != nil && ctx.Err() == nil {
			// The message's own deadline: whatever the store said when it was cut
			// (a timeout looks like a network error), the time went on the message.
			err = fmt.Errorf("%w after %v: %w", context.DeadlineExceeded, orDefault(b.HandleTimeout, time.Minute), err)
		}
		cancel()
		if err != nil {
			return b.failed(ctx, row, err)
		}
	}
	for i, r := range replies {
		if r.ID == "" {
			r.ID = ReplyID(row.Chat, row.Seq, i)
		}
		to := jidFor(r.Chat)
		if r.Chat == "" || r.Chat == row.Chat {
			r.Chat, to = row.Chat, replyTo(row)
		}
		if _, err := b.sendTo(ctx, to, r); err != nil {
			return b.failed(ctx, row, fmt.Errorf("send reply %d: %w", i, err))
		}
	}
	// Mark it even while shutting down: the work is done and its replies sent.
	mark, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	err = b.Inbox.FinishInbox(mark, row.Seq, "")
	// Noted even when the mark reports an error: the error may have come after the
	// server committed it (a broken connection, the deadline), and the chat's next
	// message must then not take it for on disk.
	b.chats.markedAsync(row.Chat)
	if err != nil {
		b.log().Warn("cannot mark inbox message handled; it will be replayed", "seq", row.Seq, "err", err)
		return outage
	}
	return handled
}

// failed decides whose fault a failure was. An error that says a store could not
// work, or any failure while a store or WhatsApp is away, is the outage's: the
// message waits and no attempt is spent, however long that takes. Otherwise it
// counts; after MaxAttempts the sender is told and the message is set aside rather
// than block the chat for ever.
func (b *Bot) failed(ctx context.Context, row loket.InboxMessage, err error) outcome {
	count := ctx.Err() == nil && !b.Inbox.Unavailable(err) && !errors.Is(err, ErrThrottled) && b.Client.IsConnected() && b.ready(ctx) == nil
	// Recorded even while shutting down: the claim must be released.
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if !count {
		b.log().Info("message waits for an outage to end", "seq", row.Seq, "err", err)
		if _, ferr := b.Inbox.FailInbox(rec, row.Seq, err.Error(), false); ferr != nil {
			b.log().Warn("cannot release inbox message", "seq", row.Seq, "err", ferr)
		}
		return outage
	}
	b.log().Warn("handling message failed", "seq", row.Seq, "attempt", row.Attempts+1, "err", err)
	n, ferr := b.Inbox.FailInbox(rec, row.Seq, err.Error(), true)
	if ferr != nil {
		return outage
	}
	if n < orDefault(b.MaxAttempts, 5) {
		return ownFault
	}
	b.Metrics.SetAside.WithLabelValues("attempts").Inc()
	return b.setAside(ctx, row, giveUpText, "gave up: "+err.Error())
}

// setAside tells the sender their message could not be handled and marks it done,
// so the chat moves on. The notice's ID is fixed by the message, so setting it aside
// again (the mark failed) shows the notice once.
func (b *Bot) setAside(ctx context.Context, row loket.InboxMessage, text, why string) outcome {
	b.sendBestEffort(ctx, row.Chat, text, ReplyID(row.Chat, row.Seq, -1))
	mark, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := b.Inbox.FinishInbox(mark, row.Seq, why); err != nil {
		return outage
	}
	return handled
}

// ready asks whether the stores take writes now.
func (b *Bot) ready(ctx context.Context) error {
	if b.Ready == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return b.Ready(ctx)
}

// handle routes a message to the desk (staff commands) or the dialog. A panic in
// either is this message's failure, not the bot's.
func (b *Bot) handle(ctx context.Context, row loket.InboxMessage) (replies []loket.Reply, err error) {
	defer func() {
		if r := recover(); r != nil {
			replies, err = nil, fmt.Errorf("panic: %v", r)
		}
	}()
	msg, err := b.toMessage(row)
	if err != nil {
		return nil, err
	}
	to := replyTo(row)
	if b.Client.IsConnected() {
		_ = b.Client.MarkRead(ctx, []string{row.MsgID}, row.SentAt, to, to)
	}
	defer b.typing(ctx, to)()
	if b.Desk != nil {
		replies, served, err := b.Desk.Serve(ctx, msg)
		switch {
		case err != nil:
			return nil, fmt.Errorf("desk: %w", err)
		case served:
			return replies, nil
		}
	}
	replies, err = b.Handler.Handle(ctx, msg)
	if err != nil {
		return nil, fmt.Errorf("handle: %w", err)
	}
	return replies, nil
}

// replyTo is where the answer to row goes: the chat WhatsApp said it came from (a
// LID, when it came by LID), or the chat's own address.
func replyTo(row loket.InboxMessage) types.JID {
	if jid, err := types.ParseJID(row.ReplyTo); err == nil && !jid.IsEmpty() {
		return jid
	}
	return jidFor(row.Chat)
}

// typingAfter is how long a reply may take before the sender sees "typing…".
const typingAfter = time.Second

// typing shows "typing…" in chat to if the reply takes longer than typingAfter (a
// letter check does), and returns what ends it.
func (b *Bot) typing(ctx context.Context, to types.JID) (stop func()) {
	shown := make(chan bool, 1)
	timer := time.AfterFunc(typingAfter, func() {
		shown <- b.Client.SendChatPresence(ctx, to, types.ChatPresenceComposing, types.ChatPresenceMediaText) == nil
	})
	return func() {
		if !timer.Stop() && <-shown {
			_ = b.Client.SendChatPresence(context.WithoutCancel(ctx), to, types.ChatPresencePaused, types.ChatPresenceMediaText)
		}
	}
}

// sendBestEffort sends the bot's own text to chat with message ID id, reporting
// whether it went out. It gives up at ctx's end, so a shutdown never waits for it
// past its drain time.
func (b *Bot) sendBestEffort(ctx context.Context, chat, text, id string) bool {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := b.Send(ctx, loket.Reply{Chat: chat, Text: text, ID: id}); err != nil {
		b.log().Warn("could not tell the sender", "err", err)
		return false
	}
	return true
}
