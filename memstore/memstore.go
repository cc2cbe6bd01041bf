// Package memstore keeps Loket's records in memory: the root's storage interfaces
// (loket.ApplicantRequests, loket.LifecycleStore, loket.StaffStore, loket.SessionStore
// …) without PostgreSQL or Redis, for the dialog's and the back office's unit tests.
//
// It promises the behaviour the rooms rely on — references ZM-YYYY-NNNN counted per
// service and Jakarta year, filing idempotent per draft, unique fields claimed, the
// optimistic from-status check of every move (loket.ErrMoved), the licence pool's
// days counted per day and the waiting mark decided at filing, questionnaires replayed
// per inbox message, sessions with versions (loket.ErrConflict) — and
// storetest.Contract runs the same checks on it and on store.DB. What it does not
// model: the inbox (a Move's or Notify's Handled replies are not kept), the outbox's
// delivery (Outbox lists what was written), the staff's LIDs, the simulator's journal,
// and the database's collation (names sort by bytes).
package memstore

import (
	"slices"
	"sync"
	"time"

	"github.com/uns-dtik/loket"
)

// DB is an in-memory store. The zero value is not usable; call New. It is safe for
// concurrent use: one lock makes every method one transaction.
type DB struct {
	mu       sync.Mutex
	requests []*request // by id, which is position + 1
	counters map[counterKey]int
	events   []event
	letters  []*letter // by id, which is position + 1; nil once dropped
	roster   map[string]bool
	staff    map[string]*person
	outbox   []Sent
	marks    map[string]time.Time
	surveys  map[int64]*questionnaire
}

// New returns an empty store.
func New() *DB {
	return &DB{counters: map[counterKey]int{}, staff: map[string]*person{}, marks: map[string]time.Time{},
		surveys: map[int64]*questionnaire{}}
}

// request is a filed request as stored: the record the rooms see, and the drafts
// that filed and last corrected it.
type request struct {
	loket.Request
	draftID, resubmittedDraft string
}

type counterKey struct {
	service string
	year    int
}

// event is one audit trail entry of a request.
type event struct {
	requestID int64
	loket.Event
}

// stamp is t as PostgreSQL gives it back: microseconds, no monotonic clock.
func stamp(t time.Time) time.Time { return t.Round(time.Microsecond) }

// byID returns the request with that ID, nil when there is none.
func (db *DB) byID(id int64) *request {
	if id < 1 || id > int64(len(db.requests)) {
		return nil
	}
	return db.requests[id-1]
}

// find returns the first request ok accepts, nil when none does.
func (db *DB) find(ok func(*request) bool) *request {
	for _, r := range db.requests {
		if ok(r) {
			return r
		}
	}
	return nil
}

// view is r as a caller may keep it: a copy, without its letter.
func view(r *request) *loket.Request {
	c := r.Request
	c.Fields = slices.Clone(r.Fields)
	c.Period = period(r.Period)
	c.Letter = nil
	return &c
}

// withLetter is view(r) with its latest letter's metadata, as a single request is read.
func (db *DB) withLetter(r *request) *loket.Request {
	v := view(r)
	v.Letter = db.letterOf(r.ID)
	return v
}

// list returns the requests ok accepts, as views ordered by less, at most limit.
func (db *DB) list(ok func(*request) bool, less func(a, b *request) int, limit int) []*loket.Request {
	var hits []*request
	for _, r := range db.requests {
		if ok(r) {
			hits = append(hits, r)
		}
	}
	slices.SortStableFunc(hits, less)
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]*loket.Request, 0, len(hits))
	for _, r := range hits {
		out = append(out, view(r))
	}
	return out
}

// oldestFirst orders by creation, then ID; newestFirst the other way.
func oldestFirst(a, b *request) int {
	if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
		return c
	}
	return int(a.ID - b.ID)
}

func newestFirst(a, b *request) int { return oldestFirst(b, a) }

// in returns a test of whether a request is in one of statuses.
func in(statuses []loket.Status) func(*request) bool {
	return func(r *request) bool { return slices.Contains(statuses, r.Status) }
}
