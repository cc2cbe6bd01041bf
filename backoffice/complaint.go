package backoffice

import (
	"context"

	"github.com/uns-dtik/loket"
)

// The back office's share of complaints (the catalog's `lifecycle: complaint`):
// /tanggapi answers one, and a command its lifecycle has no row for says which one
// it does. Everything else — the queue, /selesai, /cari, /statistik, the reminders —
// reads the complaint's table as it reads a request's.

// answer is /tanggapi: the answer goes to the applicant, so there must be one.
func (h *handling) answer(ctx context.Context, r *loket.Request, text string) error {
	if text == "" {
		h.reply(say(answerRequired{Ref: r.Ref}))
		return nil
	}
	return h.move(ctx, r, loket.ActionAnswer, text, "")
}

// notInLifecycle tells staff that action is no step of r's lifecycle (a
// verification asked of a complaint), naming the command r waits for now.
func (o *Office) notInLifecycle(r *loket.Request, action loket.Action) notForKind {
	st, _ := lifecycleOf(o.Services, r.Service).Stage(r.Status)
	return notForKind{Ref: r.Ref, Title: o.Services.ServiceTitle(r.Service, loket.Indonesian), Command: commandOf(action), Next: commandOf(st.Next)}
}

// commandOf is the staff command that fires action, "" for none (an applicant's).
func commandOf(action loket.Action) string {
	for _, c := range staffCommands {
		if action != "" && c.action == action {
			return c.name
		}
	}
	return ""
}
