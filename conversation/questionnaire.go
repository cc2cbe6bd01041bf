package conversation

import (
	"context"

	"github.com/uns-dtik/loket"
)

// questionnaire takes an answer to the applicant's open questionnaire (SOP rule 5). It
// reports false when the message is something else — a command, a new request — which
// is then handled as usual: the questionnaire never blocks the bot, and its question
// is asked again afterwards (resumeQuestionnaire).
func (t *turn) questionnaire(ctx context.Context) (bool, error) {
	q, err := t.openQuestionnaire(ctx)
	if err != nil || q == nil || t.msg.Kind != loket.KindText || isCommand(t.cmd) {
		return false, err
	}
	var answer any
	if q.Step < loket.QuestionnaireSteps-1 {
		n, err := ParseCount(t.msg.Text, 1, 5)
		if err != nil && !loket.IsDigits(t.cmd) && t.c.Catalog.match(t.cmd) != nil {
			return false, nil // "zoom": a new request, not a rating
		}
		if err != nil {
			t.reply(t.say(ratingRange{}), t.c.Catalog.Question(q.Step, q.Ref, t.s.Lang))
			t.asked = true
			return true, nil
		}
		answer = n
	} else if !skipWords[t.cmd] {
		comment, err := CleanText(t.msg.Text, 1, 1000)
		if sentence, bad := sayError(t.s.Lang, err); bad {
			t.reply(sentence, t.c.Catalog.Question(q.Step, q.Ref, t.s.Lang))
			t.asked = true
			return true, nil
		}
		answer = comment
	}
	if err := t.c.Store.AnswerQuestionnaire(ctx, q.RequestID, q.Step, answer, t.now, t.msg.Seq); err != nil {
		return false, err
	}
	t.asked = true
	if q.Step+1 < loket.QuestionnaireSteps {
		t.reply(t.c.Catalog.Question(q.Step+1, q.Ref, t.s.Lang))
	} else {
		t.reply(t.say(questionnaireThanks{}))
	}
	return true, nil
}

// resumeQuestionnaire asks the open questionnaire's question again after a turn that
// was about something else, once the applicant has no draft in progress.
func (t *turn) resumeQuestionnaire(ctx context.Context) error {
	if t.asked || t.s.drafting() || t.state().pending != "" || len(t.out) == 0 {
		return nil
	}
	q, err := t.openQuestionnaire(ctx)
	if err != nil || q == nil {
		return err
	}
	last := len(t.out) - 1
	t.out[last].Text = lines(t.out[last].Text, t.say(questionnairePending{}), t.c.Catalog.Question(q.Step, q.Ref, t.s.Lang))
	return nil
}

// openQuestionnaire reads the chat's open questionnaire once per turn: it is on the
// path of every message from an applicant without a draft.
func (t *turn) openQuestionnaire(ctx context.Context) (*loket.Questionnaire, error) {
	if !t.openQRead {
		q, err := t.c.Store.OpenQuestionnaire(ctx, t.msg.Chat, t.now.Add(-loket.QuestionnaireLifetime), t.msg.Seq)
		if err != nil {
			return nil, err
		}
		t.openQ, t.openQRead = q, true
	}
	return t.openQ, nil
}
