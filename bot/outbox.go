package bot

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/uns-dtik/loket"
)

// Outbox is the transactional outbox the sender drains (store.DB satisfies it).
type Outbox interface {
	PendingOutbox(ctx context.Context, now time.Time, limit int) ([]loket.OutboxMessage, error)
	MarkSent(ctx context.Context, id int64, serverTS time.Time) error
	RetryOutbox(ctx context.Context, id int64, errText string, notBefore time.Time) error
	GiveUpOutbox(ctx context.Context, id int64, errText string) error
	Letter(ctx context.Context, id int64) (*loket.Letter, error)
}

// Sender delivers the outbox: each recipient's notifications in order, paced so the
// number is never taken for a bulk sender (WhatsApp bans those), retried with backoff
// while WhatsApp is unreachable, each with the message ID fixed when it was written.
// A crash between sending and marking re-sends that one row with the same ID, which
// WhatsApp shows once. A row that fails MaxAttempts times while WhatsApp is reachable
// is set aside, so it no longer holds up its recipient's later messages.
type Sender struct {
	Bot    *Bot
	Outbox Outbox
	// PerMinute caps notifications per minute overall (default 20); they also spend
	// the bot's outbound budget (Bot.Pace), which replies share.
	PerMinute int
	// MaxAttempts is how often a row may fail to send before it is set aside
	// (default 10).
	MaxAttempts int
	// Gap is the least time between two notifications to one recipient (default 3s),
	// plus up to Jitter more at random (default 2s).
	Gap, Jitter time.Duration
	// Poll is how often the outbox is read (default 1s).
	Poll time.Duration
	// FinalPass is how long the sender goes on sending what is due once told to
	// stop (default 5 s).
	FinalPass time.Duration
}

func (s *Sender) defaults() {
	if s.PerMinute <= 0 {
		s.PerMinute = 20
	}
	if s.Gap <= 0 {
		s.Gap = 3 * time.Second
	}
	if s.Jitter < 0 {
		s.Jitter = 0
	} else if s.Jitter == 0 {
		s.Jitter = 2 * time.Second
	}
	if s.Poll <= 0 {
		s.Poll = time.Second
	}
}

// Run sends until ctx ends; then it sends what is due for a few seconds more
// (FinalPass), so notifications of the last messages handled before a shutdown can
// go out before the connection closes. What is left waits in the outbox.
func (s *Sender) Run(ctx context.Context) error {
	s.defaults()
	s.Bot.init()
	p := &sendPass{s: s, every: time.Minute / time.Duration(s.PerMinute), nextFor: map[string]time.Time{}}
	tick := time.NewTicker(s.Poll)
	defer tick.Stop()
	for {
		p.run(ctx)
		select {
		case <-ctx.Done():
			final, cancel := context.WithTimeout(context.WithoutCancel(ctx), orDefault(s.FinalPass, 5*time.Second))
			defer cancel()
			p.final = true
			p.run(final)
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// sendPass is the sender's pacing state across passes over the outbox.
type sendPass struct {
	s       *Sender
	every   time.Duration
	nextAny time.Time
	nextFor map[string]time.Time
	// final is set for the pass after a stop: its failures (the pass's own deadline
	// among them) are no attempts.
	final bool
}

// run sends what is due now, each recipient's gap and the overall pace kept.
func (p *sendPass) run(ctx context.Context) {
	s := p.s
	rows, err := s.Outbox.PendingOutbox(ctx, time.Now(), 100)
	if err != nil && ctx.Err() == nil {
		s.Bot.log().Error("read outbox", "err", err)
	}
	for _, row := range rows {
		now := time.Now()
		if now.Before(p.nextFor[row.Recipient]) || s.Bot.chats.held(row.Recipient) {
			continue // this recipient's gap, or its answers still going out: the next pass takes it
		}
		if wait := p.nextAny.Sub(now); wait > 0 && !sleep(ctx, wait) {
			return
		}
		if !s.Bot.Client.IsConnected() {
			return // nothing can go out; keep every row where it is
		}
		ts, err := s.send(ctx, row)
		p.nextAny = time.Now().Add(p.every)
		if err != nil {
			if !p.final {
				s.failed(ctx, row, err)
			}
			continue
		}
		jitter := time.Duration(0)
		if s.Jitter > 0 {
			jitter = time.Duration(rand.Int64N(int64(s.Jitter)))
		}
		p.nextFor[row.Recipient] = time.Now().Add(s.Gap + jitter)
		mark, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		if err := s.Outbox.MarkSent(mark, row.ID, ts); err != nil {
			s.Bot.log().Error("mark notification sent", "id", row.ID, "err", err)
		}
		cancel()
	}
}

// failed holds a row that could not be sent for a retry, or sets it aside after
// MaxAttempts. A failure while WhatsApp is away, or has asked the bot to slow down,
// is no attempt: the row just waits.
func (s *Sender) failed(ctx context.Context, row loket.OutboxMessage, err error) {
	if !s.Bot.Client.IsConnected() || errors.Is(err, ErrThrottled) || ctx.Err() != nil {
		return
	}
	if row.Attempts+1 >= orDefault(s.MaxAttempts, 10) {
		s.Bot.log().Error("notification set aside: it could not be delivered", "id", row.ID, "attempts", row.Attempts+1, "err", err)
		s.Bot.Metrics.OutboxGivenUp.Inc()
		if err := s.Outbox.GiveUpOutbox(ctx, row.ID, err.Error()); err != nil {
			s.Bot.log().Error("set notification aside", "id", row.ID, "err", err)
		}
		return
	}
	delay := backoff(row.Attempts + 1)
	s.Bot.log().Warn("notification not sent", "id", row.ID, "err", err, "retry_in", delay)
	if err := s.Outbox.RetryOutbox(ctx, row.ID, err.Error(), time.Now().Add(delay)); err != nil {
		s.Bot.log().Error("hold notification", "id", row.ID, "err", err)
	}
}

// send sends one row. A letter is read from the store only here, as its row is
// sent, and the pass sends one row at a time: the sender holds one letter in
// memory at most (issue 10's bound on letters in flight, with the dialog's
// Conversation.LetterMemory).
func (s *Sender) send(ctx context.Context, row loket.OutboxMessage) (time.Time, error) {
	r := loket.Reply{Chat: row.Recipient, ID: row.MsgID, Text: row.Body}
	if row.LetterID != 0 {
		l, err := s.Outbox.Letter(ctx, row.LetterID)
		if err != nil {
			return time.Time{}, err
		}
		// Staff receive the letter named by its reference, never by the name the
		// applicant's app gave it (which the summary shows, cleaned).
		r.Attachment = storedFile(row.Ref, l)
	}
	return s.Bot.Send(ctx, r)
}

// LetterFileName is the name a request's letter is sent under: ZM-2026-0001-surat.pdf.
func LetterFileName(ref string) string {
	if ref == "" {
		return "surat-permohonan.pdf"
	}
	return ref + "-surat.pdf"
}
