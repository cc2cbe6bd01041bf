package conversation

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/looplab/fsm"

	"github.com/uns-dtik/loket"
)

// The dialog's states are "ask:<key>" for each field, then stateReview (the summary).
// Its events: evAnswer moves to the next field (validated in before_answer), evBack
// to the previous one, evReview back to the summary after an edit, and "goto:<key>"
// re-asks one field (ubah N, or a dependent field that no longer fits).
const (
	stateReview = "review"
	evAnswer    = "answer"
	evBack      = "back"
	evReview    = "to_review"
)

func askState(key string) string  { return "ask:" + key }
func gotoEvent(key string) string { return "goto:" + key }

var (
	fsmEventsMu sync.Mutex
	fsmEvents   = map[*Service]fsm.Events{}
)

// events returns the service's transitions, built once from its field list.
func (s *Service) events() fsm.Events {
	fsmEventsMu.Lock()
	defer fsmEventsMu.Unlock()
	if ev, ok := fsmEvents[s]; ok {
		return ev
	}
	var ev fsm.Events
	var all []string
	for i, f := range s.Fields {
		next := stateReview
		if i+1 < len(s.Fields) {
			next = askState(s.Fields[i+1].Key)
		}
		ev = append(ev, fsm.EventDesc{Name: evAnswer, Src: []string{askState(f.Key)}, Dst: next})
		if i > 0 {
			ev = append(ev, fsm.EventDesc{Name: evBack, Src: []string{askState(f.Key)}, Dst: askState(s.Fields[i-1].Key)})
		}
		all = append(all, askState(f.Key))
	}
	ev = append(ev,
		fsm.EventDesc{Name: evBack, Src: []string{stateReview}, Dst: askState(s.Fields[len(s.Fields)-1].Key)},
		fsm.EventDesc{Name: evReview, Src: all, Dst: stateReview})
	for _, f := range s.Fields {
		ev = append(ev, fsm.EventDesc{Name: gotoEvent(f.Key), Src: append([]string{stateReview}, all...), Dst: askState(f.Key)})
	}
	fsmEvents[s] = ev
	return ev
}

// pendingAnswer carries one answer through the machine: before_answer validates it and
// fills Value; cancelling keeps the dialog where it was.
type pendingAnswer struct {
	t     *turn
	svc   *Service
	f     *Field
	text  string
	value loket.Field
}

// dialogCallbacks are shared by every machine; per-message data travels in the
// event's arguments. They never call the machine itself (that would deadlock).
var dialogCallbacks = fsm.Callbacks{
	"before_" + evAnswer: func(ctx context.Context, e *fsm.Event) {
		a := e.Args[0].(*pendingAnswer)
		v, err := a.t.parse(ctx, a.svc, a.f, a.text)
		if err != nil {
			e.Cancel(err)
			return
		}
		a.value = v
	},
}

// machine rebuilds the dialog's state machine at the saved state.
func (t *turn) machine(svc *Service) *fsm.FSM {
	return fsm.NewFSM(t.s.State, svc.events(), dialogCallbacks)
}

// fire runs one event; a self-transition is not an error.
func fire(ctx context.Context, m *fsm.FSM, event string, args ...any) error {
	err := m.Event(ctx, event, args...)
	var same fsm.NoTransitionError
	if errors.As(err, &same) {
		return nil
	}
	return err
}

// current returns the draft's service and the field being asked (nil in review).
func (t *turn) current() (*Service, *Field) {
	svc := t.c.Catalog.Service(t.s.Service)
	if svc == nil {
		return nil, nil
	}
	key, ok := strings.CutPrefix(t.s.State, "ask:")
	if !ok {
		return svc, nil
	}
	return svc, svc.field(key)
}

func (t *turn) stepNumber() int {
	svc, f := t.current()
	if f == nil {
		return len(svc.Fields)
	}
	return svc.number(f.Key)
}

func (t *turn) stepLabel(f *Field) string {
	if f == nil {
		return t.say("summary_label")
	}
	return f.Label.In(t.s.Lang)
}

// start begins a new draft of svc at its first field.
func (t *turn) start(_ context.Context, svc *Service) error {
	if svc == nil {
		t.s.clearDraft()
		t.showMenu("")
		return nil
	}
	t.s.clearDraft()
	t.s.Service, t.s.DraftID, t.s.Answers = svc.Code, newDraftID(), map[string]loket.Field{}
	t.s.State = askState(svc.Fields[0].Key)
	t.s.Greeted = true
	t.reply(t.say("service_intro", svc.Title.In(t.s.Lang), svc.SOP, len(svc.Fields)), t.prompt(svc, svc.Fields[0]))
	return nil
}

// whereWeAre repeats the current question (or the summary, or the menu).
func (t *turn) whereWeAre() string {
	if !t.s.drafting() {
		return t.menuText()
	}
	svc, f := t.current()
	if f == nil {
		return t.summary(svc)
	}
	return t.prompt(svc, f)
}

