package conversation

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/looplab/fsm"
)

// The dialog machines' events. Those ending in ":" take a field key or a service code.
const (
	evStart       = "start"   // idle → the first field of a new draft
	evReopen      = "reopen"  // idle → the summary of a request sent back for revision
	evReopenAt    = "reopen:" // idle → a field the admin's note names, of such a request
	evAnswer      = "answer"  // a field answered → the next one, or the summary
	evRefuse      = "refuse"  // "no" to a confirm field → idle
	evBack        = "back"    // → the previous field (from a field asked again: the summary)
	evChange      = "change:" // summary → a field asked again, its answer kept (ubah N)
	evReask       = "reask:"  // → a field asked again, its answer dropped (stale, or invalidated)
	evSubmit      = "submit"  // summary → sending
	evFiled       = "filed"   // sending → idle
	evResubmitted = "resubmitted"
	evTooLate     = "too_late" // sending a revision the admins no longer wait for → idle
	evCancel      = "cancel"   // → the pending question "drop the draft?"
	evPause       = "pause"    // → "continue or start again?" after a long pause
	evMenu        = "menu"     // → the menu shown: the next number chooses a service
	evStay        = "stay"     // menu shown, and the message is no choice → where it was
	evInfo        = "info"     // lobby → "which service's information?": the next number answers
	evSwitch      = "switch:"  // menu shown, another service chosen → "drop the draft?"
	evYes         = "yes"      // draft dropped (cancel or switch confirmed) → idle
	evNo          = "no"       // draft kept → where it was
	evContinue    = "continue"
	evRestart     = "restart" // the draft dropped to start it again → idle
	evDrop        = "drop"    // the draft given up for another one (perbaiki REF) → idle
)

// definition is a dialog machine as data: built once per service (and once for the
// lobby, where a chat without a draft is) when the catalog loads. An fsm.FSM holds
// its current state, so one instance serves one turn at a time: turns take an
// instance from the pool, set it to the session's state, fire, and put it back.
// Instances are built from the shared events, so a new one costs a map build and no
// more; the pool keeps them from being built per message.
type definition struct {
	svc    *Service // nil for the lobby
	events fsm.Events
	states map[string]bool
	pool   sync.Pool
}

// machine is one instance of a definition. Its callbacks reach the turn being
// applied through t, set for the length of one event.
type machine struct {
	fsm *fsm.FSM
	t   *turn
}

// errNoAnswer is the answer event's guard refusing: no validated answer to the field
// being asked is at hand. It is a programming error, not the applicant's.
var errNoAnswer = errors.New("conversation: answer event without a validated answer")

// newDefinition builds the machine of svc (nil: the lobby); others are the codes of
// the services the menu can switch to from svc's draft.
func newDefinition(svc *Service, others []string) *definition {
	d := &definition{svc: svc, states: map[string]bool{}}
	seen := map[[2]string]string{}
	add := func(event string, src, dst state) {
		s, t := src.String(), dst.String()
		if prev, ok := seen[[2]string{event, s}]; s == t || ok && prev != t {
			// A self-transition would come back as fsm.NoTransitionError, and a second
			// target would make the table ambiguous: both are mistakes here.
			panic(fmt.Sprintf("conversation: transition %s from %s to %s", event, s, t))
		}
		seen[[2]string{event, s}] = t
		d.events = append(d.events, fsm.EventDesc{Name: event, Src: []string{s}, Dst: t})
		d.states[s], d.states[t] = true, true
	}
	lobbyMenu, lobbyInfo := idle.asking(pendMenu, ""), idle.asking(pendInfo, "")
	if svc == nil {
		add(evMenu, idle, lobbyMenu)
		add(evStay, lobbyMenu, idle)
		add(evInfo, idle, lobbyInfo)
		add(evStay, lobbyInfo, idle)
	} else {
		draftTransitions(svc, others, add)
	}
	d.pool.New = func() any { return d.newMachine() }
	d.pool.Put(d.newMachine()) // built now, so a bad table fails at catalog load
	return d
}

// draftTransitions adds svc's draft: its fields in order, asked again from the
// summary, filed, and the pending questions that can interrupt any step.
func draftTransitions(svc *Service, others []string, add func(string, state, state)) {
	fields := svc.Fields
	add(evStart, idle, state{step: stepAsk, key: fields[0].Key})
	revision := state{revision: true}
	add(evReopen, idle, revision.review())
	for _, f := range fields {
		add(evReopenAt+f.Key, idle, revision.edit(f.Key))
	}
	for _, mode := range []state{{}, revision} {
		var steps []state
		for i, f := range fields {
			ask, edit := mode.ask(f.Key), mode.edit(f.Key)
			next := mode.review()
			if i+1 < len(fields) {
				next = mode.ask(fields[i+1].Key)
			}
			add(evAnswer, ask, next)
			add(evAnswer, edit, mode.review())
			if i > 0 {
				add(evBack, ask, mode.ask(fields[i-1].Key))
			}
			add(evBack, edit, mode.review())
			add(evChange+f.Key, mode.review(), edit)
			add(evReask+f.Key, mode.sending(), edit)
			if f.After != "" { // a changed start date can invalidate the end date
				add(evReask+f.Key, mode.edit(f.After), edit)
			}
			if f.kind.Refusable {
				add(evRefuse, ask, idle)
				add(evRefuse, edit, idle)
			}
			steps = append(steps, ask, edit)
		}
		review := mode.review()
		steps = append(steps, review)
		add(evBack, review, mode.ask(fields[len(fields)-1].Key))
		add(evSubmit, review, mode.sending())
		if mode.revision {
			add(evResubmitted, mode.sending(), idle)
			add(evTooLate, mode.sending(), idle)
		} else {
			add(evFiled, mode.sending(), idle)
		}
		for _, s := range steps {
			pendingTransitions(s, others, add)
		}
	}
}

