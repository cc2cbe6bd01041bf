// Package loket holds the shared vocabulary of Loket, the WhatsApp front door of the
// UNS DTIK service desk: messages in, replies out, requests and their statuses, and the
// application error that every edge turns into a sentence in the user's language.
//
// It has no dependencies beyond the standard library and phonenumbers (ParsePhone). The rooms around it are
// bot (WhatsApp), conversation (the applicant dialog) and store (PostgreSQL and Redis);
// only cmd/loket knows them all.
package loket

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Lang is the language a conversation is held in: Indonesian first, English on request.
type Lang string

// The languages Loket speaks.
const (
	Indonesian Lang = "id"
	English    Lang = "en"
)

// Kind says what an inbound message carries. Only text and documents are answers to
// a dialog; everything else gets a polite "please send text" answer.
type Kind string

// The kinds of inbound message the bot tells apart.
const (
	KindText     Kind = "text"
	KindDocument Kind = "document"
	KindImage    Kind = "image"
	KindSticker  Kind = "sticker"
	KindAudio    Kind = "audio"
	KindVideo    Kind = "video"
	KindLocation Kind = "location"
	KindContact  Kind = "contact"
	// KindEdit is an edit of an earlier message: edits are not read (the answer it
	// changed was taken already), the sender is asked to send the answer again.
	KindEdit  Kind = "edit"
	KindOther Kind = "other"
)

// Message is one inbound WhatsApp message, already taken out of WhatsApp's encoding.
type Message struct {
	// Seq is the message's position in the durable inbox; it only grows, per chat too.
	Seq int64
	// ID is WhatsApp's message ID.
	ID string
	// Chat identifies the conversation: the sender's phone number in international
	// digits (6281234567890), or "lid:<id>" when WhatsApp hid the number.
	Chat string
	// Phone is the sender's number in E.164 (+6281234567890), empty when unknown.
	Phone string
	// Name is the sender's WhatsApp display name; never used to authorise anything.
	Name     string
	Kind     Kind
	Text     string
	QuotedID string
	Document *Document
	Time     time.Time
}

// Document is a file attached to an inbound message. Its bytes are fetched only on
// demand, so a file that is too large can be refused before it is downloaded.
type Document struct {
	FileName string
	MimeType string
	// DeclaredSize is the size the sender's app claims; the download may differ.
	DeclaredSize int64
	// Fetch downloads the file, at most max bytes of it: a larger file (whatever
	// its sender's app declared) is ErrTooLarge, stopped as soon as it is known.
	Fetch func(ctx context.Context, max int64) ([]byte, error)
}

// ErrTooLarge is returned by Document.Fetch for a file larger than asked for.
var ErrTooLarge = errors.New("loket: file larger than allowed")

// Reply is one message the bot sends back.
type Reply struct {
	// Chat is the recipient, in the form of Message.Chat.
	Chat string
	// ID, when set, is the WhatsApp message ID to use, so a re-send is recognisable.
	ID       string
	Text     string
	QuotedID string
	// Attachment, when set, is sent as a document with Text as its caption.
	Attachment *Attachment
}

// Attachment is a document the bot sends.
type Attachment struct {
	FileName string
	MimeType string
	Data     []byte
}

// Error is an application error with a machine code; the edge that shows it looks the
// code up in its sentence table for the user's language and formats Args into it.
type Error struct {
	Code string
	Args []any
}

// Errorf returns an *Error with the given code and arguments.
func Errorf(code string, args ...any) *Error { return &Error{Code: code, Args: args} }

func (e *Error) Error() string {
	if len(e.Args) == 0 {
		return e.Code
	}
	return fmt.Sprintf("%s %v", e.Code, e.Args)
}
