package conversation

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation/letter"
)

// Kind validates the answers to one kind of field, the catalog's `kind`. A new kind
// is a file that calls RegisterKind (from init), plus the catalog entries that use
// it; it sees an answer only through Input.
type Kind struct {
	// Check refuses a catalog field whose parameters do not fit the kind.
	Check func(f *Field) error
	// Parse validates an answer and returns it normalised: Value is stored, Shown
	// (when set) is how the applicant sees it. A refusal is loket.Refuse of a sentence
	// the kind defines, with both renderings (see loket.Sentence); any other error is
	// a failure (the message is tried again).
	Parse func(ctx context.Context, in *Input) (loket.Field, error)
	// Show, when set, renders a stored answer in lang (default: Shown, else Value).
	Show func(f *Field, v loket.Field, lang loket.Lang) string
	// Hint, when set, adds to the field's question: a numbered list, the sender's
	// own number (sender, in E.164) as an answer.
	Hint func(f *Field, sender string, lang loket.Lang) string
	// Example, when set, fills the placeholder {example} of the field's prompt (the
	// catalog's text) with an answer the field would take now: the clock and the
	// draft's answers so far (earlier, by key) decide it, as an end date's example
	// follows the start date.
	Example func(f *Field, now time.Time, earlier map[string]loket.Field, lang loket.Lang) string
	// Recheck marks answers that can go stale while a draft waits (a date that has
	// passed, a username filed meanwhile): they are validated again on sending.
	Recheck bool
	// Document marks a kind answered with a document rather than text: the request
	// letter, whose answer is the letter filed with the request (letterAnswer).
	Document bool
	// Refusable marks a kind whose answer may end the dialog: Parse returns
	// ErrRefused (a "no" to a condition of the service), and the field's catalog
	// refusal, which such a field must have, is said. Its answer, always the same
	// "yes", is not shown again when the field is asked again.
	Refusable bool
}

// Input is what a kind sees of one answer.
type Input struct {
	// Field is the field asked, with the kind's parameters from the catalog.
	Field *Field
	// Text is the answer as typed (an answer checked again: its stored value); Words
	// is the message normalised for matching words ("ya", "nomor ini"): lower case,
	// single spaces, empty for long texts.
	Text, Words string
	// Message is the message that answered: its kind, document and sender.
	Message loket.Message
	// Now is when the message is applied; Lang the applicant's language.
	Now  time.Time
	Lang loket.Lang
	// Earlier are the draft's answers so far, by field key; read only.
	Earlier map[string]loket.Field
	// Lookup reads what an answer may be checked against.
	Lookup Lookup

	letter *loket.Letter
}

// KeepLetter asks for l to be stored with the answer once the dialog takes it; the
// answer's value becomes the stored letter's reference.
func (in *Input) KeepLetter(l loket.Letter) { in.letter = &l }

// Lookup is what a kind may read while deciding on an answer; none of it writes.
type Lookup interface {
	// Taken reports whether value is field key's answer in another open or
	// completed request.
	Taken(ctx context.Context, key, value string) (bool, error)
	// InZoomRoster reports whether the UNS Zoom roster is loaded and holds email.
	InZoomRoster(ctx context.Context, email string) (loaded, found bool, err error)
	// CheckLetter downloads doc (once HoldLetter) and checks it as a request letter
	// (in a child process), returning its bytes and what the check found.
	CheckLetter(ctx context.Context, doc *loket.Document, name string) ([]byte, letter.Info, error)
	// CheckPDF checks a PDF already in hand (a complaint's file, held with
	// HoldLetter) as a request letter is checked; a refusal is a *letter.Refusal.
	CheckPDF(ctx context.Context, data []byte) (letter.Info, error)
	// HoldLetter waits until the turn may hold one more letter (or attachment) in
	// memory (Conversation.LetterMemory), which it then holds until the turn ends.
	// Call it before downloading a document; an error is ctx's.
	HoldLetter(ctx context.Context) error
	// OwnRequest returns the sender's own request with reference ref, or
	// loket.ErrNotFound (anyone else's included).
	OwnRequest(ctx context.Context, ref string) (*loket.Request, error)
}

