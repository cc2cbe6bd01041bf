package backoffice

import (
	"context"
	"errors"
	"strings"

	"github.com/looplab/fsm"

	"github.com/uns-dtik/loket"
)

// applicantCancel recognises "batal ZM-2026-0007" (or "cancel …") and returns the
// reference.
func applicantCancel(msg loket.Message) (string, bool) {
	if msg.Kind != loket.KindText || len(msg.Text) > 60 {
		return "", false
	}
	words := strings.Fields(strings.ToLower(msg.Text))
	if len(words) != 2 || !loket.IsCancelWord(words[0]) {
		return "", false
	}
	return loket.ParseRef(words[1])
}

// cancel withdraws an applicant's own request while it is not yet dispositioned. A
// reference that is not theirs is "not found", as in `status`.
func (h *handling) cancel(ctx context.Context, ref string) error {
	r, err := h.o.Store.RequestByRef(ctx, ref)
	if errors.Is(err, loket.ErrNotFound) || (err == nil && r.Chat != h.msg.Chat) {
		h.reply(sayIn(loket.Indonesian, cancelNotFound{Ref: ref}))
		return nil
	}
	if err != nil {
		return err
	}
	to, err := h.o.step(ctx, r, loket.ActionCancel, &actor{})
	var invalid fsm.InvalidEventError
	if errors.As(err, &invalid) || errors.Is(err, errNotInLifecycle) {
		h.reply(sayIn(r.Lang, cancelTooLate{Ref: r.Ref, Status: r.Status}))
		return nil
	}
	if err != nil {
		return err
	}
	m := loket.Move{RequestID: r.ID, From: r.Status, To: to, Actor: loket.ApplicantActor(h.msg.Phone, h.msg.Chat), Role: loket.ApplicantRole, At: h.o.now()}
	// The staff who expect it next are told it is withdrawn: whoever holds it, or
	// while it is back with the applicant, whoever it would have returned to.
	all, err := h.o.Store.ListStaff(ctx)
	if err != nil {
		return err
	}
	expecting := lifecycleOf(h.o.Services, r.Service).Expecting(r.Status, guardsOf(h.o.Services, r.Service))
	for _, phone := range expecting.Phones(r, all) {
		m.Notify = append(m.Notify, loket.Notification{Chat: loket.ChatOf(phone), Text: say(notifyCancelled{Ref: r.Ref})})
	}
	done := sayIn(r.Lang, cancelled{Ref: r.Ref})
	m.Handled = h.handled(done)
	if err := h.o.Store.MoveRequest(ctx, m); errors.Is(err, loket.ErrMoved) {
		return h.cancel(ctx, ref) // it moved meanwhile: answer from its new status
	} else if err != nil {
		return err
	}
	h.reply(done)
	return nil
}
