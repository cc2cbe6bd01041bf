package backoffice

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/looplab/fsm"

	"github.com/uns-dtik/loket"
)

// TestAuthorisationMatrix checks every staff event from every role (and the applicant)
// in the state it applies to: who may, who may not, and why not.
func TestAuthorisationMatrix(t *testing.T) {
	sop := newMachine(&loket.Requests, loket.DefaultGuards)
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
		_, err := newMachine(&loket.Requests, loket.DefaultGuards).step(context.Background(), &loket.Request{Status: s}, loket.ActionVerify, &actor{Staff: admin})
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

// TestOneMachinePerService: a service's machine is built once and reused; services
// with other approvers get their own.
func TestOneMachinePerService(t *testing.T) {
	var ms machines
	s := services{"ZM": nil, "VP": {loket.RoleAdmin}}
	zm := ms.of(s, "ZM")
	if ms.of(s, "ZM") != zm || ms.of(s, "VP") == zm {
		t.Fatal("machines are not one per service")
	}
	if !ms.of(s, "VP").guards.Allow(&loket.Staff{Roles: []loket.Role{loket.RoleAdmin}}, loket.ActionDispose) {
		t.Fatal("VP's machine does not have VP's approvers")
	}
}

// sharedSteps are moves from every open status, each with its one right outcome.
var sharedSteps = []struct {
	from   loket.Status
	action loket.Action
	staff  *loket.Staff
	to     loket.Status
}{
	{loket.StatusSubmitted, loket.ActionVerify, &loket.Staff{Roles: []loket.Role{loket.RoleAdmin}}, loket.StatusVerified},
	{loket.StatusRevision, loket.ActionResubmit, nil, loket.StatusSubmitted},
	{loket.StatusVerified, loket.ActionCancel, nil, loket.StatusCancelled},
	{loket.StatusDisposed, loket.ActionDone, &loket.Staff{Roles: []loket.Role{loket.RolePimpinan}}, loket.StatusDone},
	{loket.StatusVerified, loket.ActionReject, &loket.Staff{Roles: []loket.Role{loket.RolePimpinan}}, loket.StatusRejected},
}

// TestSharedMachineUnderConcurrency: one service's machine, stepped from many
// goroutines at once for requests in different statuses, answers each as if it were
// alone (looplab/fsm keeps a current state; without the machine's lock one request's
// status leaks into another's step).
func TestSharedMachineUnderConcurrency(t *testing.T) {
	m := newMachine(&loket.Requests, loket.DefaultGuards)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 2000 {
				c := sharedSteps[(g+i)%len(sharedSteps)]
				to, err := m.step(context.Background(), &loket.Request{Status: c.from}, c.action, &actor{Staff: c.staff})
				if err != nil || to != c.to {
					t.Errorf("%s from %s: %s, %v; want %s", c.action, c.from, to, err, c.to)
					return
				}
			}
		})
	}
	wg.Wait()
}

// BenchmarkStep compares a machine built for every step (as before) with one machine
// per service shared under its lock, stepped from all CPUs at once.
func BenchmarkStep(b *testing.B) {
	run := func(b *testing.B, machine func() *machine) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			i := 0
			for pb.Next() {
				c := sharedSteps[i%len(sharedSteps)]
				i++
				if _, err := machine().step(context.Background(), &loket.Request{Status: c.from}, c.action, &actor{Staff: c.staff}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("new machine per step", func(b *testing.B) {
		run(b, func() *machine { return newMachine(&loket.Requests, loket.DefaultGuards) })
	})
	shared := newMachine(&loket.Requests, loket.DefaultGuards)
	b.Run("one shared machine", func(b *testing.B) {
		run(b, func() *machine { return shared })
	})
}

// TestAnExpiredDeadlineLeavesTheMachineWhole: a step whose context has ended (a
// command past its deadline, a shutdown) still decides, and the service's shared
// machine answers the next step; looplab/fsm left such a transition "in progress"
// and refused every later event until a restart.
func TestAnExpiredDeadlineLeavesTheMachineWhole(t *testing.T) {
	m := newMachine(&loket.Requests, loket.DefaultGuards)
	done, cancel := context.WithCancel(context.Background())
	cancel()
	admin := &actor{Staff: &loket.Staff{Roles: []loket.Role{loket.RoleAdmin}}}
	if to, err := m.step(done, &loket.Request{Status: loket.StatusSubmitted}, loket.ActionVerify, admin); err != nil || to != loket.StatusVerified {
		t.Fatalf("with its context ended: %s, %v", to, err)
	}
	if to, err := m.step(context.Background(), &loket.Request{Status: loket.StatusSubmitted}, loket.ActionRevise, admin); err != nil || to != loket.StatusRevision {
		t.Fatalf("the next step: %s, %v", to, err)
	}
}
