package loket

// The request lifecycle as one table. Every question about a status — may this event
// be fired, where does it lead, who must act now, is the request still open, which
// statuses do the queue, the reminders and the uniqueness check look at — is answered
// from Requests below; the back office builds its looplab/fsm machine from the same
// rows, so nothing else spells out a status's meaning — nor who may read the note given
// with an event.

import "slices"

// Action is an event of a request's lifecycle, fired by a staff member or the
// applicant. (Event is an audit-trail entry: the record of an action taken.)
type Action string

// The lifecycle's events (docs/ARCHITECTURE.md, "The request lifecycle").
const (
	ActionVerify   Action = "verify"
	ActionRevise   Action = "revise"
	ActionReject   Action = "reject"
	ActionDispose  Action = "dispose"
	ActionDone     Action = "done"
	ActionCancel   Action = "cancel"
	ActionResubmit Action = "resubmit"
)

// Stage is one status's row of the table.
type Stage struct {
	Status Status
	// Open is false for a status a request never leaves.
	Open bool
	// Next is the event that moves the request on from here; whoever the service lets
	// fire it (its first role, see Guards) holds the status. Empty when closed.
	Next Action
	// Step orders the open statuses along the way a request goes; a request sent back
	// for revision is still at the first step.
	Step int
	// Served marks the closed status in which the service was delivered: what the
	// request was granted (an e-mail username) stays taken.
	Served bool
}

// Transition is one event's row: the statuses it leaves, the one it reaches, and
// what kind of actor fires it.
type Transition struct {
	Action Action
	From   []Status
	To     Status
	// ByApplicant events are fired by the applicant on their own request; the others
	// by staff holding a role the service's Guards give the event.
	ByApplicant bool
	// AssignedOnly means a staf member fires it only on a request dispositioned to them
	// (other roles allowed to fire it may on any request).
	AssignedOnly bool
	// NoteFor is who the note given with the event is written for. Staff read every
	// note; the applicant reads only those written for them (ApplicantNote).
	NoteFor Reader
}

// Reader is who a transition's note is written for.
type Reader string

// The readers of a note. A pimpinan's word to the assignee ("mohon hari ini") or an
// admin's remark on verifying is said among staff; a reason for a revision or a
// rejection, and what the staff say on finishing, is said to the applicant.
const (
	// ReaderStaff is an internal note: staff only.
	ReaderStaff Reader = "staff"
	// ReaderAssignee is a note to the staff member the request is dispositioned to
	// (staff, so every staff member may read it too).
	ReaderAssignee Reader = "assignee"
	// ReaderApplicant is a note to the applicant (and staff).
	ReaderApplicant Reader = "applicant"
)

// Lifecycle is a kind of service's lifecycle: the statuses and the transitions
// between them. A service follows the one its catalog entry names (Lifecycles).
type Lifecycle struct {
	// Name is what a catalog's `lifecycle` calls the table.
	Name        string
	Stages      []Stage
	Transitions []Transition
	// Approve turns a service's catalog approvers into the guards of this table's
	// staff events; nil: ApproverGuards. (A complaint has no verification or
	// disposition, so the same approvers guard other events there.)
	Approve func(approvers []Role) Guards
}

// Requests is the lifecycle of every request, as both SOPs describe it:
//
//	submitted --verify(admin)--> verified --dispose(pimpinan, to staff X)--> disposed --done(staff X)--> done
//	    |  \--revise(admin, note)--> revision --resubmit(applicant)--> submitted
//	    \--reject(admin|pimpinan, reason)--> rejected        (cancel by applicant before disposed)
var Requests = Lifecycle{
	Name: "request",
	Stages: []Stage{
		{Status: StatusSubmitted, Open: true, Next: ActionVerify, Step: 0},
		{Status: StatusRevision, Open: true, Next: ActionResubmit, Step: 0},
		{Status: StatusVerified, Open: true, Next: ActionDispose, Step: 1},
		{Status: StatusDisposed, Open: true, Next: ActionDone, Step: 2},
		{Status: StatusDone, Served: true},
		{Status: StatusRejected},
		{Status: StatusCancelled},
	},
	Transitions: []Transition{
		{Action: ActionVerify, From: []Status{StatusSubmitted}, To: StatusVerified, NoteFor: ReaderStaff},
		{Action: ActionRevise, From: []Status{StatusSubmitted}, To: StatusRevision, NoteFor: ReaderApplicant},
		{Action: ActionReject, From: []Status{StatusSubmitted, StatusVerified, StatusRevision}, To: StatusRejected, NoteFor: ReaderApplicant},
		{Action: ActionDispose, From: []Status{StatusVerified}, To: StatusDisposed, NoteFor: ReaderAssignee},
		{Action: ActionDone, From: []Status{StatusDisposed}, To: StatusDone, AssignedOnly: true, NoteFor: ReaderApplicant},
		{Action: ActionCancel, From: []Status{StatusSubmitted, StatusRevision, StatusVerified}, To: StatusCancelled, ByApplicant: true, NoteFor: ReaderStaff},
		{Action: ActionResubmit, From: []Status{StatusRevision}, To: StatusSubmitted, ByApplicant: true, NoteFor: ReaderStaff},
	},
}