// ErrRefused is what a Refusable kind's Parse returns for an answer that ends the
// dialog (a "no" to a confirm field): the field's refusal is said instead of a
// question. From a kind that is not Refusable it is a failure like any other error.
var ErrRefused = errors.New("conversation: applicant does not meet the condition")

var (
	kindsMu sync.RWMutex
	kinds   = map[string]*Kind{}
)

// RegisterKind makes kind name available to catalogs loaded afterwards. It panics on
// a name used twice or a kind without Check or Parse, as database/sql does for
// drivers: both are mistakes in the program.
func RegisterKind(name string, k Kind) {
	if k.Check == nil || k.Parse == nil {
		panic("conversation: kind " + name + " needs Check and Parse")
	}
	if check := k.Check; k.Refusable {
		// What the dialog says on a refusal is the catalog's, so every field of a
		// refusable kind must give it, in both languages.
		k.Check = func(f *Field) error {
			if f.Refusal.ID == "" || f.Refusal.EN == "" {
				return errors.New("a field of kind " + name + " needs a refusal in id and en")
			}
			return check(f)
		}
	}
	kindsMu.Lock()
	defer kindsMu.Unlock()
	if _, dup := kinds[name]; dup {
		panic("conversation: kind " + name + " registered twice")
	}
	kinds[name] = &k
}

// kindOf returns the registered kind called name.
func kindOf(name string) (*Kind, bool) {
	kindsMu.RLock()
	defer kindsMu.RUnlock()
	k, ok := kinds[name]
	return k, ok
}

func kindNames() string {
	kindsMu.RLock()
	defer kindsMu.RUnlock()
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// parse validates the message's text (or, for a document kind, its document) as an
// answer to f; words is the text normalised. A letter it accepts is returned, to be
// kept with the answer.
func (t *turn) parse(ctx context.Context, f *Field, text, words string) (loket.Field, *loket.Letter, error) {
	return t.validate(ctx, &Input{Field: f, Text: text, Words: words, Earlier: t.s.Answers})
}

// check validates a stored answer to f again, against earlier answers.
func (t *turn) check(ctx context.Context, f *Field, value string, earlier map[string]loket.Field) (loket.Field, *loket.Letter, error) {
	return t.validate(ctx, &Input{Field: f, Text: value, Earlier: earlier})
}

func (t *turn) validate(ctx context.Context, in *Input) (loket.Field, *loket.Letter, error) {
	in.Message, in.Now, in.Lang, in.Lookup = t.msg, t.now, t.s.Lang, t
	v, err := in.Field.kind.Parse(ctx, in)
	return v, in.letter, err
}

// shown renders a stored answer in the session's language.
func (t *turn) shown(f *Field, v loket.Field) string {
	if skipped(f, v) {
		return t.say(answerSkipped{})
	}
	return showAnswer(f, v, t.s.Lang)
}

// showAnswer renders a stored answer of f in lang as its kind shows it: a choice as
// its option in lang, a date in lang's words; otherwise as the applicant was shown it
// (Shown), else as stored.
func showAnswer(f *Field, v loket.Field, lang loket.Lang) string {
	if f.kind.Show != nil {
		return f.kind.Show(f, v, lang)
	}
	if v.Shown != "" {
		return v.Shown
	}
	return v.Value
}

// Taken implements Lookup: a revision draft's own request does not count.
func (t *turn) Taken(ctx context.Context, key, value string) (bool, error) {
	return t.c.Store.FieldTaken(ctx, key, value, t.s.RevisionOf)
}

// InZoomRoster implements Lookup.
func (t *turn) InZoomRoster(ctx context.Context, email string) (bool, bool, error) {
	return t.c.Store.InZoomRoster(ctx, email)
}

// checkKind resolves f's kind and checks f's parameters against it.
func checkKind(f *Field) error {
	k, ok := kindOf(f.Kind)
	if !ok {
		return fmt.Errorf("unknown kind %q (known: %s)", f.Kind, kindNames())
	}
	f.kind = k
	return k.Check(f)
}
