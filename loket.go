// Package loket holds the shared vocabulary of Loket, the WhatsApp front door of the
// UNS DTIK service desk: messages in, replies out, requests and their statuses, and the
// sentences it says, typed, rendered in the user's language.
//
// It has no dependencies beyond the standard library and phonenumbers (ParsePhone).
// The rooms around it are bot (WhatsApp), conversation (the applicant dialog),
// backoffice (the staff's side), store (PostgreSQL and Redis) and memstore (the same
// storage in memory, for tests); only cmd/loket knows them all. docs/ARCHITECTURE.md
// draws the house.
package loket

import (
	"context"
	"errors"
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
	Name string
	Kind Kind
	Text string
	// QuotedID is the WhatsApp ID of the message this one replies to (quotes), "" for none.
	QuotedID string
	// QuotedText is the text or caption of the quoted message, as the sender's app sent
	// it along with the quote (WhatsApp does not look it up: the app copies it). The
	// sender controls it, so it may only ever stand for what they could have typed;
	// it never proves that the bot said it.
	QuotedText string
	Document   *Document
	Time       time.Time
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

// Sentence is one thing Loket says, as a value: its type names the sentence and its
// fields hold the raw data it is about (the value typed, the limit, a date as a
// time.Time), never words. Each language renders it in a method of its own, kept in
// one file per language per package (text_id.go, text_en.go), with constant format
// strings that go vet checks. A sentence type without either method does not
// satisfy Sentence, so saying it does not compile.
type Sentence interface {
	// Indonesian is the sentence in Bahasa Indonesia, the language Loket speaks first.
	Indonesian() string
	// English is the sentence for whoever asked for English.
	English() string
}

// Say renders s in lang; any language but English is Indonesian.
func Say(lang Lang, s Sentence) string {
	if lang == English {
		return s.English()
	}
	return s.Indonesian()
}

// Refusal is an error the user is told about in a sentence: an answer a validator
// refuses, a number that is not one. Any other error is not the user's fault.
type Refusal struct{ Sentence }

// Refuse returns s as an error, for validators to return.
func Refuse(s Sentence) error { return &Refusal{Sentence: s} }

// Error is the refusal in English, for logs.
func (r *Refusal) Error() string { return "refused: " + r.English() }
