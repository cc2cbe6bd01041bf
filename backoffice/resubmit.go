package backoffice

import (
	"context"
	"time"

	"github.com/uns-dtik/loket"
)

// Resubmit sends an applicant's corrected draft of request requestID back to the
// admins under the same reference; cmd/loket gives it to the conversation, which
// cannot import the back office. Like every move it goes through the service's
// machine: the applicant fires resubmit from revision (the status a request is
// reopened for correction in), and the machine says where that leads. The store then
// checks only that the request is still in revision and is n.Chat's (loket.ErrMoved
// otherwise) and writes the move with the admins' announcement.
func (o *Office) Resubmit(ctx context.Context, n loket.NewRequest, requestID int64, now time.Time) (*loket.Request, error) {
	r := &loket.Request{ID: requestID, Service: n.Service, Chat: n.Chat, Phone: n.Phone, Status: loket.StatusRevision}
	to, err := o.step(ctx, r, loket.ActionResubmit, &actor{})
	if err != nil {
		return nil, err
	}
	m := loket.Move{RequestID: requestID, From: r.Status, To: to, Actor: loket.ApplicantActor(n.Phone, n.Chat), Role: loket.ApplicantRole, At: now}
	return o.Store.ResubmitRequest(ctx, n, m, o.Announce)
}
