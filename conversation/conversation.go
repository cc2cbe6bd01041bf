// Package conversation is the applicant's side of Loket: the service catalog, each
// service's dialog, the field validators, and the menu, status, help, back, edit and
// cancel commands around them.
//
// A dialog is a looplab/fsm machine, defined once per service when the catalog loads
// (machine.go): its states are the steps of the draft and the questions that
// interrupt them (state.go), and the session in Redis holds the state it is in. A
// message is routed (router.go) to an event; the machine decides where it leads, and
// what the move does happens in its callbacks or right after it.
//
// It speaks loket.Message in and loket.Reply out and never imports whatsmeow, so it is
// tested without WhatsApp; the storage it needs is the root's interfaces, composed in
// Store below, and loket.SessionStore.
package conversation

import (
	"context"
	"log/slog"
	"time"

	"golang.org/x/sync/semaphore"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation/draft"
	"github.com/uns-dtik/loket/conversation/letter"
)

// Store is what the dialog needs of storage, by concern: the applicant's requests,
// the draft's letter, the Zoom roster and the questionnaire (store.DB satisfies it;
// memstore.DB in unit tests). One value serves them all, so it is one field.
type Store interface {
	loket.ApplicantRequests
	loket.LetterStore
	loket.ZoomRoster
	loket.QuestionnaireStore
	loket.LicencePool
}

// PauseBeforeAsking is how long a draft may rest before the applicant is asked whether
// to continue it or start again.
const PauseBeforeAsking = 30 * time.Minute

// Conversation applies applicants' messages to their dialogs. Set the fields; the
// zero values of Now, TTL and Log are usable.
type Conversation struct {
	Catalog  *Catalog
	Store    Store
	Sessions loket.SessionStore
	// TTL is how long an untouched session lives (default 72h).
	TTL time.Duration
	// Announce, when set, composes the notifications a filed request causes; they are
	// written in the filing transaction (the back office tells the admins).
	Announce loket.Announcer
	// Resubmit sends a draft corrected after a revision back under its request's
	// reference (the back office's Office.Resubmit: the lifecycle machine decides the
	// move, the store records it; cmd/loket wires it).
	Resubmit func(ctx context.Context, n loket.NewRequest, requestID int64, now time.Time) (*loket.Request, error)
	// Letters checks request letters, each in a child process (default: a checker
	// with letter's defaults, running this executable, whose main must call
	// letter.ChildMain).
	Letters *letter.Checker
	// LetterMemory bounds the letters (and attachments) held in memory at once, in
	// bytes: each takes letter.MaxBytes of it from before its download until its
	// turn ends (checked, stored, answered). Its size can be told before the
	// download only by what the sender's app declares, which binds nothing, so each
	// counts as the largest there may be. Default: DefaultLetterMemory, shared by
	// the conversations without one.
	LetterMemory *semaphore.Weighted
	// Drafts, when set, renders the draft request letter a service's template makes
	// of the applicant's answers (`draf surat`, offered at the letter step).
	Drafts *draft.Drafts
	// Observe, when set, is told how dialogs end and letter checks go (the bot's
	// metrics).
	Observe Observer
	// Now is the clock (default time.Now); tests inject their own.
	Now func() time.Time
	Log *slog.Logger
}

// Observer is told what happens in dialogs, for the metrics (bot.Metrics satisfies
// it): service codes and outcomes only, never who. A turn run again after a crash
// may tell it twice.
type Observer interface {
	// Dialog is told a dialog of service was "started", "completed" (filed) or
	// "abandoned" (cancelled, restarted, or left for another service).
	Dialog(service, outcome string)
	// LetterChecked is told "accepted" or the refusal's code.
	LetterChecked(outcome string)
}

// defaultLetters is the checker of a Conversation without one: its concurrency bound
// is per checker, so all such conversations share one.
var defaultLetters = &letter.Checker{}

// DefaultLetterMemory is the bytes of letters a Conversation without LetterMemory
// holds at once: four letters of 10 MB. Two are checked at a time (the checker's
// default concurrency) while two more are downloaded or stored; more would mostly
// wait for the checker, holding memory instead of waiting for it. A place is taken
// before the download, so a fifth letter also waits for the others' downloads: at
// most holdPatience, after which its sender is asked to send it again. Each letter
// in hand costs about one copy of itself (the download; the check and the store
// stream from it), so 40 MB of letters stay within issue 10's +300 MB for 50
// applicants sending 10 MB letters at once.
const DefaultLetterMemory = 4 * letter.MaxBytes

