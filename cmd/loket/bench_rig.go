package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"golang.org/x/sync/errgroup"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot"
	"github.com/uns-dtik/loket/bot/sim"
	"github.com/uns-dtik/loket/conversation/letter"
)

// rig is Loket wired as `loket sim` wires it (a.newBot), in this process, on the
// simulated WhatsApp, with what the bench needs to see: every message the bot sends,
// by number, and which of them answer which inbound message. Watching costs a map
// write per message sent and per message handled; nothing in the pipeline changes.
type rig struct {
	a   *app
	sim *sim.Sim
	bot *bot.Bot

	mu    sync.Mutex
	boxes map[string]*mailbox
	// letters holds each letter an applicant sent until the bot has downloaded it,
	// by its path on the simulator (see keepLetter).
	letters map[string][]byte
	// sent counts every message the bot sent, answers and notifications alike;
	// answers those that answered a message of the bench's.
	sent, answers atomic.Int64
}

// replyWait is how long one message may go unanswered before the bench gives up on
// its chat: far above any latency seen, so only a dialog gone wrong hits it.
const replyWait = 2 * time.Minute

// received is one message the bot sent to a number.
type received struct {
	at   time.Time
	text string
}

// mailbox is what the bot sent one number, by WhatsApp message ID, and which of those
// IDs answer each inbound message (by the inbound message's ID). Answers are told
// from notifications by ID, so a notification arriving beside a dialog never passes
// for its answer.
type mailbox struct {
	mu    sync.Mutex
	got   map[string]received
	turns map[string][]string
	// wake tells the one chat driver waiting on this number that something arrived.
	wake chan struct{}
}

func (r *rig) box(phone string) *mailbox {
	r.mu.Lock()
	defer r.mu.Unlock()
	m, ok := r.boxes[phone]
	if !ok {
		m = &mailbox{got: map[string]received{}, turns: map[string][]string{}, wake: make(chan struct{}, 1)}
		r.boxes[phone] = m
	}
	return m
}

func (m *mailbox) update(f func()) {
	m.mu.Lock()
	f()
	m.mu.Unlock()
	select {
	case m.wake <- struct{}{}:
	default:
	}
}

// await returns the answers to inbound message id once the bot has sent them all.
func (m *mailbox) await(ctx context.Context, id string) ([]received, error) {
	deadline := time.NewTimer(replyWait)
	defer deadline.Stop()
	for {
		m.mu.Lock()
		ids, handled := m.turns[id]
		var out []received
		for _, rid := range ids {
			if r, ok := m.got[rid]; ok {
				out = append(out, r)
			}
		}
		if handled && len(out) == len(ids) {
			delete(m.turns, id)
			for _, rid := range ids {
				delete(m.got, rid)
			}
			m.mu.Unlock()
			return out, nil
		}
		m.mu.Unlock()
		select {
		case <-m.wake:
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-deadline.C:
			return nil, fmt.Errorf("no answer within %v (handled: %v, %d of %d answers sent)", replyWait, handled, len(out), len(ids))
		}
	}
}

// forget drops what a number was sent and no message of its claimed: the
// notifications of a finished phase.
func (m *mailbox) forget() {
	m.update(func() { clear(m.got) })
}

// benchClient is the simulator as the bot's WhatsApp client, telling the rig of
// every message the bot sends.
type benchClient struct {
	*sim.Sim
	r *rig
}

// SendMessage sends through the simulator and files the message in the recipient's
// mailbox.
func (c benchClient) SendMessage(ctx context.Context, to types.JID, m *waE2E.Message, extra ...whatsmeow.SendRequestExtra) (whatsmeow.SendResponse, error) {
	resp, err := c.Sim.SendMessage(ctx, to, m, extra...)
	if err == nil {
		c.r.sent.Add(1)
		// One of the three is set; the others are "" (the getters are nil-safe).
		text := m.GetConversation() + m.GetExtendedTextMessage().GetText() + m.GetDocumentMessage().GetCaption()
		box := c.r.box(to.User)
		box.update(func() { box.got[resp.ID] = received{at: resp.Timestamp, text: text} })
	}
	return resp, err
}