// Stage returns status's row; false for a status not in the table.
func (l Lifecycle) Stage(s Status) (Stage, bool) {
	for _, st := range l.Stages {
		if st.Status == s {
			return st, true
		}
	}
	return Stage{}, false
}

// Transition returns action's row; false for an action not in the table.
func (l Lifecycle) Transition(a Action) (Transition, bool) {
	for _, t := range l.Transitions {
		if t.Action == a {
			return t, true
		}
	}
	return Transition{}, false
}

// Between returns the transition that moves a request from `from` to `to` (an audit
// event's two statuses); false for the filing event (no from) or a pair no row has.
func (l Lifecycle) Between(from, to Status) (Transition, bool) {
	for _, t := range l.Transitions {
		if t.To == to && slices.Contains(t.From, from) {
			return t, true
		}
	}
	return Transition{}, false
}

// ApplicantNote returns note, given with a move from `from` to `to`, as the applicant
// may read it: the note itself when the move's transition writes it for them, else
// "". A pair the table has no row for keeps its note internal: when unsure, the
// applicant is not told what staff said among themselves.
func (l Lifecycle) ApplicantNote(from, to Status, note string) string {
	if t, ok := l.Between(from, to); ok && t.NoteFor == ReaderApplicant {
		return note
	}
	return ""
}

// Statuses returns every status of the table, in table order: for code that must
// cover them all (sentence tables, their tests).
func (l Lifecycle) Statuses() []Status {
	return l.statuses(func(Stage) bool { return true })
}

// Filed returns the status a request is filed in: the table's first row.
func (l Lifecycle) Filed() Status { return l.Stages[0].Status }

// Served reports whether s is the closed status in which the service was delivered
// (the questionnaire follows it).
func (l Lifecycle) Served(s Status) bool {
	st, _ := l.Stage(s)
	return st.Served
}

// Assigns reports whether a move into status to hands the request to one staff
// member: the event that moves it on from there is fired only by its assignee.
func (l Lifecycle) Assigns(to Status) bool {
	st, _ := l.Stage(to)
	t, ok := l.Transition(st.Next)
	return ok && t.AssignedOnly
}

// Awaited returns the staff transition that must come before action: the one that
// brings a request to a status action leaves (a verification before a disposition);
// false when there is none.
func (l Lifecycle) Awaited(action Action) (Transition, bool) {
	t, ok := l.Transition(action)
	for _, before := range l.Transitions {
		if ok && !before.ByApplicant && slices.Contains(t.From, before.To) {
			return before, true
		}
	}
	return Transition{}, false
}

// statuses returns the statuses whose row satisfies keep, in table order.
func (l Lifecycle) statuses(keep func(Stage) bool) []Status {
	var out []Status
	for _, st := range l.Stages {
		if keep(st) {
			out = append(out, st.Status)
		}
	}
	return out
}

// Open returns the statuses a request can still leave.
func (l Lifecycle) Open() []Status {
	return l.statuses(func(st Stage) bool { return st.Open })
}

// AwaitingStaff returns the open statuses in which staff must act (not the applicant):
// what the SLA reminders, the digest and the overdue count look at.
func (l Lifecycle) AwaitingStaff() []Status {
	return l.statuses(func(st Stage) bool {
		t, ok := l.Transition(st.Next)
		return st.Open && ok && !t.ByApplicant
	})
}

