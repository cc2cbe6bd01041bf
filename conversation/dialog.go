package conversation

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"

	"github.com/uns-dtik/loket"
)

// The draft's own steps: a field asked and answered, back, the summary and ubah N.
// Sending the draft is filing.go's.

// start begins a new draft of svc at its first field.
func (t *turn) start(ctx context.Context, svc *Service) error {
	if err := t.fireIn(ctx, svc.machine, evStart); err != nil {
		return err
	}
	t.reply(t.say(serviceIntro{Title: svc.Title.In(t.s.Lang), SOP: svc.SOP, Questions: len(svc.Fields)}), t.prompt(svc, svc.Fields[0]))
	return nil
}

// prompt renders a field's question: step, the SOP's words with an example (the
// kind's where the catalog leaves it to the kind), the kind's hint (a numbered list, the sender's number) and the current answer.
func (t *turn) prompt(svc *Service, f *Field) string {
	head := t.say(step{N: svc.number(f.Key), Of: len(svc.Fields), Label: f.Label.In(t.s.Lang)})
	parts := []string{head + "\n" + f.prompt(t.now, t.s.Answers, t.s.Lang)}
	if f.kind.Hint != nil {
		parts = append(parts, f.kind.Hint(f, t.msg.Phone, t.s.Lang))
	}
	if f.kind.Document && t.c.Drafts.Has(svc.Code) {
		parts = append(parts, t.say(draftOffer{}))
	}
	if old, ok := t.s.Answers[f.Key]; ok && !f.kind.Refusable {
		parts = append(parts, t.say(currentAnswer{Answer: t.shown(f, old)}))
	}
	return lines(parts...)
}

// answerField validates the message as the answer to the current field.
func (t *turn) answerField(ctx context.Context) error {
	svc, f := t.current()
	if done, err := t.skip(ctx, svc, f); done || err != nil {
		return err
	}
	text, err := t.inputFor(f)
	var v loket.Field
	var kept *loket.Letter
	if err == nil {
		v, kept, err = t.parse(ctx, f, text, t.cmd)
	}
	if errors.Is(err, ErrRefused) && f.kind.Refusable {
		if err := t.fire(ctx, evRefuse); err != nil {
			return err
		}
		t.reply(f.Refusal.In(t.s.Lang), t.say(refusedEnd{}))
		return nil
	}
	if err != nil {
		sentence, ok := sayError(t.s.Lang, err)
		if !ok {
			return err
		}
		t.reply(sentence)
		return nil
	}
	return t.accept(ctx, svc, f, v, kept)
}

// inputFor checks the message is the kind of input the field needs.
func (t *turn) inputFor(f *Field) (string, error) {
	if f.kind.Document {
		return "", nil
	}
	if t.msg.Kind != loket.KindText {
		return "", loket.Refuse(inputNotText{Kind: t.msg.Kind})
	}
	return t.msg.Text, nil
}

// accept takes a validated answer: the machine moves on (to the next field, or back
// to the summary when the field was asked from there, or to a dependent field the
// new answer invalidated), then the answer, and a letter it brought, are kept.
func (t *turn) accept(ctx context.Context, svc *Service, f *Field, v loket.Field, kept *loket.Letter) error {
	v.Key = f.Key
	event := evAnswer
	var dep *Field
	var why string
	if t.state().step == stepEdit {
		if dep, why = t.invalidDependent(ctx, svc, f, v); dep != nil {
			event = evReask + dep.Key
		}
	}
	t.answer = &v
	err := t.fire(ctx, event)
	t.answer = nil
	if err != nil {
		return err
	}
	if kept != nil {
		if err := t.keepLetter(ctx, &v, kept); err != nil {
			return err
		}
	}
	if t.s.Answers == nil {
		t.s.Answers = map[string]loket.Field{}
	}
	t.s.Answers[f.Key] = v
	echo := t.say(recorded{Label: f.Label.In(t.s.Lang), Answer: t.shown(f, v)})
	if dep != nil {
		t.reply(echo, t.say(recheck{Changed: f.Label.In(t.s.Lang), Field: dep.Label.In(t.s.Lang), Why: why}), t.prompt(svc, dep))
		return nil
	}
	notice, err := t.licenceNotice(ctx, svc, f)
	if err != nil {
		return err
	}
	t.reply(echo, notice, t.whereWeAre())
	return nil
}

// invalidDependent re-validates the answers that depend on f (an end date on its start
// date) against v, f's new answer, and returns the first one that no longer fits,
// with the reason.
func (t *turn) invalidDependent(ctx context.Context, svc *Service, f *Field, v loket.Field) (*Field, string) {
	var with map[string]loket.Field
	for _, g := range svc.Fields {
		old, ok := t.s.Answers[g.Key]
		if g.After != f.Key || !ok {
			continue
		}
		if with == nil {
			with = maps.Clone(t.s.Answers)
			with[f.Key] = v
		}
		if _, _, err := t.check(ctx, g, old.Value, with); err != nil {
			why, _ := sayError(t.s.Lang, err)
			return g, why
		}
	}
	return nil, ""
}

// back goes to the previous question (from a field asked from the summary, back to
// the summary). The first question has none: the machine says so (notNow).
func (t *turn) back(ctx context.Context) error {
	if err := t.fire(ctx, evBack); err != nil {
		return err
	}
	t.reply(t.whereWeAre())
	return nil
}

// review handles the answer to the summary: submit, edit N, or something unclear.
func (t *turn) review(ctx context.Context) error {
	svc, _ := t.current()
	word, rest, _ := strings.Cut(t.cmd, " ")
	switch {
	case submitWords[t.cmd]:
		return t.submit(ctx, svc)
	case editWords[word]:
		n, err := strconv.Atoi(strings.TrimSpace(rest))
		if err != nil || n < 1 || n > len(svc.Fields) {
			t.reply(t.say(editRange{Typed: strings.TrimSpace(rest), Max: len(svc.Fields), Example: editExample(svc)}))
			return nil
		}
		f := svc.Fields[n-1]
		if err := t.fire(ctx, evChange+f.Key); err != nil {
			return err
		}
		t.reply(t.prompt(svc, f))
		return nil
	}
	t.reply(t.say(reviewUnclear{Example: editExample(svc)}))
	return nil
}

// summary lists every answer, numbered as `ubah N` expects.
func (t *turn) summary(svc *Service) string {
	rows := make([]string, len(svc.Fields))
	for i, f := range svc.Fields {
		v, ok := t.s.Answers[f.Key]
		shown := "—"
		if ok {
			shown = t.shown(f, v)
		}
		rows[i] = fmt.Sprintf("%d. %s: %s", i+1, f.Label.In(t.s.Lang), shown)
	}
	return t.say(summary{Title: svc.Title.In(t.s.Lang), Rows: strings.Join(rows, "\n"), Example: editExample(svc)})
}

// editExample is the field number the summary's "ubah N" example names: the fourth,
// or the last of a shorter service (a complaint has three).
func editExample(svc *Service) int { return min(4, len(svc.Fields)) }
