package conversation

import (
	"context"
	"errors"

	"github.com/uns-dtik/loket"
)

// submit sends the draft. The machine moves to sending; there every answer is checked
// once more, then the request is filed (a revision: resubmitted), and the outcome is
// the event that leaves sending: filed, resubmitted, too late, or a field asked again
// (missing, gone stale, or refused by the records), after which the applicant is back
// at the summary with everything else kept.
func (t *turn) submit(ctx context.Context, svc *Service) error {
	if err := t.fire(ctx, evSubmit); err != nil {
		return err
	}
	n, f, why, err := t.newRequest(ctx, svc)
	if err != nil {
		return err
	}
	if f != nil {
		return t.reask(ctx, svc, f, why)
	}
	var req *loket.Request
	revision := t.state().revision
	if revision {
		req, err = t.resubmit(ctx, n)
	} else {
		req, err = t.c.Store.FileRequest(ctx, n, t.now, t.c.Announce)
	}
	if f, why := t.refusedByRecords(svc, err); f != nil {
		return t.reask(ctx, svc, f, why)
	}
	if revision && errors.Is(err, loket.ErrMoved) {
		if err := t.fire(ctx, evTooLate); err != nil {
			return err
		}
		t.reply(t.say(resubmitTooLate{}))
		return nil
	}
	if err != nil {
		return err
	}
	event, text := evFiled, t.say(filed{Title: svc.Title.In(t.s.Lang), Ref: req.Ref, NextSteps: svc.NextSteps.In(t.s.Lang)})
	if revision {
		event, text = evResubmitted, t.say(resubmitted{Ref: req.Ref, NextSteps: svc.NextSteps.In(t.s.Lang)})
	}
	if req.Waiting {
		text = lines(text, t.say(licenceWaitFiled{}))
	}
	if err := t.fire(ctx, event); err != nil {
		return err
	}
	t.filed = true
	if req.Letter != nil {
		t.filedLetter = req.Letter.ID
	}
	t.reply(text)
	return nil
}

// newRequest builds the request from the draft's answers (idempotent by draft),
// returning instead the first field whose answer is missing or no longer valid, with
// what to tell the applicant.
func (t *turn) newRequest(ctx context.Context, svc *Service) (loket.NewRequest, *Field, string, error) {
	n := loket.NewRequest{DraftID: t.s.DraftID, Service: svc.Code, Chat: t.msg.Chat, Phone: t.msg.Phone, Name: t.msg.Name, Lang: t.s.Lang}
	for _, f := range svc.Fields {
		v, ok := t.s.Answers[f.Key]
		if !ok {
			return n, f, t.say(answerMissing{Label: f.Label.In(t.s.Lang)}), nil
		}
		if skipped(f, v) {
			continue // filed without it
		}
		if f.kind.Recheck {
			if _, _, err := t.check(ctx, f, v.Value, t.s.Answers); err != nil {
				why, ok := sayError(t.s.Lang, err)
				if !ok {
					return n, nil, "", err
				}
				return n, f, t.say(answerStale{Label: f.Label.In(t.s.Lang), Why: why}), nil
			}
		}
		if f.Unique {
			n.Unique = append(n.Unique, f.Key)
		}
		if f.kind.Document {
			id, _, err := letterAnswer(v)
			if err != nil {
				return n, nil, "", err
			}
			n.LetterID = id
			continue
		}
		n.Fields = append(n.Fields, v)
	}
	n.Period, n.Capacity = svc.period(t.s.Answers), svc.Capacity
	return n, nil, "", nil
}

// refusedByRecords returns the field the store refused the draft for, with what to
// tell the applicant: a username someone filed between our check and this "kirim",
// or a letter the clean-up of abandoned drafts removed because the draft outlived it.
func (t *turn) refusedByRecords(svc *Service, err error) (*Field, string) {
	var taken *loket.TakenError
	if errors.As(err, &taken) {
		if f := svc.field(taken.Key); f != nil {
			why := t.say(usernameTaken{Name: taken.Value, Domain: f.Domain})
			return f, t.say(answerStale{Label: f.Label.In(t.s.Lang), Why: why})
		}
	}
	if f := letterField(svc); errors.Is(err, loket.ErrLetterGone) && f != nil {
		return f, t.say(answerStale{Label: f.Label.In(t.s.Lang), Why: t.say(letterGone{})})
	}
	return nil, ""
}

// reask asks field f again, its answer dropped, saying why; once answered the
// applicant is back at the summary.
func (t *turn) reask(ctx context.Context, svc *Service, f *Field, why string) error {
	if err := t.fire(ctx, evReask+f.Key); err != nil {
		return err
	}
	t.reply(why, t.prompt(svc, f))
	return nil
}
