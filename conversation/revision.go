package conversation

import (
	"context"
	"errors"
	"fmt"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store"
)

// reopen answers "perbaiki ZM-2026-0007": the applicant's request that an admin sent
// back for revision becomes a draft again, every answer kept, at the summary, with the
// admin's note, so they change what is needed (ubah N, a new letter) and send it.
func (t *turn) reopen(ctx context.Context, ref string) error {
	r, err := t.c.Store.ChatRequest(ctx, t.msg.Chat, ref)
	if isNotFound(err) {
		t.reply(t.say("status_not_found", ref))
		return nil
	}
	if err != nil {
		return err
	}
	if r.Status != loket.StatusRevision {
		t.reply(t.say("reopen_not_revision", ref, t.say("status_"+string(r.Status))))
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
		note = events[len(events)-1].Note
	}
	t.s.clearDraft()
	t.s.Service, t.s.DraftID, t.s.RevisionOf, t.s.State = svc.Code, fmt.Sprintf("revision-%d", r.ID), r.ID, stateReview
	t.s.Answers = map[string]loket.Field{}
	for _, v := range r.Fields {
		t.s.Answers[v.Key] = v
	}
	if f := letterField(svc); f != nil && r.Letter != nil {
		t.s.Answers[f.Key] = loket.Field{Key: f.Key, Value: fmt.Sprintf("%d/%d", r.Letter.ID, r.Letter.Pages), Shown: r.Letter.FileName}
	}
	t.reply(t.say("reopened", r.Ref, note), t.summary(svc))
	return nil
}

// resubmit sends the corrected draft back to the admins under the same reference.
func (t *turn) resubmit(ctx context.Context, svc *Service, n loket.NewRequest) error {
	req, err := t.c.Store.ResubmitRequest(ctx, n, t.s.RevisionOf, t.now, t.c.Announce)
	if errors.Is(err, store.ErrMoved) {
		t.s.clearDraft()
		t.reply(t.say("resubmit_too_late"))
		return nil
	}
	if err != nil {
		return err
	}
	t.s.clearDraft()
	t.reply(t.say("resubmitted", req.Ref, svc.NextSteps.In(t.s.Lang), req.Ref))
	return nil
}
