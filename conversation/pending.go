package conversation

import (
	"context"

	"github.com/uns-dtik/loket"
)

// The questions that interrupt a step (state.go): asked by firing the event that
// leads to them, answered by the event that leaves them.

// cancel asks whether to drop the draft; without one there is nothing to cancel
// (the machine has no such transition, and notNow says so).
func (t *turn) cancel(ctx context.Context) error {
	if err := t.fire(ctx, evCancel); err != nil {
		return err
	}
	svc, _ := t.current()
	t.reply(t.say(cancelConfirm{Title: svc.Title.In(t.s.Lang)}))
	return nil
}

// answerDrop takes the answer to "drop the draft?", asked after batal or after
// another service was chosen from the menu (then that service starts).
func (t *turn) answerDrop(ctx context.Context, st state) error {
	switch yesNo(t.cmd) {
	case yes:
		if err := t.fire(ctx, evYes); err != nil {
			return err
		}
		if st.pending == pendSwitch {
			return t.start(ctx, t.c.Catalog.Service(st.target))
		}
		t.reply(t.say(cancelDone{}))
	case no:
		if err := t.fire(ctx, evNo); err != nil {
			return err
		}
		t.reply(t.say(cancelKept{}), t.whereWeAre())
	default:
		if st.pending == pendSwitch {
			t.reply(t.say(switchUnclear{}))
		} else {
			t.reply(t.say(cancelUnclear{}))
		}
	}
	return nil
}

// pause asks, after a long pause, whether to continue the draft or start again,
// unless the message already says which.
func (t *turn) pause(ctx context.Context) error {
	if err := t.fire(ctx, evPause); err != nil {
		return err
	}
	if continueWords[t.cmd] || restartWords[t.cmd] {
		return t.answerResume(ctx)
	}
	svc, f := t.current()
	t.reply(t.say(resumeAsk{Title: svc.Title.In(t.s.Lang), Step: t.stepNumber(), Steps: len(svc.Fields), Label: t.stepLabel(f)}))
	return nil
}

// answerResume takes the answer to "continue or start again?".
func (t *turn) answerResume(ctx context.Context) error {
	switch {
	case continueWords[t.cmd] || yesNo(t.cmd) == yes:
		if err := t.fire(ctx, evContinue); err != nil {
			return err
		}
		t.reply(t.whereWeAre())
	case restartWords[t.cmd]:
		svc, _ := t.current()
		if err := t.fire(ctx, evRestart); err != nil {
			return err
		}
		return t.start(ctx, svc)
	case loket.IsCancelWord(t.cmd):
		return t.cancel(ctx)
	default:
		t.reply(t.say(resumeUnclear{}))
	}
	return nil
}

// answerMenu takes a choice after the menu was shown during a draft, or while a
// questionnaire waits. It reports false when the message is not a menu choice, so it
// is handled where the dialog was instead.
func (t *turn) answerMenu(ctx context.Context) (bool, error) {
	if !t.s.drafting() {
		if err := t.fire(ctx, evStay); err != nil {
			return true, err
		}
		if svc := t.c.Catalog.match(t.cmd); svc != nil {
			return true, t.start(ctx, svc)
		}
		return false, nil
	}
	// With a draft at stake only an exact choice counts: an answer that merely holds a
	// service's keyword is an answer to the draft's question.
	svc := t.c.Catalog.choice(t.cmd)
	if svc != nil && svc.Code != t.s.Service {
		cur, _ := t.current()
		step := t.stepNumber()
		if err := t.fire(ctx, evSwitch+svc.Code); err != nil {
			return true, err
		}
		t.reply(t.say(switchConfirm{Draft: cur.Title.In(t.s.Lang), Step: step, Steps: len(cur.Fields), New: svc.Title.In(t.s.Lang)}))
		return true, nil
	}
	if err := t.fire(ctx, evStay); err != nil {
		return true, err
	}
	if svc != nil { // the draft's own service: carry on with it
		t.reply(t.whereWeAre())
		return true, nil
	}
	return false, nil
}