func (t *turn) menuText() string {
	var items []string
	for i, s := range t.c.Catalog.Services {
		items = append(items, fmt.Sprintf("%d. %s", i+1, s.Title.In(t.s.Lang)))
	}
	return t.say("menu", strings.Join(items, "\n"))
}

// prompt renders a field's question: step, the SOP's words with an example, the
// kind's extras (a numbered list, the sender's number) and the current answer.
func (t *turn) prompt(svc *Service, f *Field) string {
	head := t.say("step", svc.number(f.Key), len(svc.Fields), f.Label.In(t.s.Lang))
	parts := []string{head + "\n" + f.Prompt.In(t.s.Lang)}
	if extra := kinds[f.Kind].extra; extra != nil {
		parts = append(parts, extra(t, f))
	}
	if old, ok := t.s.Answers[f.Key]; ok && f.Kind != "confirm" {
		parts = append(parts, t.say("current_answer", t.shown(f, old)))
	}
	return lines(parts...)
}

// shown renders a stored answer in the session's language.
func (t *turn) shown(f *Field, v loket.Field) string {
	if show := kinds[f.Kind].show; show != nil {
		return show(t, f, v)
	}
	if v.Shown != "" {
		return v.Shown
	}
	return v.Value
}

// answerField validates the message as the answer to the current field.
func (t *turn) answerField(ctx context.Context) error {
	svc, f := t.current()
	if svc == nil || f == nil {
		t.s.clearDraft()
		t.showMenu("")
		return nil
	}
	text, err := t.inputFor(f)
	if err == nil {
		a := &pendingAnswer{t: t, svc: svc, f: f, text: text}
		m := t.machine(svc)
		err = fire(ctx, m, evAnswer, a)
		if err == nil {
			return t.accepted(ctx, svc, f, a.value, m)
		}
		var cancelled fsm.CanceledError
		if errors.As(err, &cancelled) {
			err = cancelled.Err
		}
	}
	if errors.Is(err, errRefused) {
		t.reply(f.Refusal.In(t.s.Lang), t.say("refused_end"))
		t.s.clearDraft()
		return nil
	}
	sentence, ok := sayError(t.s.Lang, err)
	if !ok {
		return err
	}
	t.reply(sentence)
	return nil
}

// inputFor checks the message is the kind of input the field needs.
func (t *turn) inputFor(f *Field) (string, error) {
	if f.Kind == "letter" {
		return "", nil
	}
	if t.msg.Kind != loket.KindText {
		return "", loket.Errorf("input_not_text", t.say("kind_"+string(t.msg.Kind)))
	}
	return t.msg.Text, nil
}

// accepted stores an answer and moves on: to the next field, or back to the summary
// when editing, re-asking a dependent field that the new answer invalidated.
func (t *turn) accepted(ctx context.Context, svc *Service, f *Field, v loket.Field, m *fsm.FSM) error {
	v.Key = f.Key
	if t.s.Answers == nil {
		t.s.Answers = map[string]loket.Field{}
	}
	t.s.Answers[f.Key] = v
	echo := t.say("recorded", f.Label.In(t.s.Lang), t.shown(f, v))
	if t.s.Editing {
		if dep, why := t.invalidDependent(ctx, svc, f); dep != nil {
			delete(t.s.Answers, dep.Key)
			if err := fire(ctx, m, gotoEvent(dep.Key)); err != nil {
				return err
			}
			t.s.State = m.Current()
			t.reply(echo, t.say("recheck", f.Label.In(t.s.Lang), dep.Label.In(t.s.Lang), why), t.prompt(svc, dep))
			return nil
		}
		if m.Current() != stateReview { // answering the last field already leads there
			if err := fire(ctx, m, evReview); err != nil {
				return err
			}
		}
	}
	t.s.State = m.Current()
	if t.s.State == stateReview {
		t.s.Editing = false
	}
	t.reply(echo, t.whereWeAre())
	return nil
}

// invalidDependent re-validates the answers that depend on f (an end date on its start
// date) and returns the first one that no longer fits, with the reason.
func (t *turn) invalidDependent(ctx context.Context, svc *Service, f *Field) (*Field, string) {
	for _, g := range svc.Fields {
		old, ok := t.s.Answers[g.Key]
		if g.After != f.Key || !ok {
			continue
		}
		if _, err := t.parse(ctx, svc, g, old.Value); err != nil {
			why, _ := sayError(t.s.Lang, err)
			return g, why
		}
	}
	return nil, ""
}

// back goes to the previous question (or, while editing, back to the summary).
func (t *turn) back(ctx context.Context) error {
	svc, f := t.current()
	m := t.machine(svc)
	event := evBack
	if t.s.Editing {
		event = evReview
		t.s.Editing = false
	} else if f != nil && svc.number(f.Key) == 1 {
		t.reply(t.say("back_first"), t.prompt(svc, f))
		return nil
	}
	if err := fire(ctx, m, event); err != nil {
		return err
	}
	t.s.State = m.Current()
	t.reply(t.whereWeAre())
	return nil
}

