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
	"slices"
	"sync"

	"github.com/looplab/fsm"

	"github.com/uns-dtik/loket"
)

// actor is who fires an event: a staff member, or (Staff nil) the applicant.
type actor struct {
	Staff   *loket.Staff
	Request *loket.Request
	// Role is set by the guard to the role the actor acted in.
	Role loket.Role
}

var (
	errWrongRole     = errors.New("wrong role")
	errNotAssignee   = errors.New("not the assignee")
	errNotApplicants = errors.New("not the applicant's own request")
	// errNotInLifecycle is an action the request's lifecycle has no row for: a
	// verification asked of a complaint.
	errNotInLifecycle = errors.New("not an action of this lifecycle")
)

// machine is one service's lifecycle: a looplab/fsm machine built once from the
// service's table (loket.Requests, loket.Complaints: the catalog's `lifecycle`) with
// the service's guards, the authority on every move.
//
// A looplab/fsm FSM keeps a current state, so one machine serves one request at a
// time: step sets the request's status, fires and reads the result under mu. A step
// is a few microseconds of map look-ups with no I/O (the guard only reads its
// argument), so requests of one service queue on mu for no measurable time — see
// BenchmarkStep: building a machine per step costs several times more than the
// lock, and a pool would only save a wait that does not happen.
type machine struct {
	table  *loket.Lifecycle
	guards loket.Guards
	events fsm.Events
	mu     sync.Mutex
	fsm    *fsm.FSM
}

func newMachine(table *loket.Lifecycle, g loket.Guards) *machine {
	var events fsm.Events
	for _, t := range table.Transitions {
		src := make([]string, len(t.From))
		for i, s := range t.From {
			src[i] = string(s)
		}
		events = append(events, fsm.EventDesc{Name: string(t.Action), Src: src, Dst: string(t.To)})
	}
	m := &machine{table: table, guards: g, events: events}
	m.fsm = m.build()
	return m
}

func (m *machine) build() *fsm.FSM {
	return fsm.NewFSM(string(m.table.Filed()), m.events, fsm.Callbacks{"before_event": m.guard})
}

// guard runs before every event: it cancels an event the actor may not fire. It never
// calls the machine (looplab/fsm would deadlock inside before_ callbacks).
func (m *machine) guard(_ context.Context, e *fsm.Event) {
	a := e.Args[0].(*actor)
	t, _ := m.table.Transition(loket.Action(e.Event))
	if a.Staff == nil {
		if !t.ByApplicant {
			e.Cancel(errNotApplicants)
		}
		return
	}
	for _, r := range m.guards[t.Action] {
		if !a.Staff.Has(r) {
			continue
		}
		if t.AssignedOnly && r == loket.RoleStaf && a.Request.Assignee != a.Staff.Phone {
			continue
		}
		a.Role = r
		return
	}
	if t.AssignedOnly && a.Staff.Has(loket.RoleStaf) && slices.Contains(m.guards[t.Action], loket.RoleStaf) {
		e.Cancel(errNotAssignee)
		return
	}
	e.Cancel(errWrongRole)
}

// step checks that a may fire action on r now, returning the status it leads to (the
// role a acted in is set on a). It changes nothing: the caller persists the move, and
// the store checks only that r is still in r.Status.
func (m *machine) step(ctx context.Context, r *loket.Request, action loket.Action, a *actor) (loket.Status, error) {
	a.Request = r
	m.mu.Lock()
	defer m.mu.Unlock()
	m.fsm.SetState(string(r.Status))
	// The event does no I/O, so the caller's deadline need not reach it: looplab/fsm
	// leaves a transition its context cut short "in progress", and every later event
	// on this shared machine would then fail. Should one be left so all the same (a
	// panic in a callback), the machine is built again.
	err := m.fsm.Event(context.WithoutCancel(ctx), string(action), a)
	if errors.As(err, new(fsm.InTransitionError)) {
		m.fsm = m.build()
		m.fsm.SetState(string(r.Status))
		err = m.fsm.Event(context.WithoutCancel(ctx), string(action), a)
	}
	if err != nil {
		var cancelled fsm.CanceledError
		if errors.As(err, &cancelled) {
			return "", cancelled.Err
		}
		if errors.As(err, new(fsm.UnknownEventError)) {
			return "", errNotInLifecycle
		}
		return "", err
	}
	return loket.Status(m.fsm.Current()), nil
}

// machines holds one machine per service, built on first use from the catalog's
// approvers and kept: the catalog does not change while the process runs.
type machines struct {
	mu  sync.Mutex
	all map[string]*machine
}

func (ms *machines) of(services Services, code string) *machine {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	if m, ok := ms.all[code]; ok {
		return m
	}
	if ms.all == nil {
		ms.all = map[string]*machine{}
	}
	m := newMachine(lifecycleOf(services, code), guardsOf(services, code))
	ms.all[code] = m
	return m
}

// guardsOf is who may fire each event on a service's requests: its catalog
// approvers, read by its lifecycle table.
func guardsOf(services Services, code string) loket.Guards {
	return lifecycleOf(services, code).Guards(services.Approvers(code))
}

// lifecycleOf is the table a service's requests follow.
func lifecycleOf(services Services, code string) *loket.Lifecycle {
	return services.Lifecycle(code)
}

// holder is who must act on r now.
func holder(services Services, r *loket.Request) loket.Holder {
	return lifecycleOf(services, r.Service).Holder(r.Status, guardsOf(services, r.Service))
}
