// Package bot is Loket's WhatsApp edge: the only room that knows WhatsApp. It turns
// whatsmeow events into loket.Message values through a durable PostgreSQL inbox,
// hands them to the dialog in order per chat (many chats at once), and sends the
// replies back, paced so the number is never taken for a bulk sender.
//
// It is built to survive what the outside does: a message that crashes the process
// is set aside after three tries, an outage of PostgreSQL, Redis or WhatsApp pauses
// the chats it touches without spending their attempts, a flooding number is slowed
// without slowing anyone else, and a shutdown finishes what is in hand.
//
// bot talks to WhatsApp only through Client, the narrow slice of *whatsmeow.Client it
// needs, so the simulator in bot/sim can stand in for WhatsApp in demos and tests.
package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"

	"github.com/uns-dtik/loket"
)

// Client is the part of WhatsApp the bot uses. *whatsmeow.Client satisfies it, and so
// does the simulator (bot/sim).
type Client interface {
	SendMessage(ctx context.Context, to types.JID, message *waE2E.Message, extra ...whatsmeow.SendRequestExtra) (whatsmeow.SendResponse, error)
	Upload(ctx context.Context, plaintext []byte, appInfo whatsmeow.MediaType) (whatsmeow.UploadResponse, error)
	DownloadToFile(ctx context.Context, msg whatsmeow.DownloadableMessage, file whatsmeow.File) error
	MarkRead(ctx context.Context, ids []types.MessageID, timestamp time.Time, chat, sender types.JID, receiptTypeExtra ...types.ReceiptType) error
	SendChatPresence(ctx context.Context, jid types.JID, state types.ChatPresence, media types.ChatPresenceMedia) error
	IsConnected() bool
	IsLoggedIn() bool
}

var _ Client = (*whatsmeow.Client)(nil)

// Handler is the dialog behind the bot: it applies one message and returns the replies.
// It must be idempotent per Message.Seq: a message handed over again after a crash
// returns the same replies and changes nothing.
type Handler interface {
	Handle(ctx context.Context, msg loket.Message) ([]loket.Reply, error)
}

// Desk is the staff's side (backoffice.Office satisfies it): it Serves the messages
// that are its own (staff commands) instead of the applicant dialog, and leaves the
// others untouched (served false). Like a Handler, it must be idempotent per
// Message.Seq.
type Desk interface {
	Serve(ctx context.Context, msg loket.Message) (replies []loket.Reply, served bool, err error)
}

// Inbox is the durable queue of inbound messages (store.DB satisfies it).
type Inbox interface {
	AddInbox(ctx context.Context, m loket.InboxMessage) (bool, error)
	PendingInbox(ctx context.Context, limit int) ([]loket.InboxMessage, error)
	// ClaimInbox waits for the disk when durable is set (then every commit before it
	// is on disk too); otherwise it need not, nor need FinishInbox.
	ClaimInbox(ctx context.Context, seq int64, runner string, durable bool) (int, error)
	FinishInbox(ctx context.Context, seq int64, errText string) error
	FailInbox(ctx context.Context, seq int64, errText string, count bool) (int, error)
	// Unavailable tells a failure of the store itself (down, unreachable, read-only)
	// from the message's own: the first is waited out, not counted against it.
	Unavailable(err error) bool
	// TryLockDispatch takes the right to dispatch the inbox (nil: another process
	// has it).
	TryLockDispatch(ctx context.Context) (loket.Lock, error)
}

// LIDResolver finds the phone number behind a WhatsApp LID (whatsmeow's
// Store.LIDs satisfies it). It returns an empty JID when it does not know.
type LIDResolver interface {
	GetPNForLID(ctx context.Context, lid types.JID) (types.JID, error)
}

// Bot connects WhatsApp to the dialog. Set the fields, then call Run; give HandleEvent
// to the client as an event handler with success status. Every duration and count
// has a working default.
type Bot struct {
	Client  Client
	Inbox   Inbox
	Handler Handler
	// Desk, when set, takes staff commands.
	Desk Desk
	// LIDs, when set, resolves senders whose number WhatsApp hid behind a LID.
	LIDs LIDResolver
	// Ready, when set, reports whether the bot's own stores (PostgreSQL, Redis) take
	// writes. A message that fails while they do not is waited for, not counted as
	// an attempt: an outage is not the message's fault.
	Ready func(ctx context.Context) error
	// Pace is the budget every send spends, replies and notifications alike
	// (nil: unpaced, for tests).
	Pace    *Pacer
	Metrics *Metrics
	Log     *slog.Logger

	// Workers bounds how many chats are handled at once (default 16).
	Workers int
	// MaxAttempts is how often a message may fail by its own fault before the sender
	// is told and it is set aside (default 5).
	MaxAttempts int
	// MaxCrashes is how many handlings of one message may die with the process
	// before it is set aside (default 3).
	MaxCrashes int
	// HandleTimeout bounds the handling of one message (default 1 minute).
	HandleTimeout time.Duration
	// OutageNotice is how long a chat waits for an outage to end before it is told
	// its message is kept (default 1 minute).
	OutageNotice time.Duration
	// Flood limits one number: FloodBurst messages per FloodWindow are handled as
	// they come (default 20 per 10 s); beyond that the number is told once and its
	// messages are handled one per CalmEvery (default 3 s) until it has caught up.
	FloodBurst  int
	FloodWindow time.Duration
	CalmEvery   time.Duration
	// BusyRead is the least time between two reads of the inbox while workers hold
	// messages (default 5 ms): every message recorded and every job done asks for a
	// read, and one read serves all that asked meanwhile. When the last worker is
	// done, the inbox is read at once.
	BusyRead time.Duration
	// DrainTimeout bounds how long a shutdown waits for messages in hand (default 10 s).
	DrainTimeout time.Duration
	// ThrottleWait is how long every send pauses when WhatsApp first says the bot
	// sends too much (default 30 s; doubling while it goes on, up to 16 times).
	ThrottleWait time.Duration

	initOnce sync.Once
	wake     chan struct{}
	runner   string
	stopping atomic.Bool
	chats    *chats
	throttle hold
}

func (b *Bot) init() {
	b.initOnce.Do(func() {
		b.wake = make(chan struct{}, 1)
		b.runner = newRunnerName()
		b.chats = newChats()
		if b.Metrics == nil {
			b.Metrics = NewMetrics(nil)
		}
	})
}

// newRunnerName names this process in the inbox's claims: unique, so a claim left by
// another name is a process that died.
func newRunnerName() string {
	buf := make([]byte, 8)
	_, _ = rand.Read(buf)
	return hex.EncodeToString(buf)
}

func (b *Bot) log() *slog.Logger {
	if b.Log == nil {
		return slog.Default()
	}
	return b.Log
}

// poke tells the dispatcher there may be new work, without ever blocking.
func (b *Bot) poke() {
	b.init()
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

func orDefault[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}