// DownloadToFile gives the bot a letter the rig kept (once: the bot downloads a
// letter once), else asks the simulator.
func (c benchClient) DownloadToFile(ctx context.Context, m whatsmeow.DownloadableMessage, file whatsmeow.File) error {
	c.r.mu.Lock()
	data, ok := c.r.letters[m.GetDirectPath()]
	delete(c.r.letters, m.GetDirectPath())
	c.r.mu.Unlock()
	if !ok {
		return c.Sim.DownloadToFile(ctx, m, file)
	}
	_, err := file.Write(data)
	return err
}

// watched hands each message to the dialog or the desk as the bot would, and tells
// the sender's mailbox which message IDs the bot will answer it with (bot.ReplyID,
// or the ID a reply brings).
type watched struct {
	bot.Handler
	r *rig
}

// Handle applies msg and notes the IDs of its answers to the sender.
func (w watched) Handle(ctx context.Context, msg loket.Message) ([]loket.Reply, error) {
	replies, err := w.Handler.Handle(ctx, msg)
	if err == nil {
		w.r.noteAnswers(msg, replies)
	}
	return replies, err
}

// noteAnswers tells msg's sender's mailbox the IDs of replies, those to the sender.
func (r *rig) noteAnswers(msg loket.Message, replies []loket.Reply) {
	var ids []string
	for i, reply := range replies {
		if reply.Chat != "" && reply.Chat != msg.Chat {
			continue // sent to someone else
		}
		id := reply.ID
		if id == "" {
			id = bot.ReplyID(msg.Chat, msg.Seq, i)
		}
		ids = append(ids, id)
	}
	box := r.box(msg.Chat)
	box.update(func() { box.turns[msg.ID] = ids })
}

// watchedDesk is watched for the staff's desk.
type watchedDesk struct {
	bot.Desk
	r *rig
}

// Serve applies a staff command and notes the IDs of its answers.
func (w watchedDesk) Serve(ctx context.Context, msg loket.Message) ([]loket.Reply, bool, error) {
	replies, served, err := w.Desk.Serve(ctx, msg)
	if served && err == nil {
		w.r.noteAnswers(msg, replies)
	}
	return replies, served, err
}

// newRig builds the bot as `loket sim` does, on an in-process simulator.
func (a *app) newRig() *rig {
	r := &rig{a: a, boxes: map[string]*mailbox{}, letters: map[string][]byte{}}
	r.bot = a.newBot(prometheus.NewRegistry())
	r.bot.Handler = watched{Handler: r.bot.Handler, r: r}
	r.bot.Desk = watchedDesk{Desk: r.bot.Desk, r: r}
	r.sim = sim.New(func(evt any) bool {
		r.keepLetter(evt)
		return r.bot.HandleEvent(evt)
	})
	// Nobody opens the files the bot sends in a bench (the admins' letters): the
	// simulator keeps the last few rather than 128 MB of them, which would count as
	// Loket's memory in the report.
	r.sim.MediaMemory = 2 * letter.MaxBytes
	r.bot.Client = benchClient{Sim: r.sim, r: r}
	return r
}

// keepLetter holds on to the letter a message brings until the bot downloads it.
// The simulator keeps 128 MB of files in memory and drops the oldest beyond that;
// 200 applicants have more letters than that waiting for their turn, which
// WhatsApp's media servers would keep for weeks. Holding the simulator's own slice
// costs no copy.
func (r *rig) keepLetter(evt any) {
	msg, ok := evt.(*events.Message)
	if !ok || msg.Message.GetDocumentMessage() == nil {
		return
	}
	path := msg.Message.GetDocumentMessage().GetDirectPath()
	if data, ok := r.sim.MediaBytes(strings.TrimPrefix(path, "/sim/media/")); ok {
		r.mu.Lock()
		r.letters[path] = data
		r.mu.Unlock()
	}
}