// Claiming returns the statuses in which a request holds its unique values (an e-mail
// username): open, or closed with the service delivered.
func (l Lifecycle) Claiming() []Status {
	return l.statuses(func(st Stage) bool { return st.Open || st.Served })
}

// Premature reports whether action is refused in status because the request has not got
// that far yet (a disposition before verification), rather than because it is past it.
func (l Lifecycle) Premature(status Status, action Action) bool {
	at, ok := l.Stage(status)
	t, known := l.Transition(action)
	if !ok || !at.Open || !known {
		return false
	}
	for _, src := range t.From {
		if st, _ := l.Stage(src); st.Step <= at.Step {
			return false
		}
	}
	return true
}

// Holder is who must act on a request in a status.
type Holder struct {
	// Role is the staff role that acts; "" when no staff member does.
	Role Role
	// Assignee narrows Role to the staff member the request is dispositioned to.
	Assignee bool
	// Applicant is set when it is the applicant's move.
	Applicant bool
}

// Holder returns who holds status under a service's guards: the applicant for an
// applicant's event, else the first role the guards give the status's Next event; the
// zero Holder for a closed status.
func (l Lifecycle) Holder(status Status, g Guards) Holder {
	st, _ := l.Stage(status)
	t, ok := l.Transition(st.Next)
	switch {
	case !st.Open || !ok:
		return Holder{}
	case t.ByApplicant:
		return Holder{Applicant: true}
	case len(g[t.Action]) == 0:
		return Holder{}
	}
	role := g[t.Action][0]
	return Holder{Role: role, Assignee: t.AssignedOnly && role == RoleStaf}
}

// Expecting returns the staff who expect a request in status next: its holder, or,
// while it is the applicant's move, whoever it goes back to (an admin waiting for a
// correction). Told when the applicant withdraws it.
func (l Lifecycle) Expecting(status Status, g Guards) Holder {
	h := l.Holder(status, g)
	if !h.Applicant {
		return h
	}
	st, _ := l.Stage(status)
	t, _ := l.Transition(st.Next)
	return l.Holder(t.To, g)
}

// Phones returns the numbers of the staff who are h for request r.
func (h Holder) Phones(r *Request, staff []Staff) []string {
	if h.Role == "" {
		return nil
	}
	if h.Assignee {
		if r.Assignee == "" {
			return nil
		}
		return []string{r.Assignee}
	}
	var out []string
	for _, s := range staff {
		if s.Has(h.Role) {
			out = append(out, s.Phone)
		}
	}
	return out
}

// Holds reports whether staff member s (acting in role) holds request r.
func (h Holder) Holds(r *Request, s *Staff, role Role) bool {
	return h.Role != "" && h.Role == role && s.Has(role) && (!h.Assignee || r.Assignee == s.Phone)
}

// Guards says which staff roles may fire each staff event of one service. The first
// role of an event is the one the SOP gives the step to (it holds the status the event
// leaves); the others may step in.
type Guards map[Action][]Role

// DefaultGuards follow both SOPs: the admin verifies, the pimpinan dispositions, the
// staff member does the work; admin or pimpinan may reject; a pimpinan may also close.
var DefaultGuards = ApproverGuards(nil)

// sopApprovers are both SOPs' approvers, for a service whose catalog names none.
var sopApprovers = []Role{RoleAdmin, RolePimpinan}

// ApproverGuards reads a service's catalog `approvers`, the roles that approve its
// requests in order: the first verifies (or sends back for revision), the last
// dispositions to a staff member and may also close, and any of them may reject. The
// staff member it is dispositioned to does the work. No approvers: DefaultGuards.
func ApproverGuards(approvers []Role) Guards {
	if len(approvers) == 0 {
		approvers = sopApprovers
	}
	first, last := approvers[0], approvers[len(approvers)-1]
	done := []Role{RoleStaf}
	if last != RoleStaf {
		done = append(done, last)
	}
	return Guards{
		ActionVerify:  {first},
		ActionRevise:  {first},
		ActionReject:  append([]Role(nil), approvers...),
		ActionDispose: {last},
		ActionDone:    done,
	}
}

// Allow reports whether s holds any role that may fire action, whatever the request's
// status.
func (g Guards) Allow(s *Staff, action Action) bool {
	for _, r := range g[action] {
		if s != nil && s.Has(r) {
			return true
		}
	}
	return false
}
