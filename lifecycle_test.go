package loket

import (
	"reflect"
	"slices"
	"testing"
)

// TestLifecycleTableIsConsistent: in every table, no status has two rows, and every open status
// exactly one holder (a staff role or the applicant) while a closed one has none and
// is left by no event; every event leaves and reaches statuses of the table; an open
// status's Next event leaves it.
func TestLifecycleTableIsConsistent(t *testing.T) {
	for _, l := range Lifecycles {
		t.Run(l.Name, func(t *testing.T) { checkTable(t, l) })
	}
}

func checkTable(t *testing.T, l *Lifecycle) {
	guards := l.Guards(nil)
	for _, s := range l.Statuses() {
		n := 0
		for _, st := range l.Stages {
			if st.Status == s {
				n++
			}
		}
		if n != 1 {
			t.Errorf("status %s has %d rows, want 1", s, n)
		}
	}
	leaves := map[Status][]Action{}
	for _, tr := range l.Transitions {
		if _, ok := l.Stage(tr.To); !ok {
			t.Errorf("%s leads to %s, not a status of the table", tr.Action, tr.To)
		}
		if len(tr.From) == 0 {
			t.Errorf("%s leaves no status", tr.Action)
		}
		for _, from := range tr.From {
			if _, ok := l.Stage(from); !ok {
				t.Errorf("%s leaves %s, not a status of the table", tr.Action, from)
			}
			leaves[from] = append(leaves[from], tr.Action)
		}
		if !tr.ByApplicant && len(guards[tr.Action]) == 0 {
			t.Errorf("staff event %s has no role", tr.Action)
		}
	}
	for _, st := range l.Stages {
		h := l.Holder(st.Status, guards)
		staff, applicant := h.Role != "", h.Applicant
		switch {
		case st.Open && staff == applicant:
			t.Errorf("open status %s: holder %+v, want exactly one of a staff role and the applicant", st.Status, h)
		case !st.Open && (staff || applicant):
			t.Errorf("closed status %s is held by %+v", st.Status, h)
		case !st.Open && len(leaves[st.Status]) > 0:
			t.Errorf("closed status %s is left by %v", st.Status, leaves[st.Status])
		case st.Open && !slices.Contains(leaves[st.Status], st.Next):
			t.Errorf("open status %s: its next event %q does not leave it", st.Status, st.Next)
		}
	}
}

// TestLifecycleAnswers: the questions the back office and the store ask, answered
// from the table as both SOPs have them.
func TestLifecycleAnswers(t *testing.T) {
	l := Requests
	eq := equal(t)
	eq("open", l.Open(), []Status{StatusSubmitted, StatusRevision, StatusVerified, StatusDisposed})
	eq("awaiting staff", l.AwaitingStaff(), []Status{StatusSubmitted, StatusVerified, StatusDisposed})
	eq("claiming unique values", l.Claiming(), []Status{StatusSubmitted, StatusRevision, StatusVerified, StatusDisposed, StatusDone})
	holders := map[Status]Holder{
		StatusSubmitted: {Role: RoleAdmin},
		StatusRevision:  {Applicant: true},
		StatusVerified:  {Role: RolePimpinan},
		StatusDisposed:  {Role: RoleStaf, Assignee: true},
		StatusDone:      {}, StatusRejected: {}, StatusCancelled: {},
	}
	for s, want := range holders {
		eq("holder of "+string(s), l.Holder(s, DefaultGuards), want)
	}
	// A request withdrawn while back with the applicant is expected by the admins.
	eq("expecting revision", l.Expecting(StatusRevision, DefaultGuards), Holder{Role: RoleAdmin})
	eq("expecting verified", l.Expecting(StatusVerified, DefaultGuards), Holder{Role: RolePimpinan})
	eq("dispose before verify is premature", l.Premature(StatusSubmitted, ActionDispose), true)
	eq("done before disposition is premature", l.Premature(StatusVerified, ActionDone), true)
	eq("verify after verify is not premature", l.Premature(StatusVerified, ActionVerify), false)
	eq("anything after done is not premature", l.Premature(StatusDone, ActionDispose), false)
}

// TestApproversMakeTheGuards: the SOPs' approvers give DefaultGuards, as the SOPs
// write them; other approvers give other permissions and holders.
func TestApproversMakeTheGuards(t *testing.T) {
	sop := Guards{
		ActionVerify:  {RoleAdmin},
		ActionRevise:  {RoleAdmin},
		ActionReject:  {RoleAdmin, RolePimpinan},
		ActionDispose: {RolePimpinan},
		ActionDone:    {RoleStaf, RolePimpinan},
	}
	if !reflect.DeepEqual(DefaultGuards, sop) || !reflect.DeepEqual(ApproverGuards([]Role{RoleAdmin, RolePimpinan}), sop) {
		t.Fatalf("DefaultGuards = %v, want the SOPs' %v", DefaultGuards, sop)
	}
	adminOnly := ApproverGuards([]Role{RoleAdmin})
	pimpinan := &Staff{Roles: []Role{RolePimpinan}}
	admin := &Staff{Roles: []Role{RoleAdmin}}
	if adminOnly.Allow(pimpinan, ActionDispose) || adminOnly.Allow(pimpinan, ActionReject) || !adminOnly.Allow(admin, ActionDispose) {
		t.Errorf("approvers [admin]: %v", adminOnly)
	}
	if h := Requests.Holder(StatusVerified, adminOnly); h != (Holder{Role: RoleAdmin}) {
		t.Errorf("approvers [admin]: verified is held by %+v, want the admin", h)
	}
}

// TestNotesReachTheirReaders: each event's note is written for someone the table
// names; the applicant reads the reasons for a revision or a rejection and the note on
// finishing, never an admin's remark on verifying or the pimpinan's word to the
// assignee, nor the note of a move the table does not know.
func TestNotesReachTheirReaders(t *testing.T) {
	for _, tr := range Requests.Transitions {
		switch tr.NoteFor {
		case ReaderStaff, ReaderAssignee, ReaderApplicant:
		default:
			t.Errorf("%s: note for %q, want one of the readers", tr.Action, tr.NoteFor)
		}
	}
	cases := []struct {
		from, to Status
		want     string
	}{
		{StatusSubmitted, StatusVerified, ""},
		{StatusVerified, StatusDisposed, ""},
		{StatusSubmitted, StatusRevision, "catatan"},
		{StatusVerified, StatusRejected, "catatan"},
		{StatusDisposed, StatusDone, "catatan"},
		{"", StatusSubmitted, ""},                 // the filing: no transition
		{StatusDone, StatusVerified, ""},          // no such move
		{StatusRevision, StatusSubmitted, ""},     // the applicant's own resubmission
		{StatusSubmitted, StatusCancelled, ""},    // the applicant's own withdrawal
		{StatusSubmitted, Status("archived"), ""}, // a status the table does not have
	}
	for _, c := range cases {
		if got := Requests.ApplicantNote(c.from, c.to, "catatan"); got != c.want {
			t.Errorf("the applicant reads the note of %q → %q as %q, want %q", c.from, c.to, got, c.want)
		}
	}
}

// equal returns a check that got is want, reported under what.
func equal(t *testing.T) func(what string, got, want any) {
	return func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
}
