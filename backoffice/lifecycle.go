// Package backoffice is the staff's side of Loket: who holds which role, the chat
// commands staff type (/verifikasi, /disposisi, …), the request lifecycle state machine
// with its role guards, and the notifications every step causes.
//
// It never imports whatsmeow: it reads loket.Message values and answers with
// loket.Reply values, and every change goes to PostgreSQL in one transaction together
// with the outbox rows the bot's sender delivers.
package backoffice

import (
	"context"
	"errors"

	"github.com/looplab/fsm"

	"github.com/uns-dtik/loket"
)

// The lifecycle's events (DESIGN.md, "Request lifecycle").
const (
	evVerify   = "verify"
	evRevise   = "revise"
	evReject   = "reject"
	evDispose  = "dispose"
	evDone     = "done"
	evCancel   = "cancel"
	evResubmit = "resubmit"
)

var (
	submitted = string(loket.StatusSubmitted)
	revision  = string(loket.StatusRevision)
	verified  = string(loket.StatusVerified)
	disposed  = string(loket.StatusDisposed)
	done      = string(loket.StatusDone)
	rejected  = string(loket.StatusRejected)
	cancelled = string(loket.StatusCancelled)
)

// lifecycle is every transition a request can make.
var lifecycle = fsm.Events{
	{Name: evVerify, Src: []string{submitted}, Dst: verified},
	{Name: evRevise, Src: []string{submitted}, Dst: revision},
	{Name: evReject, Src: []string{submitted, verified, revision}, Dst: rejected},
	{Name: evDispose, Src: []string{verified}, Dst: disposed},
	{Name: evDone, Src: []string{disposed}, Dst: done},
	{Name: evCancel, Src: []string{submitted, revision, verified}, Dst: cancelled},
	{Name: evResubmit, Src: []string{revision}, Dst: submitted},
}

// Guards says which roles may fire each staff event. It is data, so a service may
// later name other approver roles without new code.
type Guards map[string][]loket.Role

// DefaultGuards follow both SOPs: the admin verifies, the pimpinan dispositions, the
// staff member does the work; admin or pimpinan may reject; a pimpinan may also close.
var DefaultGuards = Guards{
	evVerify:  {loket.RoleAdmin},
	evRevise:  {loket.RoleAdmin},
	evReject:  {loket.RoleAdmin, loket.RolePimpinan},
	evDispose: {loket.RolePimpinan},
	evDone:    {loket.RoleStaf, loket.RolePimpinan},
}

// commandEvents maps the commands that move a request to their lifecycle event.
var commandEvents = map[string]string{
	"verifikasi": evVerify, "revisi": evRevise, "tolak": evReject, "disposisi": evDispose, "selesai": evDone,
}

// stage orders the open statuses along the way a request goes.
var stage = map[loket.Status]int{
	loket.StatusSubmitted: 0, loket.StatusRevision: 0, loket.StatusVerified: 1, loket.StatusDisposed: 2,
}

// premature reports whether event is refused because the request has not got that far
// yet (a disposition before verification), rather than because it is past it.
func premature(status loket.Status, event string) bool {
	at, open := stage[status]
	if !open {
		return false
	}
	for _, e := range lifecycle {
		if e.Name != event {
			continue
		}
		for _, src := range e.Src {
			if stage[loket.Status(src)] <= at {
				return false
			}
		}
		return true
	}
	return false
}

// allow says whether s holds any role that may fire event, whatever the request's state.
func (g Guards) allow(s *loket.Staff, event string) bool {
	for _, r := range g[event] {
		if s != nil && s.Has(r) {
			return true
		}
	}
	return false
}

// actor is who fires an event: a staff member, or (Staff nil) the applicant.
type actor struct {
	Staff   *loket.Staff
	Guards  Guards
	Request *loket.Request
	// Role is set by the guard to the role the actor acted in.
	Role loket.Role
}

var (
	errWrongRole     = errors.New("wrong role")
	errNotAssignee   = errors.New("not the assignee")
	errNotApplicants = errors.New("not the applicant's own request")
)

// guard runs before every event: it cancels an event the actor may not fire. It never
// calls the machine (looplab/fsm would deadlock inside before_ callbacks).
func guard(_ context.Context, e *fsm.Event) {
	a := e.Args[0].(*actor)
	if a.Staff == nil {
		if e.Event != evCancel && e.Event != evResubmit {
			e.Cancel(errNotApplicants)
		}
		return
	}
	for _, r := range a.Guards[e.Event] {
		if !a.Staff.Has(r) {
			continue
		}
		// Only the staff member it was dispositioned to may close a request as staf.
		if e.Event == evDone && r == loket.RoleStaf && a.Request.Assignee != a.Staff.Phone {
			continue
		}
		a.Role = r
		return
	}
	if e.Event == evDone && a.Staff.Has(loket.RoleStaf) {
		e.Cancel(errNotAssignee)
		return
	}
	e.Cancel(errWrongRole)
}

var callbacks = fsm.Callbacks{"before_event": guard}

// step checks that a may fire event on r now, returning the status it leads to and
// the role a acted in. It changes nothing: the caller persists the move.
func step(ctx context.Context, r *loket.Request, event string, a *actor) (loket.Status, error) {
	m := fsm.NewFSM(string(r.Status), lifecycle, callbacks)
	a.Request = r
	if err := m.Event(ctx, event, a); err != nil {
		var cancelled fsm.CanceledError
		if errors.As(err, &cancelled) {
			return "", cancelled.Err
		}
		return "", err
	}
	return loket.Status(m.Current()), nil
}
