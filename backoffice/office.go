package backoffice

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/looplab/fsm"

	"github.com/uns-dtik/loket"
)

// Store is what the back office needs of storage, by concern: the staff directory it
// reads and changes, the requests as staff see them, the lifecycle's moves, the
// notifications no move causes, and the reports (store.DB satisfies it; memstore.DB
// in unit tests). One value serves them all, so it is one field.
type Store interface {
	loket.StaffStore
	loket.DeskRequests
	loket.LifecycleStore
	loket.Notifier
	loket.ReportStore
	loket.LicencePool
}

// Services is what the back office needs to know of the catalog
// (conversation.Catalog satisfies it).
type Services interface {
	ServiceTitle(code string, lang loket.Lang) string
	FieldLabel(code, key string, lang loket.Lang) string
	ResultText(r *loket.Request, lang loket.Lang) string
	Question(step int, ref string, lang loket.Lang) string
	// SLADays is the service's target in working days (0: none).
	SLADays(code string) int
	// Approvers are the roles that approve the service's requests, in order (see
	// loket.ApproverGuards); nil for the SOPs' admin then pimpinan.
	Approvers(code string) []loket.Role
	// Codes lists every service's code.
	Codes() []string
	// ApplicantName is the name r's form gives its applicant, "" when it gives none.
	ApplicantName(r *loket.Request) string
	// Capacity is how many of the service's requests a day holds (its licences); 0
	// for no limit.
	Capacity(code string) int
	// Lifecycle is the table the service's requests follow (loket.Lifecycles): the
	// default, requests, for a code not in the catalog.
	Lifecycle(code string) *loket.Lifecycle
}

// Office applies staff commands. Set the fields; Now has a default. Who may do
// what to a service's requests comes from its catalog approvers (Services).
type Office struct {
	Store    Store
	Services Services
	Calendar Calendar
	Now      func() time.Time
	machines machines
}

func (o *Office) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// step fires action on r through the machine of r's service.
func (o *Office) step(ctx context.Context, r *loket.Request, action loket.Action, a *actor) (loket.Status, error) {
	return o.machines.of(o.Services, r.Service).step(ctx, r, action, a)
}

// mayEver reports whether s may fire action on the requests of some service.
func (o *Office) mayEver(s *loket.Staff, action loket.Action) bool {
	if loket.DefaultGuards.Allow(s, action) {
		return true // a request of a service no longer in the catalog
	}
	for _, code := range o.Services.Codes() {
		if guardsOf(o.Services, code).Allow(s, action) {
			return true
		}
	}
	return false
}

// Serve applies msg if it is for the back office — a text starting with "/" from a
// registered staff number, or an applicant's "batal <reference>" — and returns the
// answer to the sender (served). Anything else, from staff too, is an ordinary
// applicant message: it is left for the dialog, untouched. The staff record read to
// decide is the one the command runs with, so a command costs one read of it.
func (o *Office) Serve(ctx context.Context, msg loket.Message) (replies []loket.Reply, served bool, err error) {
	if _, ok := applicantCancel(msg); ok {
		replies, err = o.apply(ctx, msg, nil)
		return replies, true, err
	}
	if msg.Kind != loket.KindText || msg.Phone == "" || !strings.HasPrefix(strings.TrimSpace(msg.Text), "/") {
		return nil, false, nil
	}
	me, err := o.Store.StaffByPhone(ctx, msg.Phone)
	switch {
	case errors.Is(err, loket.ErrNotFound):
		return nil, false, nil
	case err != nil:
		return nil, false, err
	}
	replies, err = o.apply(ctx, msg, me)
	return replies, true, err
}

// MaxNote is the longest note, reason or search a staff command takes, in characters.
const MaxNote = 1000

