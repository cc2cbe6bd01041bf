package backoffice

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/looplab/fsm"

	"github.com/uns-dtik/loket"
)

// TestAuthorisationMatrix checks every staff event from every role (and the applicant)
// in the state it applies to: who may, who may not, and why not.
func TestAuthorisationMatrix(t *testing.T) {
	sop := newMachine(loket.DefaultGuards)
	const me = "+6281100000009"
	people := map[string]*loket.Staff{
		"admin":         {Phone: me, Roles: []loket.Role{loket.RoleAdmin}},
		"pimpinan":      {Phone: me, Roles: []loket.Role{loket.RolePimpinan}},
		"staf assigned": {Phone: me, Roles: []loket.Role{loket.RoleStaf}},
		"staf other":    {Phone: "+6281100000008", Roles: []loket.Role{loket.RoleStaf}},
		"admin+staf":    {Phone: me, Roles: []loket.Role{loket.RoleAdmin, loket.RoleStaf}},
		"applicant":     nil,
	}
	events := []struct {
		event loket.Action
		from  loket.Status
		to    loket.Status
		// allowed lists who may fire it, with the role they act in.
		allowed map[string]loket.Role
	}{
		{loket.ActionVerify, loket.StatusSubmitted, loket.StatusVerified, map[string]loket.Role{"admin": loket.RoleAdmin, "admin+staf": loket.RoleAdmin}},
		{loket.ActionRevise, loket.StatusSubmitted, loket.StatusRevision, map[string]loket.Role{"admin": loket.RoleAdmin, "admin+staf": loket.RoleAdmin}},
		{loket.ActionReject, loket.StatusSubmitted, loket.StatusRejected, map[string]loket.Role{"admin": loket.RoleAdmin, "admin+staf": loket.RoleAdmin, "pimpinan": loket.RolePimpinan}},
		{loket.ActionReject, loket.StatusVerified, loket.StatusRejected, map[string]loket.Role{"admin": loket.RoleAdmin, "admin+staf": loket.RoleAdmin, "pimpinan": loket.RolePimpinan}},
		{loket.ActionDispose, loket.StatusVerified, loket.StatusDisposed, map[string]loket.Role{"pimpinan": loket.RolePimpinan}},
		{loket.ActionDone, loket.StatusDisposed, loket.StatusDone, map[string]loket.Role{"pimpinan": loket.RolePimpinan, "staf assigned": loket.RoleStaf, "admin+staf": loket.RoleStaf}},
		{loket.ActionCancel, loket.StatusSubmitted, loket.StatusCancelled, map[string]loket.Role{"applicant": ""}},
		{loket.ActionCancel, loket.StatusVerified, loket.StatusCancelled, map[string]loket.Role{"applicant": ""}},
		{loket.ActionResubmit, loket.StatusRevision, loket.StatusSubmitted, map[string]loket.Role{"applicant": ""}},
	}
	for _, e := range events {
		for who, staff := range people {
			t.Run(fmt.Sprintf("%s from %s by %s", e.event, e.from, who), func(t *testing.T) {
				r := &loket.Request{Status: e.from, Assignee: me}
				a := &actor{Staff: staff}
				to, err := sop.step(context.Background(), r, e.event, a)
				role, ok := e.allowed[who]
				switch {
				case ok && err != nil:
					t.Fatalf("refused: %v", err)
				case ok && (to != e.to || a.Role != role):
					t.Fatalf("moved to %s acting as %q, want %s as %q", to, a.Role, e.to, role)
				case !ok && err == nil:
					t.Fatalf("allowed (to %s as %q)", to, a.Role)
				case !ok && !errors.Is(err, errWrongRole) && !errors.Is(err, errNotAssignee) && !errors.Is(err, errNotApplicants):
					t.Fatalf("refused with %v, want a role error", err)
				}
			})
		}
	}
}

// TestWrongStateIsNotARoleError: an event that does not apply to the request's status
// is refused as such, whoever asks.
func TestWrongStateIsNotARoleError(t *testing.T) {
	admin := &loket.Staff{Phone: "+6281100000001", Roles: []loket.Role{loket.RoleAdmin}}
	for _, s := range []loket.Status{loket.StatusVerified, loket.StatusDisposed, loket.StatusDone, loket.StatusRejected, loket.StatusCancelled} {
		_, err := newMachine(loket.DefaultGuards).step(context.Background(), &loket.Request{Status: s}, loket.ActionVerify, &actor{Staff: admin})
		var invalid fsm.InvalidEventError
		if !errors.As(err, &invalid) {
			t.Errorf("verify from %s: %v, want InvalidEventError", s, err)
		}
	}
}

func TestParseCommand(t *testing.T) {
	cases := []struct {
		in              string
		name, ref, args string
		ok              bool
	}{
		{"/verifikasi ZM-2026-0007 surat lengkap", "verifikasi", "ZM-2026-0007", "surat lengkap", true},
		{"/VERIFY zm-2026-0007", "verifikasi", "ZM-2026-0007", "", true},
		{"  /assign  Andi  mohon segera ", "disposisi", "", "Andi mohon segera", true},
		{"/queue", "antrian", "", "", true},
		{"/nonsense", "nonsense", "", "", false},
		{"/", "", "", "", false},
	}
	for _, c := range cases {
		got, ok := parseCommand(c.in)
		if ok != c.ok || got.name != c.name || got.ref != c.ref || got.args != c.args {
			t.Errorf("parseCommand(%q) = %+v, %v", c.in, got, ok)
		}
	}
}
