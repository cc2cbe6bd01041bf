package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store"
)

// pollEvery is how often the dispatcher looks at the inbox without being poked; it
// picks up retries and anything recorded by another process.
const pollEvery = time.Second

// Run hands inbox messages to the Handler until ctx ends: one chat's messages strictly
// in order, different chats at the same time. A message whose handling fails is tried
// again later, and the chat waits for it, so order is never lost; after MaxAttempts the
// sender is told and the message is set aside.
func (b *Bot) Run(ctx context.Context) error {
	workers := b.Workers
	if workers <= 0 {
		workers = 16
	}
	var (
		mu       sync.Mutex
		busy     = map[string]bool{}      // chats with a worker running
		notUntil = map[string]time.Time{} // chats backing off after a failure
		fails    = map[string]int{}
		wg       sync.WaitGroup
		slots    = make(chan struct{}, workers)
	)
	defer wg.Wait()
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		rows, err := b.Inbox.PendingInbox(ctx, 0, 1000)
		if err != nil && ctx.Err() == nil {
			b.log().Error("read inbox", "err", err)
		}
		byChat := map[string][]store.InboxMessage{}
		var order []string
		mu.Lock()
		now := time.Now()
		for _, r := range rows {
			if busy[r.Chat] || now.Before(notUntil[r.Chat]) {
				continue
			}
			if byChat[r.Chat] == nil {
				order = append(order, r.Chat)
			}
			byChat[r.Chat] = append(byChat[r.Chat], r)
		}
		for _, chat := range order {
			busy[chat] = true
		}
		mu.Unlock()
		for _, chat := range order {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			wg.Add(1)
			go func(chat string, batch []store.InboxMessage) {
				defer wg.Done()
				failed := b.runChat(ctx, batch)
				mu.Lock()
				delete(busy, chat)
				if failed {
					fails[chat]++
					wait := backoff(fails[chat])
					if !b.Client.IsConnected() {
						wait = min(wait, time.Second)
					}
					notUntil[chat] = time.Now().Add(wait)
				} else {
					delete(fails, chat)
					delete(notUntil, chat)
				}
				mu.Unlock()
				<-slots
				b.poke()
			}(chat, byChat[chat])
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-b.wakeChan():
		case <-tick.C:
		}
	}
}

// backoff grows 250 ms, 500 ms, 1 s … up to 30 s.
func backoff(n int) time.Duration {
	d := 250 * time.Millisecond << min(n-1, 7)
	return min(d, 30*time.Second)
}

// runChat handles one chat's pending messages in order and stops at the first failure
// (reporting true), so the next attempt starts again from that message.
func (b *Bot) runChat(ctx context.Context, batch []store.InboxMessage) (failed bool) {
	for _, row := range batch {
		if ctx.Err() != nil {
			return true
		}
		err := b.handleRow(ctx, row)
		if err == nil {
			// Mark it even while shutting down: the work is done and its replies sent.
			mark, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			err := b.Inbox.FinishInbox(mark, row.Seq, "")
			cancel()
			if err != nil {
				b.log().Error("mark inbox handled", "seq", row.Seq, "err", err)
				return true
			}
			continue
		}
		if !b.Client.IsConnected() {
			// WhatsApp is away: wait for it without counting an attempt, so an outage
			// of any length loses nothing.
			return true
		}
		b.log().Warn("handling message failed", "seq", row.Seq, "attempt", row.Attempts+1, "err", err)
		n, ferr := b.Inbox.FailInbox(ctx, row.Seq, err.Error())
		if ferr != nil {
			return true
		}
		if n < b.maxAttempts() {
			return true
		}
		// Give up on this one message rather than block the chat for ever.
		b.sendBestEffort(ctx, row.Chat, giveUpText)
		if err := b.Inbox.FinishInbox(ctx, row.Seq, "gave up: "+err.Error()); err != nil {
			return true
		}
	}
	return false
}

func (b *Bot) maxAttempts() int {
	if b.MaxAttempts <= 0 {
		return 5
	}
	return b.MaxAttempts
}

// giveUpText is said when a message could not be handled after every attempt; it is
// the bot's own failure, so it apologises in both languages.
const giveUpText = "Mohon maaf, pesan Anda belum dapat kami proses karena gangguan sistem. Silakan kirim ulang beberapa saat lagi.\n" +
	"_Sorry, we could not process your message because of a system fault. Please send it again in a moment._"

// handleRow applies one message: read receipt, dialog or desk, replies. The replies
// are recorded in the inbox before they are sent, so a retry after a failed send
// sends them again (with the same IDs, fixed by the inbox sequence) instead of
// handling the message twice.
func (b *Bot) handleRow(ctx context.Context, row store.InboxMessage) (err error) {
	defer func() {
		// A bug in one dialog must not take the bot down for every chat.
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	var replies []loket.Reply
	if len(row.Replies) > 0 {
		if err := json.Unmarshal(row.Replies, &replies); err != nil {
			return fmt.Errorf("recorded replies of inbox %d: %w", row.Seq, err)
		}
	} else {
		if replies, err = b.handle(ctx, row); err != nil {
			return err
		}
		recorded, err := json.Marshal(replies)
		if err != nil {
			return err
		}
		if err := b.Inbox.SetInboxReplies(ctx, row.Seq, recorded); err != nil {
			return err
		}
	}
	for i, r := range replies {
		if r.ID == "" {
			r.ID = replyID(row.Chat, row.Seq, i)
		}
		if r.Chat == "" {
			r.Chat = row.Chat
		}
		if _, err := b.Send(ctx, r); err != nil {
			return fmt.Errorf("send reply %d: %w", i, err)
		}
	}
	return nil
}

// handle routes a message to the desk (staff commands) or the dialog.
func (b *Bot) handle(ctx context.Context, row store.InboxMessage) ([]loket.Reply, error) {
	msg, err := b.toMessage(row)
	if err != nil {
		return nil, err
	}
	if to := jidFor(row.Chat); b.Client.IsConnected() {
		_ = b.Client.MarkRead(ctx, []string{row.MsgID}, row.SentAt, to, to)
	}
	var handler Handler = b.Handler
	if b.Desk != nil {
		staff, err := b.Desk.Serves(ctx, msg)
		if err != nil {
			return nil, fmt.Errorf("route: %w", err)
		}
		if staff {
			handler = b.Desk
		}
	}
	replies, err := handler.Handle(ctx, msg)
	if err != nil {
		return nil, fmt.Errorf("handle: %w", err)
	}
	return replies, nil
}

func (b *Bot) sendBestEffort(ctx context.Context, chat, text string) {
	if _, err := b.Send(ctx, loket.Reply{Chat: chat, Text: text}); err != nil {
		b.log().Warn("could not tell the sender", "err", err)
	}
}