// review handles the answer to the summary: submit, edit N, or something unclear.
func (t *turn) review(ctx context.Context) error {
	svc, _ := t.current()
	word, rest, _ := strings.Cut(t.cmd, " ")
	switch {
	case t.cmd == "kirim" || t.cmd == "ya" || t.cmd == "submit" || t.cmd == "yes" || t.cmd == "ajukan" || t.cmd == "kirim permohonan":
		return t.file(ctx, svc)
	case word == "ubah" || word == "edit" || word == "ganti" || word == "change":
		n, err := strconv.Atoi(strings.TrimSpace(rest))
		if err != nil || n < 1 || n > len(svc.Fields) {
			t.reply(t.say("edit_range", strings.TrimSpace(rest), len(svc.Fields)))
			return nil
		}
		f := svc.Fields[n-1]
		m := t.machine(svc)
		if err := fire(ctx, m, gotoEvent(f.Key)); err != nil {
			return err
		}
		t.s.State, t.s.Editing = m.Current(), true
		t.reply(t.prompt(svc, f))
		return nil
	}
	t.reply(t.say("review_unclear"))
	return nil
}

// summary lists every answer, numbered as `ubah N` expects.
func (t *turn) summary(svc *Service) string {
	var rows []string
	for i, f := range svc.Fields {
		v, ok := t.s.Answers[f.Key]
		shown := "—"
		if ok {
			shown = t.shown(f, v)
		}
		rows = append(rows, fmt.Sprintf("%d. %s: %s", i+1, f.Label.In(t.s.Lang), shown))
	}
	return t.say("summary", svc.Title.In(t.s.Lang), strings.Join(rows, "\n"))
}

// recheckOnFile are the kinds whose answers can go stale while a draft waits: a date
// that has passed, a username someone else has filed meanwhile.
var recheckOnFile = map[string]bool{"date": true, "username": true}

// file creates the request in PostgreSQL (idempotent by draft) and ends the draft. An
// answer that is missing or no longer valid is asked again instead, and the applicant
// comes back to the summary after it.
func (t *turn) file(ctx context.Context, svc *Service) error {
	n := loket.NewRequest{DraftID: t.s.DraftID, Service: svc.Code, Chat: t.msg.Chat, Phone: t.msg.Phone, Name: t.msg.Name, Lang: t.s.Lang}
	for _, f := range svc.Fields {
		v, ok := t.s.Answers[f.Key]
		if !ok {
			return t.reask(ctx, svc, f, t.say("answer_missing", f.Label.In(t.s.Lang)))
		}
		if recheckOnFile[f.Kind] {
			if _, err := t.parse(ctx, svc, f, v.Value); err != nil {
				why, ok := sayError(t.s.Lang, err)
				if !ok {
					return err
				}
				return t.reask(ctx, svc, f, t.say("answer_stale", f.Label.In(t.s.Lang), why))
			}
		}
		if f.Unique {
			n.Unique = append(n.Unique, f.Key)
		}
		if f.Kind == "letter" {
			id, _, err := letterAnswer(v)
			if err != nil {
				return err
			}
			n.LetterID = id
			continue
		}
		n.Fields = append(n.Fields, v)
	}
	var req *loket.Request
	var err error
	if t.s.RevisionOf != 0 {
		req, err = t.c.Resubmit(ctx, n, t.s.RevisionOf, t.now)
	} else {
		req, err = t.c.Store.FileRequest(ctx, n, t.now, t.c.Announce)
	}
	var taken *loket.TakenError
	if errors.As(err, &taken) {
		// Someone filed the same username between our check and this "kirim".
		f := svc.field(taken.Key)
		why := t.say("username_taken", taken.Value, f.Domain, taken.Value)
		return t.reask(ctx, svc, f, t.say("answer_stale", f.Label.In(t.s.Lang), why))
	}
	if f := letterField(svc); errors.Is(err, loket.ErrLetterGone) && f != nil {
		// The draft outlived the clean-up of abandoned letters.
		return t.reask(ctx, svc, f, t.say("answer_stale", f.Label.In(t.s.Lang), t.say("letter_gone")))
	}
	if t.s.RevisionOf != 0 {
		return t.resubmitted(svc, req, err)
	}
	if err != nil {
		return err
	}
	t.s.clearDraft()
	t.filed = true
	t.reply(t.say("filed", svc.Title.In(t.s.Lang), req.Ref, svc.NextSteps.In(t.s.Lang), req.Ref))
	return nil
}

// reask asks field f again, saying why; once answered the applicant is back at the
// summary with everything else kept.
func (t *turn) reask(ctx context.Context, svc *Service, f *Field, why string) error {
	delete(t.s.Answers, f.Key)
	m := t.machine(svc)
	if err := fire(ctx, m, gotoEvent(f.Key)); err != nil {
		return err
	}
	t.s.State, t.s.Editing = m.Current(), true
	t.reply(why, t.prompt(svc, f))
	return nil
}
