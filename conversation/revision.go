package conversation

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/uns-dtik/loket"
)

// reopen answers "perbaiki ZM-2026-0007": the applicant's request that an admin sent
// back for revision becomes a draft again, every answer kept, at the summary, with the
// admin's note, so they change what is needed (ubah N, a new letter) and send it.
func (t *turn) reopen(ctx context.Context, ref string) error {
	r, err := t.c.Store.ChatRequest(ctx, t.msg.Chat, ref)
	if isNotFound(err) {
		t.reply(t.say(statusNotFound{Ref: ref}))
		return nil
	}
	if err != nil {
		return err
	}
	// Reopened only where the applicant may resubmit it from: the table says where.
	if resubmit, _ := t.c.Catalog.Lifecycle(r.Service).Transition(loket.ActionResubmit); !slices.Contains(resubmit.From, r.Status) {
		t.reply(t.say(reopenNotRevision{Ref: ref, Status: t.statusName(r)}))
		return nil
	}
	svc := t.c.Catalog.Service(r.Service)
	if svc == nil {
		return fmt.Errorf("request %s: service %s is not in the catalog", r.Ref, r.Service)
	}
	events, err := t.c.Store.Timeline(ctx, r.ID)
	if err != nil {
		return err
	}
	note := ""
	if len(events) > 0 {
		last := events[len(events)-1]
		note = t.c.Catalog.Lifecycle(r.Service).ApplicantNote(last.From, last.To, last.Note)
	}
	if t.s.drafting() {
		if err := t.fire(ctx, evDrop); err != nil { // the draft in progress is given up
			return err
		}
	}
	// Start on the first field the admin named, if any; its answer leads to the
	// summary, where the others can be changed with ubah N.
	named := fieldsNamed(svc, note)
	event := evReopen
	if len(named) > 0 {
		event = evReopenAt + named[0].Key
	}
	if err := t.fireIn(ctx, svc.machine, event); err != nil {
		return err
	}
	// A draft ID of its own per reopening: resubmitting it twice is recognised as one.
	t.s.Service, t.s.DraftID, t.s.RevisionOf = svc.Code, fmt.Sprintf("revision-%d-%s", r.ID, newDraftID()), r.ID
	t.s.Answers = map[string]loket.Field{}
	for _, v := range r.Fields {
		t.s.Answers[v.Key] = v
	}
	if f := letterField(svc); f != nil && r.Letter != nil {
		t.s.Answers[f.Key] = loket.Field{Key: f.Key, Value: letterValue(r.Letter.ID, r.Letter.Pages), Shown: r.Letter.FileName}
	}
	if len(named) == 0 {
		t.reply(t.say(reopened{Ref: r.Ref, Note: note}), t.summary(svc))
		return nil
	}
	labels := make([]string, len(named))
	for i, f := range named {
		labels[i] = fmt.Sprintf("%d. %s", svc.number(f.Key), f.Label.In(t.s.Lang))
	}
	t.reply(t.say(reopened{Ref: r.Ref, Note: note}), t.say(reopenedFields{Labels: strings.Join(labels, ", ")}), t.prompt(svc, named[0]))
	return nil
}

// resubmit sends a corrected draft back to the admins under the request's reference,
// through the request lifecycle (Conversation.Resubmit); loket.ErrMoved means the
// request moved meanwhile and waits for it no more.
func (t *turn) resubmit(ctx context.Context, n loket.NewRequest) (*loket.Request, error) {
	if t.c.Resubmit == nil {
		return nil, errNoResubmit
	}
	return t.c.Resubmit(ctx, n, t.s.RevisionOf, t.now)
}

// errNoResubmit is a wiring mistake: a conversation that reopens drafts for revision
// must be given the back office's Resubmit.
var errNoResubmit = errors.New("conversation: Resubmit is not set (cmd/loket gives it backoffice.Office.Resubmit)")

// letterWords name the letter in an admin's note (the SOP's own concerns: signature,
// stamp, the PDF).
var letterWords = []string{"surat", "stempel", "cap", "tanda tangan", "ttd", "pdf", "letter", "stamp", "signature", "signed"}

// fieldsNamed returns the fields an admin's revision note names, in dialog order: a
// field is named by a word of its label that no other field's label has ("NIP",
// "akhir", "email", "peserta"), the letter also by letterWords.
func fieldsNamed(svc *Service, note string) []*Field {
	noteWords := map[string]bool{}
	for _, w := range words(note) {
		noteWords[w] = true
	}
	seen := map[string]int{}
	for _, f := range svc.Fields {
		for w := range labelWords(f) {
			seen[w]++
		}
	}
	lower := strings.ToLower(note)
	var named []*Field
	for _, f := range svc.Fields {
		hit := false
		for w := range labelWords(f) {
			hit = hit || (seen[w] == 1 && len(w) >= 3 && noteWords[w])
		}
		if f.kind.Document {
			for _, w := range letterWords {
				hit = hit || noteWords[w] || strings.Contains(w, " ") && strings.Contains(lower, w)
			}
		}
		if hit {
			named = append(named, f)
		}
	}
	return named
}

// labelWords are the words of a field's labels in both languages.
func labelWords(f *Field) map[string]bool {
	out := map[string]bool{}
	for _, w := range words(f.Label.ID + " " + f.Label.EN) {
		out[w] = true
	}
	return out
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
