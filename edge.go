package loket

// What the WhatsApp edge keeps in storage: the durable inbox of inbound messages, the
// outbox of notifications, the locks that keep one process on a number and one on
// the inbox, and the counts its metrics read. store implements them; bot names only
// these.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strings"
	"time"
)

// Lock is a lock held by this process in storage (the dispatch lock, a WhatsApp
// number's connection lock): it goes with its holder's session, kill -9 included.
type Lock interface {
	// Held reports whether the lock's session still answers, so the lock is still
	// this process's.
	Held(ctx context.Context) bool
	// Release gives the lock up.
	Release()
}

// InboxMessage is one inbound message as the WhatsApp edge recorded it. Payload is the
// edge's own encoding of the message (the store does not look inside).
type InboxMessage struct {
	Seq     int64
	Chat    string
	MsgID   string
	Phone   string
	Name    string
	ReplyTo string
	Payload []byte
	// SentAt is WhatsApp's timestamp of the message; ReceivedAt when it was recorded.
	SentAt     time.Time
	ReceivedAt time.Time
	// Attempts counts failures that were the message's own; Crashes counts handlings
	// that a dead process left unfinished.
	Attempts int
	Crashes  int
	// Claimed is set once handling the message has started, ever: it may have been
	// applied, so it keeps its turn in its chat.
	Claimed bool
	// Replies, once recorded, are what handling the message answered: a replay
	// sends them again instead of handling the message again. Nil until then.
	Replies []Reply
}

// ErrHandled is returned by ClaimInbox for a message already marked handled: it was
// read as pending just before it was marked.
var ErrHandled = errors.New("loket: inbox message already handled")

// NewMessageID returns a fresh WhatsApp message ID in the shape whatsmeow generates.
func NewMessageID() string {
	b := make([]byte, 9)
	_, _ = rand.Read(b)
	return "3EB0" + strings.ToUpper(hex.EncodeToString(b))
}

// OutboxMessage is one notification waiting to be sent.
type OutboxMessage struct {
	ID        int64
	Recipient string
	MsgID     string
	RequestID int64
	// Ref is the reference of the request it is about, "" for none.
	Ref      string
	Body     string
	LetterID int64
	Attempts int
}

// Queues is what waits: inbound messages not yet handled and notifications not yet
// sent (nor given up), with the age of the oldest of each.
type Queues struct {
	Inbox, Outbox             int
	InboxOldest, OutboxOldest time.Duration
}

// Transition is how often requests of one service moved from one status to another
// (From is empty for filing).
type TransitionCount struct {
	Service, From, To string
	Count             int64
}
