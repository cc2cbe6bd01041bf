package conversation

import "strings"

// A dialog state is a string the machines know, kept in Session.State. Its parts:
//
//	[revision/]<step>[?<pending>]
//
// step is "idle" (no draft), "ask:<key>" (a field asked in order), "edit:<key>" (a
// field asked again from the summary: its answer leads back there), "review" (the
// summary) or "sending" (filing, never saved: the turn that enters it leaves it).
// The "revision/" prefix marks a draft that corrects a request an admin sent back:
// sending it resubmits that request. pending is a question the next message answers
// instead of the step's: "cancel" (drop the draft?), "resume" (continue after a long
// pause, or start again?), "menu" (the menu was shown: a number chooses a service) or
// "switch:<code>" (drop the draft and start service code?). Answering it returns to
// the step, or ends the draft.
const (
	stepIdle    = "idle"
	stepAsk     = "ask"
	stepEdit    = "edit"
	stepReview  = "review"
	stepSending = "sending"

	revisionPrefix = "revision/"

	pendCancel = "cancel"
	pendResume = "resume"
	pendMenu   = "menu"
	pendSwitch = "switch"
	pendInfo   = "info" // the lobby only: after a bare `info`, a number names the service
)

// state is a dialog state taken apart. The zero value is not a state; parseState and
// String convert.
type state struct {
	// revision is set while the draft corrects a request sent back for revision.
	revision bool
	// step is one of the step* constants; key the field of stepAsk and stepEdit.
	step, key string
	// pending is "" or one of the pend* constants; target the service of pendSwitch.
	pending, target string
}

// idle is the state without a draft.
var idle = state{step: stepIdle}

// parseState takes a state apart. The empty string, which sessions saved before the
// states were named held when there was no draft, is idle.
func parseState(s string) state {
	var st state
	if rest, ok := strings.CutPrefix(s, revisionPrefix); ok {
		st.revision, s = true, rest
	}
	s, pending, _ := strings.Cut(s, "?")
	st.pending, st.target, _ = strings.Cut(pending, ":")
	st.step, st.key, _ = strings.Cut(s, ":")
	if st.step == "" {
		st.step = stepIdle
	}
	return st
}

// String is the state's name in the machines and in the session.
func (st state) String() string {
	var b strings.Builder
	if st.revision {
		b.WriteString(revisionPrefix)
	}
	b.WriteString(st.step)
	if st.key != "" {
		b.WriteString(":" + st.key)
	}
	if st.pending != "" {
		b.WriteString("?" + st.pending)
		if st.target != "" {
			b.WriteString(":" + st.target)
		}
	}
	return b.String()
}

// base is the state with its pending question answered: where the dialog returns.
func (st state) base() state {
	st.pending, st.target = "", ""
	return st
}

// asking returns the state with the pending question p (target for pendSwitch).
func (st state) asking(p, target string) state {
	st.pending, st.target = p, target
	return st
}

// drafting reports whether the state holds a draft.
func (st state) drafting() bool { return st.step != stepIdle }

// ask, edit and review build a draft's states in st's mode (new or revision).
func (st state) ask(key string) state  { return state{revision: st.revision, step: stepAsk, key: key} }
func (st state) edit(key string) state { return state{revision: st.revision, step: stepEdit, key: key} }
func (st state) review() state         { return state{revision: st.revision, step: stepReview} }
func (st state) sending() state        { return state{revision: st.revision, step: stepSending} }

// field is the key of the field the state asks, "" when it asks none.
func (st state) field() string {
	if st.step == stepAsk || st.step == stepEdit {
		return st.key
	}
	return ""
}

// migrateState names the state of a session saved before the states were named,
// when a draft's state was "ask:<key>" or "review" and the rest lay beside it:
// editing (a field asked from the summary), pending ("cancel", "resume", "menu" or
// "switch:<code>") and revisionOf. A state already named passes unchanged.
func migrateState(old string, editing bool, pending string, revisionOf int64) string {
	st := parseState(old)
	if editing && st.step == stepAsk {
		st.step = stepEdit
	}
	if revisionOf != 0 && st.drafting() {
		st.revision = true
	}
	if pending != "" && st.pending == "" {
		st.pending, st.target, _ = strings.Cut(pending, ":")
	}
	return st.String()
}
