package backoffice

import (
	"context"
	"errors"
	"time"

	"github.com/looplab/fsm"

	"github.com/uns-dtik/loket"
)

// Resubmit sends an applicant's corrected draft of request requestID back to the
// admins under the same reference; cmd/loket gives it to the conversation, which
// cannot import the back office. Like every move it goes through the service's
// machine, from the status the request is in (its audit trail's last event): the
// machine says whether the applicant may resubmit from there and where that leads.
// The store then checks only that the request is still in that status and is
// n.Chat's (loket.ErrMoved otherwise) and writes the move with the announcement.
func (o *Office) Resubmit(ctx context.Context, n loket.NewRequest, requestID int64, now time.Time) (*loket.Request, error) {
	events, err := o.Store.Timeline(ctx, requestID)
	if err != nil {
		return nil, err
	}
	if len(events) == 0 {
		return nil, loket.ErrMoved
	}
	r := &loket.Request{ID: requestID, Service: n.Service, Chat: n.Chat, Phone: n.Phone, Status: events[len(events)-1].To}
	to, err := o.step(ctx, r, loket.ActionResubmit, &actor{})
	var invalid fsm.InvalidEventError
	switch {
	case errors.As(err, &invalid):
		// No longer awaiting a correction. A message handled again after its
		// resubmission was written meets this too: the store, given that
		// resubmission's move, recognises the draft and returns the request as it is
		// (any other draft: loket.ErrMoved).
		done, ok := lastResubmission(lifecycleOf(o.Services, n.Service), events)
		if !ok {
			return nil, loket.ErrMoved
		}
		r.Status, to = done.From, done.To
	case err != nil:
		return nil, err
	}
	m := loket.Move{RequestID: requestID, From: r.Status, To: to, Actor: loket.ApplicantActor(n.Phone, n.Chat), Role: loket.ApplicantRole, At: now}
	return o.Store.ResubmitRequest(ctx, n, m, o.Announce)
}

// lastResubmission returns the latest of events that the applicant's resubmission
// wrote, by the service's lifecycle table.
func lastResubmission(table *loket.Lifecycle, events []loket.Event) (loket.Event, bool) {
	for i := len(events) - 1; i >= 0; i-- {
		if t, ok := table.Between(events[i].From, events[i].To); ok && t.Action == loket.ActionResubmit {
			return events[i], true
		}
	}
	return loket.Event{}, false
}