// defaultLetterMemory is the bound of the conversations without LetterMemory.
var defaultLetterMemory = semaphore.NewWeighted(DefaultLetterMemory)

func (c *Conversation) letterMemory() *semaphore.Weighted {
	if c.LetterMemory != nil {
		return c.LetterMemory
	}
	return defaultLetterMemory
}

func (c *Conversation) letters() *letter.Checker {
	if c.Letters != nil {
		return c.Letters
	}
	return defaultLetters
}

func (c *Conversation) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Conversation) ttl() time.Duration {
	if c.TTL > 0 {
		return c.TTL
	}
	return 72 * time.Hour
}

func (c *Conversation) log() *slog.Logger {
	if c.Log != nil {
		return c.Log
	}
	return slog.Default()
}

// Handle applies one message and returns the replies. It is idempotent per msg.Seq:
// a message the session already covers changes nothing and gets the same replies,
// and what a turn writes to PostgreSQL (a request, a letter, a questionnaire answer)
// is keyed so that the same turn run again finds it written. An error means the
// session was not saved and the message should be tried again.
func (c *Conversation) Handle(ctx context.Context, msg loket.Message) ([]loket.Reply, error) {
	sess, version, err := c.loadSession(ctx, msg.Chat)
	if err != nil {
		return nil, err
	}
	// Only the last message applied can come again: the bot marks each handled before
	// it hands over the next. A lower sequence is a message sent earlier and
	// recorded later (after an outage), applied now in its turn.
	if msg.Seq != 0 && msg.Seq == sess.LastSeq {
		return sess.LastReplies, nil
	}
	letterBefore := c.draftLetter(sess)
	serviceBefore, draftBefore := sess.Service, sess.DraftID
	c.checkState(sess)
	t := &turn{c: c, s: sess, msg: msg, now: c.now()}
	defer t.releaseLetter()
	if err := t.run(ctx); err != nil {
		return nil, err
	}
	replies := t.out
	sess.LastSeq, sess.LastReplies, sess.Updated = msg.Seq, replies, t.now
	if err := c.saveSession(ctx, msg.Chat, sess, version); err != nil {
		return nil, err
	}
	c.observeDialog(serviceBefore, draftBefore, sess, t.filed)
	// Only a draft's current letter is kept: one replaced, or left by a draft given
	// up, goes now. The one the turn's request holds belongs to it and stays, so a
	// filing turn asks for nothing (the store would delete no row); a draft found
	// filed before with another letter (filed, then the session not saved) drops the
	// one sent since. Should this fail, the clean-up of expired drafts' letters takes
	// it later.
	if letterBefore != 0 && letterBefore != t.filedLetter && letterBefore != c.draftLetter(sess) {
		if err := c.Store.DropLetters(ctx, msg.Chat, []int64{letterBefore}); err != nil {
			c.log().Warn("could not drop a replaced letter", "err", err)
		}
	}
	return replies, nil
}

// observeDialog tells the observer how the turn changed the draft: one that ended was
// completed (filed) or abandoned, and a new one started.
func (c *Conversation) observeDialog(serviceBefore, draftBefore string, after *Session, filed bool) {
	if c.Observe == nil || after.DraftID == draftBefore {
		return
	}
	if draftBefore != "" {
		outcome := "abandoned"
		if filed {
			outcome = "completed"
		}
		c.Observe.Dialog(serviceBefore, outcome)
	}
	if after.DraftID != "" {
		c.Observe.Dialog(after.Service, "started")
	}
}

// draftLetter is the ID of the letter s's draft holds, 0 for none.
func (c *Conversation) draftLetter(s *Session) int64 {
	svc := c.Catalog.Service(s.Service)
	if svc == nil {
		return 0
	}
	f := letterField(svc)
	if f == nil {
		return 0
	}
	v, ok := s.Answers[f.Key]
	if !ok {
		return 0
	}
	id, _, err := letterAnswer(v)
	if err != nil {
		return 0
	}
	return id
}
