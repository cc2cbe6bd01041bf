package backoffice

import (
	"slices"

	"github.com/uns-dtik/loket"
)

// Who a sentence names as acting, or as waited for, is whom the service's approvers
// make so (its Guards, the lifecycle table's Holder): never spelt out per status, so
// a service whose only approver is the admin is not said to wait for a pimpinan.

// rolesFor returns the roles that may fire action on service code's requests, in its
// guards' order; for code "" those of every service in the catalog (what someone who
// may give the command on none of them is told).
func rolesFor(services Services, action loket.Action, code string) []loket.Role {
	if code != "" {
		return guardsOf(services, code)[action]
	}
	return acrossServices(services, func(_ string, g loket.Guards) []loket.Role { return g[action] })
}

// acrossServices gathers roles of every service's guards, each once, in the order
// they first appear (services by code); each table's default guards (code "") for an
// empty catalog.
func acrossServices(services Services, roles func(code string, g loket.Guards) []loket.Role) []loket.Role {
	var out []loket.Role
	add := func(rs []loket.Role) {
		for _, r := range rs {
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	codes := slices.Sorted(slices.Values(services.Codes()))
	if len(codes) == 0 {
		for _, l := range loket.Lifecycles {
			add(roles("", l.Guards(nil)))
		}
	}
	for _, code := range codes {
		add(roles(code, guardsOf(services, code)))
	}
	return out
}

// refusal tells someone whose roles may not fire action on service code's requests
// ("" for every service) who may.
func refusal(services Services, action loket.Action, code string) roleRefusal {
	t, _ := transitionOf(services, action, code)
	return roleRefusal{Action: action, Roles: rolesFor(services, action, code), Assigned: t.AssignedOnly}
}

// notAssigned tells a staf member that r is not theirs to close, naming the other
// roles that may.
func notAssigned(services Services, r *loket.Request, action loket.Action) notAssignee {
	others := slices.DeleteFunc(slices.Clone(rolesFor(services, action, r.Service)), func(role loket.Role) bool { return role == loket.RoleStaf })
	return notAssignee{Ref: r.Ref, Others: others}
}

// tooEarly tells why action is premature on r: the event that must come first, and
// the roles that fire it for r's service.
func tooEarly(services Services, r *loket.Request, action loket.Action) notYet {
	need, _ := lifecycleOf(services, r.Service).Awaited(action)
	return notYet{Ref: r.Ref, Status: r.Status, Need: need.Action, By: rolesFor(services, need.Action, r.Service)}
}

// stage names status s of table l, awaiting staff, by the event it waits for and the
// roles that hold it across the catalog's services following l (the statistics count
// every service at once).
func stage(services Services, l *loket.Lifecycle, s loket.Status) stageName {
	st, _ := l.Stage(s)
	holders := acrossServices(services, func(code string, g loket.Guards) []loket.Role {
		if h := l.Holder(s, g); h.Role != "" && (code == "" || lifecycleOf(services, code) == l) {
			return []loket.Role{h.Role}
		}
		return nil
	})
	return stageName{Status: s, Next: st.Next, Roles: holders}
}

// transitionOf is action's row in service code's table; for code "" the first
// table that has it.
func transitionOf(services Services, action loket.Action, code string) (loket.Transition, bool) {
	if code != "" {
		return lifecycleOf(services, code).Transition(action)
	}
	for _, l := range loket.Lifecycles {
		if t, ok := l.Transition(action); ok {
			return t, true
		}
	}
	return loket.Transition{}, false
}

// followed returns the tables some service of the catalog follows, in
// loket.Lifecycles' order; the default for an empty catalog.
func followed(services Services) []*loket.Lifecycle {
	var out []*loket.Lifecycle
	for _, l := range loket.Lifecycles {
		if len(codesOf(services, l)) > 0 {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return loket.Lifecycles[:1]
	}
	return out
}

// codesOf lists the codes of the services whose requests follow l.
func codesOf(services Services, l *loket.Lifecycle) []string {
	var codes []string
	for _, code := range services.Codes() {
		if lifecycleOf(services, code) == l {
			codes = append(codes, code)
		}
	}
	return codes
}
