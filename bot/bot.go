// Package bot is Loket's WhatsApp edge: the only room that knows WhatsApp. It turns
// whatsmeow events into loket.Message values through a durable PostgreSQL inbox,
// hands them to the dialog in order per chat (many chats at once), and sends the
// replies back.
//
// bot talks to WhatsApp only through Client, the narrow slice of *whatsmeow.Client it
// needs, so the simulator in bot/sim can stand in for WhatsApp in demos and tests.
package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store"
)

// Client is the part of WhatsApp the bot uses. *whatsmeow.Client satisfies it, and so
// does the simulator (bot/sim).
type Client interface {
	SendMessage(ctx context.Context, to types.JID, message *waE2E.Message, extra ...whatsmeow.SendRequestExtra) (whatsmeow.SendResponse, error)
	Upload(ctx context.Context, plaintext []byte, appInfo whatsmeow.MediaType) (whatsmeow.UploadResponse, error)
	Download(ctx context.Context, msg whatsmeow.DownloadableMessage) ([]byte, error)
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

// Desk is the staff's side (backoffice.Office satisfies it): the messages it Serves
// (staff commands) go to it instead of the applicant dialog.
type Desk interface {
	Handler
	Serves(ctx context.Context, msg loket.Message) (bool, error)
}

// Inbox is the durable queue of inbound messages (store.DB satisfies it).
type Inbox interface {
	AddInbox(ctx context.Context, m store.InboxMessage) (bool, error)
	PendingInbox(ctx context.Context, after int64, limit int) ([]store.InboxMessage, error)
	FinishInbox(ctx context.Context, seq int64, errText string) error
	FailInbox(ctx context.Context, seq int64, errText string) (int, error)
	SetInboxReplies(ctx context.Context, seq int64, replies []byte) error
}

// LIDResolver finds the phone number behind a WhatsApp LID (whatsmeow's
// Store.LIDs satisfies it). It returns an empty JID when it does not know.
type LIDResolver interface {
	GetPNForLID(ctx context.Context, lid types.JID) (types.JID, error)
}

// Bot connects WhatsApp to the dialog. Set the fields, then call Run; give HandleEvent
// to the client as an event handler with success status.
type Bot struct {
	Client  Client
	Inbox   Inbox
	Handler Handler
	// Desk, when set, takes staff commands.
	Desk Desk
	// LIDs, when set, resolves senders whose number WhatsApp hid behind a LID.
	LIDs LIDResolver
	Log  *slog.Logger
	// Workers bounds how many chats are handled at once (default 16).
	Workers int
	// MaxAttempts is how often a message is tried before the sender is told it failed
	// (default 5).
	MaxAttempts int

	wakeOnce sync.Once
	wake     chan struct{}
}

func (b *Bot) log() *slog.Logger {
	if b.Log == nil {
		return slog.Default()
	}
	return b.Log
}

func (b *Bot) wakeChan() chan struct{} {
	b.wakeOnce.Do(func() { b.wake = make(chan struct{}, 1) })
	return b.wake
}

// poke tells the dispatcher there may be new work, without ever blocking.
func (b *Bot) poke() {
	select {
	case b.wakeChan() <- struct{}{}:
	default:
	}
}