// Handle applies one staff command, or an applicant's cancellation, and returns the
// answer to the sender; the sender of a command must be staff. Changes go to
// PostgreSQL with their notifications and the answer in one transaction, so a
// command handled again after a crash is answered from that record, not applied
// twice. The bot goes through Serve, which also tells which messages are the desk's.
func (o *Office) Handle(ctx context.Context, msg loket.Message) ([]loket.Reply, error) {
	var me *loket.Staff
	if _, cancel := applicantCancel(msg); !cancel {
		var err error
		if me, err = o.Store.StaffByPhone(ctx, msg.Phone); err != nil {
			return nil, err
		}
	}
	return o.apply(ctx, msg, me)
}

// apply runs msg for me, the sender's staff record (nil for an applicant's
// cancellation), and returns the answer.
func (o *Office) apply(ctx context.Context, msg loket.Message, me *loket.Staff) ([]loket.Reply, error) {
	h := &handling{o: o, msg: msg, me: me}
	var err error
	if ref, ok := applicantCancel(msg); ok {
		err = h.cancel(ctx, ref)
	} else {
		err = h.run(ctx)
	}
	if err != nil {
		return nil, err
	}
	return h.out, nil
}

// handling is one staff command being applied.
type handling struct {
	o   *Office
	me  *loket.Staff
	msg loket.Message
	out []loket.Reply
}

func (h *handling) reply(text string) {
	h.out = append(h.out, loket.Reply{Chat: h.msg.Chat, Text: text})
}

// handled is this command's record for a change it writes: the replies so far plus
// final (the answer to give once the change is committed, if any), which the
// change's transaction records with it.
func (h *handling) handled(final ...string) *loket.Handled {
	replies := append([]loket.Reply(nil), h.out...)
	for _, text := range final {
		replies = append(replies, loket.Reply{Chat: h.msg.Chat, Text: text})
	}
	return &loket.Handled{Seq: h.msg.Seq, Replies: replies}
}

func (h *handling) run(ctx context.Context) error {
	c, ok := parseCommand(h.msg.Text)
	if !ok {
		h.reply(say(unknownCommand{Command: "/" + c.name}))
		return nil
	}
	switch c.name {
	case "bantuan":
		h.reply(h.help())
		return nil
	case "antrian":
		return h.queue(ctx)
	case "staf":
		return h.staffCommand(ctx, c)
	case "cari":
		return h.search(ctx, c)
	case "statistik":
		return h.stats(ctx)
	case "kalender":
		return h.licenceCalendar(ctx, c.args)
	}
	if c.action != "" && !h.o.mayGive(h.me, c.commandSpec) {
		// Someone who may never give this command learns that first, before any
		// reference, reason or state of the request.
		h.reply(say(refusal(h.o.Services, c.action, "")))
		return nil
	}
	if n := utf8.RuneCountInString(c.args); n > MaxNote {
		// A note is forwarded to the applicant or a colleague and kept in the audit trail.
		h.reply(say(noteTooLong{Length: n, Max: MaxNote}))
		return nil
	}
	r, err := h.request(ctx, c)
	if err != nil || r == nil {
		return err
	}
	switch c.name {
	case "lihat":
		return h.show(ctx, r)
	case "verifikasi":
		return h.move(ctx, r, loket.ActionVerify, c.args, "")
	case "tolak":
		if c.args == "" {
			h.reply(say(reasonRequired{}))
			return nil
		}
		return h.move(ctx, r, loket.ActionReject, c.args, "")
	case "revisi":
		if c.args == "" {
			h.reply(say(revisionNoteRequired{}))
			return nil
		}
		return h.move(ctx, r, loket.ActionRevise, c.args, "")
	case "disposisi":
		return h.dispose(ctx, r, c.args)
	case "selesai":
		return h.move(ctx, r, loket.ActionDone, c.args, "")
	case "tanggapi":
		return h.answer(ctx, r, c.args)
	}
	return nil
}

// request finds the request a command is about: its reference, or the message the
// command quotes (quote.go). It replies and returns nil when there is none. Its
// licence mark is brought up to date (freshWaiting): staff read it in /lihat and in
// what a move tells them.
func (h *handling) request(ctx context.Context, c command) (*loket.Request, error) {
	r, err := h.findRequest(ctx, c)
	if r != nil && err == nil {
		err = h.o.freshWaiting(ctx, r)
	}
	return r, err
}

