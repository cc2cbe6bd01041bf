package conversation

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/uns-dtik/loket"
)

func TestMigrateState(t *testing.T) {
	cases := []struct {
		old        string
		editing    bool
		pending    string
		revisionOf int64
		want       string
	}{
		{"", false, "", 0, "idle"},
		{"", false, "menu", 0, "idle?menu"},
		{"ask:nip", false, "", 0, "ask:nip"},
		{"ask:nip", true, "", 0, "edit:nip"},
		{"ask:nip", false, "cancel", 0, "ask:nip?cancel"},
		{"review", false, "switch:EM", 0, "review?switch:EM"},
		{"ask:end_date", true, "resume", 7, "revision/edit:end_date?resume"},
		{"review", false, "", 7, "revision/review"},
		// Already named: unchanged.
		{"revision/edit:end_date?switch:ZM", false, "", 7, "revision/edit:end_date?switch:ZM"},
		{"idle", false, "", 0, "idle"},
	}
	for _, c := range cases {
		if got := migrateState(c.old, c.editing, c.pending, c.revisionOf); got != c.want {
			t.Errorf("migrateState(%q, %v, %q, %d) = %q, want %q", c.old, c.editing, c.pending, c.revisionOf, got, c.want)
		}
		if got := parseState(c.want).String(); got != c.want {
			t.Errorf("parseState(%q).String() = %q", c.want, got)
		}
	}
}

// testTurn is a turn on a session of service code at state, with no store: enough
// for the machine and the rendering.
func testTurn(t *testing.T, code, st string) *turn {
	t.Helper()
	cat, err := LoadCatalog("")
	if err != nil {
		t.Fatal(err)
	}
	s := &Session{Lang: loket.Indonesian, Service: code, State: st, Answers: map[string]loket.Field{}}
	return &turn{c: &Conversation{Catalog: cat}, s: s}
}

// TestEventWithoutTransitionIsAnswered: an event the machine has no transition for in
// the current state is neither swallowed nor an error: the applicant is told, and
// the state is unchanged.
func TestEventWithoutTransitionIsAnswered(t *testing.T) {
	ctx := context.Background()
	for _, event := range []string{evSubmit, evFiled, evYes, evChange + "nope", "no such event"} {
		tr := testTurn(t, "ZM", "ask:nip")
		err := tr.fire(ctx, event)
		var notNow *notNowError
		if !errors.As(err, &notNow) {
			t.Fatalf("%s at ask:nip: %v, want a notNowError", event, err)
		}
		tr.notNow(notNow)
		if tr.s.State != "ask:nip" || tr.s.Service != "ZM" {
			t.Fatalf("%s moved the dialog to %s %q", event, tr.s.Service, tr.s.State)
		}
		if len(tr.out) != 1 || !strings.Contains(tr.out[0].Text, "tidak berlaku pada langkah ini") || !strings.Contains(tr.out[0].Text, "Langkah 3 dari 11") {
			t.Fatalf("%s answered %+v", event, tr.out)
		}
	}
}

// TestAnswerGuardWantsAValidatedAnswer: the answer event's guard lets no answer pass
// that was not validated for the field being asked.
func TestAnswerGuardWantsAValidatedAnswer(t *testing.T) {
	ctx := context.Background()
	tr := testTurn(t, "ZM", "ask:nip")
	if err := tr.fire(ctx, evAnswer); !errors.Is(err, errNoAnswer) {
		t.Fatalf("answer without a value: %v", err)
	}
	tr.answer = &loket.Field{Key: "unit", Value: "x"}
	if err := tr.fire(ctx, evAnswer); !errors.Is(err, errNoAnswer) || tr.s.State != "ask:nip" {
		t.Fatalf("another field's answer: %v, state %s", err, tr.s.State)
	}
	tr.answer = &loket.Field{Key: "nip", Value: "198609262015051001"}
	if err := tr.fire(ctx, evAnswer); err != nil || tr.s.State != "ask:unit" {
		t.Fatalf("nip's answer: %v, state %s", err, tr.s.State)
	}
}

// TestMachinesAreSharedSafely: many chats at once use one service's machines, each
// at its own state (run with -race).
func TestMachinesAreSharedSafely(t *testing.T) {
	cat, err := LoadCatalog("")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Go(func() {
			svc := cat.Services[w%2]
			key := svc.Fields[1+w%3].Key
			tr := &turn{c: &Conversation{Catalog: cat}, s: &Session{Service: svc.Code, State: "ask:" + key}}
			for i := range 300 {
				for _, step := range []struct{ event, want string }{
					{evCancel, "ask:" + key + "?cancel"},
					{evNo, "ask:" + key},
					{evMenu, "ask:" + key + "?menu"},
					{evStay, "ask:" + key},
				} {
					if err := tr.fire(ctx, step.event); err != nil || tr.s.State != step.want {
						errs <- fmt.Errorf("worker %d round %d: %s led to %s (%v), want %s", w, i, step.event, tr.s.State, err, step.want)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestEveryStateLeadsBackOrOn: in every service's machine, each pending question can
// be answered back to its step, and every draft state can be left for idle.
func TestEveryStateLeadsBackOrOn(t *testing.T) {
	cat, err := LoadCatalog("")
	if err != nil {
		t.Fatal(err)
	}
	for _, svc := range cat.Services {
		for name := range svc.machine.states {
			st := parseState(name)
			if !st.drafting() || st.step == stepSending {
				continue
			}
			m := svc.machine.pool.Get().(*machine)
			m.fsm.SetState(name)
			if !m.fsm.Can(evDrop) {
				t.Errorf("%s: %s cannot be given up", svc.Code, name)
			}
			back := map[string]string{pendCancel: evNo, pendSwitch: evNo, pendResume: evContinue, pendMenu: evStay}[st.pending]
			if back != "" && !m.fsm.Can(back) {
				t.Errorf("%s: %s cannot return to %s", svc.Code, name, st.base())
			}
			svc.machine.pool.Put(m)
		}
	}
}

// TestAnEndedContextLeavesThePoolWhole: a turn whose context has ended (past its
// deadline, or at shutdown) still moves its session, and the pooled instance it used
// serves the next turn; looplab/fsm left such a transition "in progress", and the
// instance, put back, refused every later event that drew it.
func TestAnEndedContextLeavesThePoolWhole(t *testing.T) {
	tr := testTurn(t, "ZM", "ask:nip")
	done, cancel := context.WithCancel(context.Background())
	cancel()
	if err := tr.fire(done, evCancel); err != nil || tr.s.State != "ask:nip?cancel" {
		t.Fatalf("with its context ended: %s, %v", tr.s.State, err)
	}
	for range 20 { // the pool hands the same instance back on this goroutine
		if err := tr.fire(context.Background(), evNo); err != nil || tr.s.State != "ask:nip" {
			t.Fatalf("the next turn: %s, %v", tr.s.State, err)
		}
		if err := tr.fire(context.Background(), evCancel); err != nil {
			t.Fatalf("the next turn: %v", err)
		}
	}
}
