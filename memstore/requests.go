package memstore

import (
	"context"
	"slices"
	"time"

	"github.com/uns-dtik/loket"
)

// FileRequest implements loket.ApplicantRequests: checks first, so a refused filing
// changes nothing, as the store's rolled-back transaction does.
func (db *DB) FileRequest(_ context.Context, n loket.NewRequest, now time.Time, announce loket.Announcer) (*loket.Request, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if r := db.find(func(r *request) bool { return r.draftID == n.DraftID }); r != nil {
		return db.withLetter(r), nil
	}
	if err := db.claimUnique(n, 0); err != nil {
		return nil, err
	}
	l, err := db.draftLetter(n, 0)
	if err != nil {
		return nil, err
	}
	now = stamp(now)
	key := counterKey{n.Service, now.In(loket.Jakarta).Year()}
	db.counters[key]++
	r := &request{draftID: n.DraftID, Request: loket.Request{
		ID: int64(len(db.requests) + 1), Ref: loket.FormatRef(key.service, key.year, db.counters[key]),
		Service: n.Service, Chat: n.Chat, Phone: n.Phone, Name: n.Name, Lang: n.Lang, Status: loket.StatusSubmitted,
		Fields: slices.Clone(n.Fields), Period: period(n.Period), Waiting: db.claimDays(n, 0), CreatedAt: now, UpdatedAt: now}}
	db.requests = append(db.requests, r)
	if l != nil {
		l.requestID = r.ID
	}
	db.events = append(db.events, event{r.ID, loket.Event{At: now, Actor: loket.ApplicantActor(n.Phone, n.Chat),
		Role: loket.ApplicantRole, To: loket.StatusSubmitted}})
	announced := db.withLetter(r)
	announced.Status = "" // a new request comes from no status
	db.announce(announced, announce, now)
	return db.withLetter(r), nil
}

// claimUnique refuses n when a claiming request other than except holds the value
// of one of its unique fields.
func (db *DB) claimUnique(n loket.NewRequest, except int64) error {
	for _, key := range n.Unique {
		value := ""
		for _, f := range n.Fields {
			if f.Key == key {
				value = f.Value
			}
		}
		if value != "" && db.fieldTaken(key, value, except) {
			return &loket.TakenError{Key: key, Value: value}
		}
	}
	return nil
}

// announce writes announce's notifications of r, with the staff as they are now.
func (db *DB) announce(r *loket.Request, announce loket.Announcer, now time.Time) {
	if announce != nil {
		db.addOutbox(r.ID, announce(r, db.listStaff()), now)
	}
}

// ChatRequest implements loket.ApplicantRequests.
func (db *DB) ChatRequest(_ context.Context, chat, ref string) (*loket.Request, error) {
	return db.one(func(r *request) bool { return r.Ref == ref && r.Chat == chat })
}

// ChatRequests implements loket.ApplicantRequests.
func (db *DB) ChatRequests(_ context.Context, chat string, limit int) ([]*loket.Request, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if limit <= 0 {
		return nil, nil // SQL's LIMIT 0
	}
	return db.list(func(r *request) bool { return r.Chat == chat }, newestFirst, limit), nil
}

// Timeline implements loket.ApplicantRequests and loket.DeskRequests.
func (db *DB) Timeline(_ context.Context, requestID int64) ([]loket.Event, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	var out []loket.Event
	for _, e := range db.events {
		if e.requestID == requestID {
			out = append(out, e.Event)
		}
	}
	return out, nil
}

// FieldTaken implements loket.ApplicantRequests.
func (db *DB) FieldTaken(_ context.Context, key, value string, except int64) (bool, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.fieldTaken(key, value, except), nil
}

func (db *DB) fieldTaken(key, value string, except int64) bool {
	claiming := in(loket.Requests.Claiming())
	return db.find(func(r *request) bool {
		return r.ID != except && claiming(r) && slices.ContainsFunc(r.Fields, func(f loket.Field) bool {
			return f.Key == key && f.Value == value
		})
	}) != nil
}

// RequestByRef implements loket.DeskRequests.
func (db *DB) RequestByRef(_ context.Context, ref string) (*loket.Request, error) {
	return db.one(func(r *request) bool { return r.Ref == ref })
}

// RequestByMessageID implements loket.DeskRequests: the message IDs are those
// Outbox lists.
func (db *DB) RequestByMessageID(_ context.Context, msgID string) (*loket.Request, error) {
	return db.one(func(r *request) bool {
		return slices.ContainsFunc(db.outbox, func(s Sent) bool { return s.MsgID == msgID && s.RequestID == r.ID })
	})
}

// one returns the request ok accepts, with its letter, or loket.ErrNotFound.
func (db *DB) one(ok func(*request) bool) (*loket.Request, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	r := db.find(ok)
	if r == nil {
		return nil, loket.ErrNotFound
	}
	return db.withLetter(r), nil
}

// Queue implements loket.DeskRequests.
func (db *DB) Queue(_ context.Context, statuses []loket.Status, assignee string, limit int) ([]*loket.Request, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	inQueue := in(statuses)
	return db.list(func(r *request) bool { return inQueue(r) && (assignee == "" || r.Assignee == assignee) },
		func(a, b *request) int {
			if c := a.UpdatedAt.Compare(b.UpdatedAt); c != 0 {
				return c
			}
			return int(a.ID - b.ID)
		}, limit), nil
}

// MoveRequest implements loket.LifecycleStore.
func (db *DB) MoveRequest(_ context.Context, m loket.Move) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	r := db.byID(m.RequestID)
	if r == nil || r.Status != m.From {
		return loket.ErrMoved
	}
	at := stamp(m.At)
	r.Status, r.UpdatedAt = m.To, at
	if m.Assignee != "" {
		r.Assignee = m.Assignee
	}
	db.events = append(db.events, event{r.ID, loket.Event{At: at, Actor: m.Actor, Role: m.Role, From: m.From, To: m.To, Note: m.Note}})
	if _, asked := db.surveys[r.ID]; m.AskQuestionnaire && !asked {
		db.surveys[r.ID] = &questionnaire{chat: r.Chat, askedAt: at}
	}
	db.addOutbox(r.ID, m.Notify, at)
	return nil
}

// ResubmitRequest implements loket.LifecycleStore, checking in the store's order:
// unique fields, then the request's chat and status, then the letter.
func (db *DB) ResubmitRequest(_ context.Context, n loket.NewRequest, m loket.Move, announce loket.Announcer) (*loket.Request, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if err := db.claimUnique(n, m.RequestID); err != nil {
		return nil, err
	}
	r := db.byID(m.RequestID)
	if r == nil || r.Chat != n.Chat {
		return nil, loket.ErrMoved
	}
	if r.Status != m.From {
		if n.DraftID != "" && r.resubmittedDraft == n.DraftID {
			return db.withLetter(r), nil // this draft was resubmitted already
		}
		return nil, loket.ErrMoved
	}
	l, err := db.draftLetter(n, r.ID)
	if err != nil {
		return nil, err
	}
	at := stamp(m.At)
	r.Fields, r.Status, r.UpdatedAt, r.resubmittedDraft = slices.Clone(n.Fields), m.To, at, n.DraftID
	r.Period, r.Waiting = period(n.Period), db.claimDays(n, r.ID)
	if l != nil {
		l.requestID = r.ID
	}
	db.events = append(db.events, event{r.ID, loket.Event{At: at, Actor: m.Actor, Role: m.Role, From: m.From, To: m.To}})
	announced := db.withLetter(r)
	announced.Status = m.From // the announcer is told where it comes from
	db.announce(announced, announce, at)
	return db.withLetter(r), nil
}
