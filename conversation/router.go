package conversation

import (
	"context"
	"errors"
	"time"

	"github.com/uns-dtik/loket"
)

// turn is the handling of one message.
type turn struct {
	c   *Conversation
	s   *Session
	msg loket.Message
	now time.Time
	out []loket.Reply
	// asked is set once this turn asked a questionnaire question.
	asked bool
	// filed is set once this turn filed (or resubmitted) the draft, and filedLetter
	// is then the letter its request holds (0 for none).
	filed       bool
	filedLetter int64
	// openQ is the chat's open questionnaire, once openQRead.
	openQ     *loket.Questionnaire
	openQRead bool
	// cmd is the message's text normalised for matching commands: lower-case, single
	// spaces, no zero-width characters; empty for long texts, which are never commands.
	cmd string
	// answer is the validated answer the answer event takes, for its guard.
	answer *loket.Field
	// holdsLetter is set while the turn holds a letter's place in
	// Conversation.LetterMemory (HoldLetter), until the turn ends.
	holdsLetter bool
}

func (t *turn) reply(parts ...string) {
	t.out = append(t.out, loket.Reply{Chat: t.msg.Chat, Text: lines(parts...)})
}

// attach sends a document, with caption, in the turn's order.
func (t *turn) attach(caption string, a loket.Attachment) {
	t.out = append(t.out, loket.Reply{Chat: t.msg.Chat, Text: caption, Attachment: &a})
}

// run routes the message, answers an event the dialog's step does not allow, then
// asks an open questionnaire's question again if the turn was about something else
// and left the applicant free.
func (t *turn) run(ctx context.Context) error {
	err := t.route(ctx)
	var notNow *notNowError
	if errors.As(err, &notNow) {
		t.notNow(notNow)
		err = nil
	}
	if err != nil {
		return err
	}
	return t.resumeQuestionnaire(ctx)
}

// route handles the message: language, a pending question, a long pause, the commands
// that work everywhere, then the dialog itself.
func (t *turn) route(ctx context.Context) error {
	if t.msg.Kind == loket.KindEdit {
		// The answer the edit changes was taken already; taking the new one silently
		// would leave the applicant unsure which counts.
		t.reply(t.say(editNotRead{}), t.whereWeAre())
		return nil
	}
	if t.msg.Kind == loket.KindText && len(t.msg.Text) <= 200 {
		t.cmd = normaliseCommand(t.msg.Text)
	}
	if lang, ok := languageWords[t.cmd]; ok {
		t.s.Lang = lang
		t.reply(t.say(languageSet{}), t.whereWeAre())
		return nil
	}
	switch st := t.state(); st.pending {
	case pendCancel, pendSwitch:
		return t.answerDrop(ctx, st)
	case pendResume:
		return t.answerResume(ctx)
	case pendMenu:
		if done, err := t.answerMenu(ctx); done || err != nil {
			return err
		}
	case pendInfo:
		if done, err := t.answerInfo(ctx); done || err != nil {
			return err
		}
	}
	if t.s.drafting() && t.now.Sub(t.s.Updated) > PauseBeforeAsking {
		return t.pause(ctx)
	}
	if !t.s.drafting() {
		if done, err := t.questionnaire(ctx); done || err != nil {
			return err
		}
	}
	return t.dialog(ctx)
}

// dialog handles the commands that work everywhere, then the menu or the draft.
func (t *turn) dialog(ctx context.Context) error {
	if done, err := t.globalCommand(ctx); done || err != nil {
		return err
	}
	if !t.s.drafting() {
		return t.idle(ctx)
	}
	if t.state().step == stepReview {
		return t.review(ctx)
	}
	return t.answerField(ctx)
}

// globalCommand handles the words that mean the same at every step.
func (t *turn) globalCommand(ctx context.Context) (bool, error) {
	if asked, requirementsOnly, named := infoRequest(t.cmd); asked && t.asksInfo(named) {
		return true, t.info(ctx, requirementsOnly, named)
	}
	c, ref := parseCommand(t.cmd)
	switch {
	case c == cmdMenu:
		return true, t.showMenu(ctx, "")
	case c == cmdHelp:
		t.help()
		return true, nil
	case c == cmdStatus:
		return true, t.status(ctx, ref)
	case c == cmdReopen:
		return true, t.reopen(ctx, ref)
	case c == cmdCancel:
		return true, t.cancel(ctx)
	case c == cmdBack && t.s.drafting():
		return true, t.back(ctx)
	case c == cmdDraft:
		return true, t.draftLetter()
	case c == cmdContinue && t.s.drafting():
		t.reply(t.whereWeAre())
		return true, nil
	}
	return false, nil
}

// help says what the current step needs.
func (t *turn) help() {
	if !t.s.drafting() {
		t.reply(t.say(helpIdle{}))
		return
	}
	svc, f := t.current()
	if f == nil {
		t.reply(t.say(helpStep{Title: svc.Title.In(t.s.Lang), Body: t.say(reviewUnclear{Example: editExample(svc)})}))
		return
	}
	t.reply(t.say(helpStep{Title: f.Label.In(t.s.Lang), Body: t.prompt(svc, f)}))
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

// current returns the draft's service and the field being asked (nil in review).
func (t *turn) current() (*Service, *Field) {
	svc := t.c.Catalog.Service(t.s.Service)
	if svc == nil {
		return nil, nil
	}
	return svc, svc.field(t.state().field())
}

// isNotFound lets status and perbaiki tell "not yours or not there" from a failure.
func isNotFound(err error) bool { return errors.Is(err, loket.ErrNotFound) }

// stepLabel names the step of f, or the summary.
func (t *turn) stepLabel(f *Field) string {
	if f == nil {
		return t.say(summaryLabel{})
	}
	return f.Label.In(t.s.Lang)
}

// stepNumber is the draft's step, the summary counting as the last.
func (t *turn) stepNumber() int {
	svc, f := t.current()
	if f == nil {
		return len(svc.Fields)
	}
	return svc.number(f.Key)
}