// startRig wires a rig and runs it until the returned stop, which says how the run
// ended.
func (a *app) startRig(ctx context.Context) (*rig, func() error) {
	r := a.newRig()
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- r.run(rctx) }()
	return r, func() error {
		cancel()
		return <-done
	}
}

// run runs the bot and the outbox's sender until ctx ends, then lets the bot finish
// what it holds. The sender is `loket sim`'s with WhatsApp's pacing lifted (see
// benchConfig) and reads the outbox every 50 ms instead of every second, so a
// phase's notifications are out soon after its last answer. The SLA scheduler and
// the housekeeper are left out: they act once a minute and once an hour, on nothing
// a bench run creates.
func (r *rig) run(ctx context.Context) error {
	sender := &bot.Sender{Bot: r.bot, Outbox: r.a.db, PerMinute: r.a.cfg.NotifyPerMinute, Gap: r.a.cfg.SendGap,
		Jitter: -1, Poll: 50 * time.Millisecond, MaxAttempts: r.a.cfg.OutboxMaxAttempts}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return quiet(r.bot.Run(gctx)) })
	g.Go(func() error { return quiet(sender.Run(gctx)) })
	err := g.Wait()
	r.sim.Close()
	return err
}

// say sends in and waits for the bot's answers to it. The latency is from the send
// (which returns once the message is in the inbox, as WhatsApp's acknowledgement
// waits for that) to the bot's first answer.
func (r *rig) say(ctx context.Context, in sim.Inbound) ([]received, time.Duration, error) {
	start := time.Now()
	id, err := r.sim.Send(in)
	if err != nil {
		return nil, 0, err
	}
	got, err := r.box(in.From).await(ctx, id)
	switch {
	case err != nil:
		return nil, 0, err
	case len(got) == 0:
		return nil, 0, errors.New("the bot did not answer")
	}
	r.answers.Add(int64(len(got)))
	return got, got[0].at.Sub(start), nil
}

// converse sends script from one number, each message after the answers to the one
// before, and returns the answers to the last. A failure names the message and
// quotes the answers before it, so a dialog gone off its script shows where.
func (r *rig) converse(ctx context.Context, script []sim.Inbound, st *phaseStats, expect string, answered func()) ([]received, error) {
	var last []received
	for i, in := range script {
		got, latency, err := r.say(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("%s, message %d (%s): %w; the answer before: %q", in.From, i+1, describe(in), err, texts(last))
		}
		if expect != "" && !strings.Contains(texts(got), expect) {
			return nil, fmt.Errorf("%s, message %d (%s): the bot answered %q, not %q", in.From, i+1, describe(in), texts(got), expect)
		}
		st.answered(messageKind(in), latency)
		if answered != nil {
			answered()
		}
		last = got
	}
	return last, nil
}

func describe(in sim.Inbound) string {
	if in.Document != nil {
		return fmt.Sprintf("a %d-byte letter", len(in.Document.Data))
	}
	return fmt.Sprintf("%q", in.Text)
}

func texts(rs []received) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.text)
		b.WriteString("\n")
	}
	return b.String()
}

// quietQueues waits until the inbox and the outbox are empty: every message handled
// and every notification sent. It looks every 100 ms: the phase's CPU is counted
// until it returns, so its own reads count against Loket (every 20 ms they were a
// tenth of the process's CPU in a run of 600 requests), while the phase's seconds
// end at its last answer, before it starts.
func (r *rig) quietQueues(ctx context.Context) error {
	for {
		q, err := r.a.db.Queues(ctx)
		if err != nil {
			return err
		}
		if q.Inbox == 0 && q.Outbox == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}