// pendingTransitions adds the questions that can interrupt step s, and their answers.
func pendingTransitions(s state, others []string, add func(string, state, state)) {
	cancel, resume, menu := s.asking(pendCancel, ""), s.asking(pendResume, ""), s.asking(pendMenu, "")
	add(evCancel, s, cancel)
	add(evYes, cancel, idle)
	add(evNo, cancel, s)
	add(evPause, s, resume)
	add(evContinue, resume, s)
	add(evRestart, resume, idle)
	add(evCancel, resume, cancel)
	add(evMenu, s, menu)
	add(evStay, menu, s)
	all := []state{s, cancel, resume, menu}
	for _, code := range others {
		sw := s.asking(pendSwitch, code)
		add(evSwitch+code, menu, sw)
		add(evYes, sw, idle)
		add(evNo, sw, s)
		all = append(all, sw)
	}
	for _, st := range all {
		add(evDrop, st, idle)
	}
}

// newMachine builds an instance. Its callbacks: the state is written to the session
// on entering it, and entering idle ends the draft; starting begins one; asking a
// field again to replace its answer drops the old one. The answer event's guard only
// decides: a validated answer to the field being asked must be at hand.
func (d *definition) newMachine() *machine {
	m := &machine{}
	callbacks := fsm.Callbacks{
		"enter_state": func(_ context.Context, e *fsm.Event) { m.t.entered(e.Dst) },
		"before_" + evAnswer: func(_ context.Context, e *fsm.Event) {
			if a := m.t.answer; a == nil || a.Key != parseState(e.Src).key {
				e.Cancel(errNoAnswer)
			}
		},
	}
	if svc := d.svc; svc != nil {
		callbacks["after_"+evStart] = func(context.Context, *fsm.Event) { m.t.s.newDraft(svc.Code, newDraftID()) }
		for _, f := range svc.Fields {
			key := f.Key
			callbacks["after_"+evReask+key] = func(context.Context, *fsm.Event) { delete(m.t.s.Answers, key) }
		}
	}
	m.fsm = fsm.NewFSM(stepIdle, d.events, callbacks)
	return m
}

// has reports whether name is one of the machine's states.
func (d *definition) has(name string) bool { return d.states[name] }

// notNowError is an event the machine has no transition for in the current state:
// the applicant is answered (notNow) and the dialog stays where it was.
type notNowError struct{ event, state string }

func (e *notNowError) Error() string {
	return fmt.Sprintf("conversation: %s is not possible in state %s", e.event, e.state)
}

// definition returns the machine of the session's draft, or the lobby's.
func (t *turn) definition() *definition {
	if svc := t.c.Catalog.Service(t.s.Service); svc != nil {
		return svc.machine
	}
	return t.c.Catalog.lobby
}

// fire applies event to the session with the machine of its draft (or the lobby).
func (t *turn) fire(ctx context.Context, event string) error {
	return t.fireIn(ctx, t.definition(), event)
}

// fireIn applies event to the session with d's machine: the machine decides the next
// state and its callbacks write it to the session. A transition the machine does not
// have comes back as *notNowError with the session untouched; a guard's refusal as
// its reason.
func (t *turn) fireIn(ctx context.Context, d *definition, event string) error {
	m := d.pool.Get().(*machine)
	m.t = t
	m.fsm.SetState(t.s.State)
	// The event's callbacks do no I/O, so the turn's deadline need not reach them:
	// looplab/fsm leaves a transition its context cut short "in progress", and the
	// instance would fail every later turn that drew it from the pool. One left so
	// all the same (a panic in a callback) is not put back.
	err := m.fsm.Event(context.WithoutCancel(ctx), event)
	m.t = nil
	if !errors.As(err, new(fsm.InTransitionError)) {
		d.pool.Put(m)
	}
	var invalid fsm.InvalidEventError
	var unknown fsm.UnknownEventError
	var cancelled fsm.CanceledError
	switch {
	case errors.As(err, &invalid), errors.As(err, &unknown):
		return &notNowError{event: event, state: t.s.State}
	case errors.As(err, &cancelled):
		return cancelled.Err
	}
	return err
}

// entered is told the state the machine entered.
func (t *turn) entered(name string) {
	t.s.State = name
	if name == stepIdle {
		t.s.clearDraft()
	}
}

// state is the session's state taken apart.
func (t *turn) state() state { return parseState(t.s.State) }

// notNow answers an event the current step does not allow, and leaves the dialog
// where it was.
func (t *turn) notNow(e *notNowError) {
	t.c.log().Info("dialog event not possible here", "event", e.event, "state", e.state)
	switch e.event {
	case evBack:
		t.reply(t.say(backFirst{}), t.whereWeAre())
	case evCancel:
		t.reply(t.say(nothingToCancel{}))
	default:
		t.reply(t.say(notNow{}), t.whereWeAre())
	}
}

// buildMachines builds the lobby's machine and each service's, once per catalog.
func (c *Catalog) buildMachines() {
	c.lobby = newDefinition(nil, nil)
	for _, s := range c.Services {
		var others []string
		for _, o := range c.Services {
			if o != s {
				others = append(others, o.Code)
			}
		}
		s.machine = newDefinition(s, others)
	}
}