func (h *handling) findRequest(ctx context.Context, c command) (*loket.Request, error) {
	switch {
	case c.ref != "":
	case h.msg.QuotedID != "":
		return h.quotedRequest(ctx, c)
	default:
		h.reply(say(refRequired{Command: c.typed}))
		return nil, nil
	}
	r, err := h.o.Store.RequestByRef(ctx, c.ref)
	if errors.Is(err, loket.ErrNotFound) {
		h.reply(say(refUnknown{Ref: c.ref}))
		return nil, nil
	}
	return r, err
}

// move fires action on r as the sender and persists it with its notifications. A
// wrong role, a wrong state, or someone else acting first each get their own answer.
func (h *handling) move(ctx context.Context, r *loket.Request, action loket.Action, note, assignee string) error {
	a := &actor{Staff: h.me}
	to, err := h.o.step(ctx, r, action, a)
	if err != nil {
		return h.refused(ctx, r, action, err)
	}
	if assignee != "" {
		r.Assignee = assignee
	}
	staff, err := h.o.Store.ListStaff(ctx)
	if err != nil {
		return err
	}
	moved := say(moveDone{Ref: r.Ref, Status: to})
	m := loket.Move{RequestID: r.ID, From: r.Status, To: to, Actor: h.me.Phone, Role: string(a.Role), Note: note,
		Assignee: assignee, At: h.o.now(), AskQuestionnaire: lifecycleOf(h.o.Services, r.Service).Served(to),
		Notify: h.o.notifications(r, to, note, h.me, staff), Handled: h.handled(moved)}
	if err := h.o.Store.MoveRequest(ctx, m); errors.Is(err, loket.ErrMoved) {
		// Someone else moved it between our read and our write: say who.
		fresh, ferr := h.o.Store.RequestByRef(ctx, r.Ref)
		if ferr != nil {
			return ferr
		}
		return h.refused(ctx, fresh, action, fsm.InvalidEventError{Event: string(action), State: string(fresh.Status)})
	} else if err != nil {
		return err
	}
	h.reply(moved)
	return nil
}

// refused explains why a command was not applied.
func (h *handling) refused(ctx context.Context, r *loket.Request, action loket.Action, err error) error {
	var invalid fsm.InvalidEventError
	switch {
	case errors.Is(err, errWrongRole):
		h.reply(say(refusal(h.o.Services, action, r.Service)))
	case errors.Is(err, errNotAssignee):
		h.reply(say(notAssigned(h.o.Services, r, action)))
	case errors.Is(err, errNotInLifecycle):
		h.reply(say(h.o.notInLifecycle(r, action)))
	case errors.As(err, &invalid) && lifecycleOf(h.o.Services, r.Service).Premature(r.Status, action):
		h.reply(say(tooEarly(h.o.Services, r, action)))
	case errors.As(err, &invalid):
		last, lerr := h.lastEvent(ctx, r)
		if lerr != nil {
			return lerr
		}
		h.reply(say(wrongState{Ref: r.Ref, Status: r.Status, Last: last}))
	default:
		return err
	}
	return nil
}

// lastEvent describes who last moved r, and when: "oleh Rina pada 23 Nov 2026 10.15 WIB".
func (h *handling) lastEvent(ctx context.Context, r *loket.Request) (string, error) {
	events, err := h.o.Store.Timeline(ctx, r.ID)
	if err != nil || len(events) == 0 {
		return "", err
	}
	e := events[len(events)-1]
	who := h.o.nameOf(ctx, e.Actor)
	if e.Role == loket.ApplicantRole {
		who = say(applicantActor{})
	}
	return say(byAt{Who: who, At: e.At}), nil
}

// nameOf returns a staff member's name for a number, or the number.
func (o *Office) nameOf(ctx context.Context, phone string) string {
	if s, err := o.Store.StaffByPhone(ctx, phone); err == nil {
		return s.Name
	}
	return phone
}
