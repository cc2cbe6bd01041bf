package backoffice

import (
	"context"
	"errors"
	"fmt"
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
	if len(words) != 2 || (words[0] != "batal" && words[0] != "cancel" && words[0] != "batalkan") || !refPattern.MatchString(words[1]) {
		return "", false
	}
	return strings.ToUpper(words[1]), true
}

// cancel withdraws an applicant's own request while it is not yet dispositioned. A
// reference that is not theirs is "not found", as in `status`.
func (h *handling) cancel(ctx context.Context, ref string) error {
	r, err := h.o.Store.RequestByRef(ctx, ref)
	if errors.Is(err, loket.ErrNotFound) || (err == nil && r.Chat != h.msg.Chat) {
		h.reply(sayIn(loket.Indonesian, "cancel_not_found", ref))
		return nil
	}
	if err != nil {
		return err
	}
	to, err := step(ctx, r, evCancel, &actor{})
	var invalid fsm.InvalidEventError
	if errors.As(err, &invalid) {
		h.reply(sayIn(r.Lang, "cancel_too_late", r.Ref, statusWords(r.Status, r.Lang)))
		return nil
	}
	if err != nil {
		return err
	}
	m := loket.Move{RequestID: r.ID, From: r.Status, To: to, Actor: actorOf(h.msg), Role: "pemohon", At: h.o.now()}
	// Whoever holds it now is told it is withdrawn.
	holder := map[loket.Status]loket.Role{loket.StatusSubmitted: loket.RoleAdmin, loket.StatusRevision: loket.RoleAdmin, loket.StatusVerified: loket.RolePimpinan}[r.Status]
	all, err := h.o.Store.ListStaff(ctx)
	if err != nil {
		return err
	}
	for _, s := range all {
		if s.Has(holder) {
			m.Notify = append(m.Notify, loket.Notification{Chat: chatOf(s.Phone), Text: fmt.Sprintf(say("notify_cancelled"), r.Ref)})
		}
	}
	done := sayIn(r.Lang, "cancelled", r.Ref)
	m.Handled = h.handled(done)
	if err := h.o.Store.MoveRequest(ctx, m); errors.Is(err, loket.ErrMoved) {
		return h.cancel(ctx, ref) // it moved meanwhile: answer from its new status
	} else if err != nil {
		return err
	}
	h.reply(done)
	return nil
}

func actorOf(msg loket.Message) string {
	if msg.Phone != "" {
		return msg.Phone
	}
	return msg.Chat
}
