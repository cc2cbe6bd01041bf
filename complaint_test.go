package loket

import (
	"reflect"
	"testing"
)

// TestComplaintLifecycle: a complaint is filed, answered and closed by the admin (or
// its service's approvers), the answer and the closing note reach the applicant, and
// closing it delivers no service (no questionnaire).
func TestComplaintLifecycle(t *testing.T) {
	l := Complaints
	eq := equal(t)
	g := l.Guards(nil)
	eq("guards", g, Guards{ActionAnswer: {RoleAdmin}, ActionDone: {RoleAdmin}})
	eq("filed", l.Filed(), StatusSubmitted)
	eq("awaiting staff", l.AwaitingStaff(), []Status{StatusSubmitted, StatusAnswered})
	eq("holder of submitted", l.Holder(StatusSubmitted, g), Holder{Role: RoleAdmin})
	eq("holder of answered", l.Holder(StatusAnswered, g), Holder{Role: RoleAdmin})
	eq("done serves", l.Served(StatusDone), false)
	eq("closing before answering is premature", l.Premature(StatusSubmitted, ActionDone), true)
	eq("the answer is the applicant's", l.ApplicantNote(StatusSubmitted, StatusAnswered, "jawaban"), "jawaban")
	eq("the closing note is the applicant's", l.ApplicantNote(StatusAnswered, StatusDone, "catatan"), "catatan")
	eq("no verification", l.Premature(StatusSubmitted, ActionVerify), false)
	if _, ok := l.Transition(ActionVerify); ok {
		t.Error("a complaint has a verification")
	}
	both := l.Guards([]Role{RoleAdmin, RolePimpinan})
	if !both.Allow(&Staff{Roles: []Role{RolePimpinan}}, ActionAnswer) || l.Holder(StatusSubmitted, both) != (Holder{Role: RoleAdmin}) {
		t.Errorf("approvers [admin pimpinan]: %v", both)
	}
	// The request table is what it was: its guards are still the SOPs'.
	eq("requests' guards", Requests.Guards(nil), DefaultGuards)
}

// TestLifecyclesByName: the catalog names a table; "" is the requests'.
func TestLifecyclesByName(t *testing.T) {
	for name, want := range map[string]*Lifecycle{"": &Requests, "request": &Requests, "complaint": &Complaints} {
		if got, ok := Lifecycles.Named(name); !ok || got != want {
			t.Errorf("Named(%q) = %v, %v", name, got, ok)
		}
	}
	if _, ok := Lifecycles.Named("keluhan"); ok {
		t.Error("a name no table has was found")
	}
	want := []Status{StatusSubmitted, StatusVerified, StatusDisposed, StatusAnswered}
	if got := Lifecycles.AwaitingStaff(); !reflect.DeepEqual(got, want) {
		t.Errorf("AwaitingStaff = %v, want %v", got, want)
	}
}
