package loket

import "slices"

// The second lifecycle table: complaints (eservice's Buat Keluhan). A complaint needs
// no letter, no verification and no disposition: it is filed, answered by the staff
// its service's approvers name, and closed. The catalog gives a service this table
// with `lifecycle: complaint`; everything that asks a table about a request asks its
// service's (Lifecycles.Named).

// StatusAnswered is a complaint the staff have answered; it stays open until they
// close it (done).
const StatusAnswered Status = "answered"

// ActionAnswer is staff answering a complaint; its note is the answer, for the
// applicant.
const ActionAnswer Action = "answer"

// Complaints is the lifecycle of a complaint:
//
//	submitted --answer(admin, answer)--> answered --done(admin, note)--> done
//	    \--cancel(applicant)--> cancelled
var Complaints = Lifecycle{
	Name: "complaint",
	Stages: []Stage{
		{Status: StatusSubmitted, Open: true, Next: ActionAnswer, Step: 0},
		{Status: StatusAnswered, Open: true, Next: ActionDone, Step: 1},
		// Closing a complaint delivers no service: no questionnaire follows it.
		{Status: StatusDone},
		{Status: StatusCancelled},
	},
	Transitions: []Transition{
		{Action: ActionAnswer, From: []Status{StatusSubmitted}, To: StatusAnswered, NoteFor: ReaderApplicant},
		{Action: ActionDone, From: []Status{StatusAnswered}, To: StatusDone, NoteFor: ReaderApplicant},
		{Action: ActionCancel, From: []Status{StatusSubmitted}, To: StatusCancelled, ByApplicant: true, NoteFor: ReaderStaff},
	},
	Approve: ComplaintGuards,
}

// complaintApprovers answer a complaint whose catalog entry names no approvers: the
// admin, who reads what comes in.
var complaintApprovers = []Role{RoleAdmin}

// ComplaintGuards reads a complaint service's catalog `approvers`: each of them may
// answer and close its complaints, the first holding them. None: the admin.
func ComplaintGuards(approvers []Role) Guards {
	if len(approvers) == 0 {
		approvers = complaintApprovers
	}
	return Guards{ActionAnswer: slices.Clone(approvers), ActionDone: slices.Clone(approvers)}
}

// Guards returns the guards a service with these catalog approvers has under l.
func (l Lifecycle) Guards(approvers []Role) Guards {
	if l.Approve == nil {
		return ApproverGuards(approvers)
	}
	return l.Approve(approvers)
}

// LifecycleSet is every lifecycle a service may follow; the first is the default.
type LifecycleSet []*Lifecycle

// Lifecycles are the tables a catalog may name: requests (the default) and complaints.
var Lifecycles = LifecycleSet{&Requests, &Complaints}

// Named returns the table a catalog's `lifecycle` names, the default for ""; false
// for a name no table has.
func (ls LifecycleSet) Named(name string) (*Lifecycle, bool) {
	if name == "" {
		return ls[0], true
	}
	for _, l := range ls {
		if l.Name == name {
			return l, true
		}
	}
	return nil, false
}

// Names lists the tables' names, for the catalog's error messages.
func (ls LifecycleSet) Names() []string {
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = l.Name
	}
	return names
}

// union gathers each table's statuses, each once, in the order they first appear:
// a question asked of every service at once (what waits on staff) is asked of every
// table.
func (ls LifecycleSet) union(of func(*Lifecycle) []Status) []Status {
	var out []Status
	for _, l := range ls {
		for _, s := range of(l) {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// Statuses returns every status of every table.
func (ls LifecycleSet) Statuses() []Status {
	return ls.union(func(l *Lifecycle) []Status { return l.Statuses() })
}

// AwaitingStaff returns the statuses in which staff must act in some table: what the
// queue, the reminders and the digest read before asking each request's own table.
func (ls LifecycleSet) AwaitingStaff() []Status {
	return ls.union(func(l *Lifecycle) []Status { return l.AwaitingStaff() })
}

// Actions returns every table's actions, each once.
func (ls LifecycleSet) Actions() []Action {
	var out []Action
	for _, l := range ls {
		for _, t := range l.Transitions {
			if !slices.Contains(out, t.Action) {
				out = append(out, t.Action)
			}
		}
	}
	return out
}
