package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/uns-dtik/loket"
)

// FileRequest creates a request with status submitted, links its letter, writes the
// filing audit event and the announcement's outbox rows, all in one transaction.
// Filing the same draft again returns the request filed the first time, so a
// redelivered "kirim" never files (or announces) twice. announce may be nil.
func (db *DB) FileRequest(ctx context.Context, n loket.NewRequest, now time.Time, announce loket.Announcer) (*loket.Request, error) {
	var id int64
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `SELECT id FROM requests WHERE draft_id = $1`, n.DraftID).Scan(&id)
		if err == nil {
			return nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if err := claimUnique(ctx, tx, n, 0); err != nil {
			return err
		}
		pre, err := readAnnouncement(ctx, tx, announce, n.LetterID, 0)
		if err != nil {
			return err
		}
		waiting, err := claimDays(ctx, tx, n, 0)
		if err != nil {
			return err
		}
		fields, err := marshalFields(n.Fields)
		if err != nil {
			return err
		}
		// The reference is drawn last, in the statement that inserts the request.
		// References have no gaps: the counter's row is taken in the filing's
		// transaction and held to its commit, so from here on a service's filings
		// take turns, with only one round trip (the batch below) and the commit
		// left. The reference is loket.FormatRef's, spelled in SQL
		// (TestReferencesPastTenThousand).
		year := now.In(loket.Jakarta).Year()
		var ref string
		err = tx.QueryRow(ctx, `
			WITH c AS (
				INSERT INTO ref_counters (service, year, last) VALUES ($2, $12, 1)
				ON CONFLICT (service, year) DO UPDATE SET last = ref_counters.last + 1
				RETURNING last)
			INSERT INTO requests (ref, draft_id, service, chat, phone, name, lang, status, fields, created_at, updated_at, period, waiting)
			VALUES ((SELECT $2 || '-' || $12 || '-' || lpad(last::text, greatest(4, length(last::text)), '0') FROM c),
				$1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11)
			RETURNING id, ref`,
			n.DraftID, n.Service, n.Chat, n.Phone, n.Name, string(n.Lang), string(loket.StatusSubmitted), fields, now,
			periodRange(n.Period), waiting, year).Scan(&id, &ref)
		if err != nil {
			return fmt.Errorf("insert request: %w", err)
		}
		b := &pgx.Batch{}
		queueLinkLetter(b, id, n)
		b.Queue(`
			INSERT INTO request_events (request_id, at, actor, role, from_status, to_status)
			VALUES ($1, $2, $3, $5, '', $4)`, id, now, loket.ApplicantActor(n.Phone, n.Chat), string(loket.StatusSubmitted), loket.ApplicantRole)
		r := &loket.Request{ID: id, Ref: ref, Service: n.Service, Chat: n.Chat, Phone: n.Phone, Name: n.Name, Lang: n.Lang,
			Fields: n.Fields, Period: n.Period, Waiting: waiting, CreatedAt: now, UpdatedAt: now}
		pre.queue(b, r, announce, now)
		return tx.SendBatch(ctx, b).Close()
	})
	var taken *loket.TakenError
	if errors.As(err, &taken) || errors.Is(err, loket.ErrLetterGone) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("file request: %w", err)
	}
	return db.requestWhere(ctx, `r.id = $1`, id)
}

// A filing's statements after the request's own row — the letter's link, the audit
// event, the announcement's outbox rows — go in one round trip (a pgx.Batch), and
// what the announcement reads is read before the locks that make filings take turns
// (the licences' advisory locks, the reference counter's row, all held to the
// commit): under them every round trip made each filing queued behind this one wait
// longer, and at 50 applicants filing at once "kirim" was the slowest answer.

// queueLinkLetter adds to b making the draft's letter the request's; the batch fails
// with loket.ErrLetterGone when the letter is no longer the draft's to give.
func queueLinkLetter(b *pgx.Batch, requestID int64, n loket.NewRequest) {
	if n.LetterID == 0 {
		return
	}
	b.Queue(`UPDATE letters SET request_id = $1 WHERE id = $2 AND chat = $3 AND (request_id IS NULL OR request_id = $1)`,
		requestID, n.LetterID, n.Chat).Exec(func(tag pgconn.CommandTag) error {
		if tag.RowsAffected() != 1 {
			return loket.ErrLetterGone
		}
		return nil
	})
}

// announcement is what announcing a request reads: the staff it goes to and the
// request's letter. A nil announcement announces nothing.
type announcement struct {
	staff  []loket.Staff
	letter *loket.Letter
}

// readAnnouncement reads what announce needs, nil when it is nil: the staff, and the
// letter — letterID's when the message brings one, else request requestID's newest
// (a resubmission that keeps its letter).
func readAnnouncement(ctx context.Context, tx pgx.Tx, announce loket.Announcer, letterID, requestID int64) (*announcement, error) {
	if announce == nil {
		return nil, nil
	}
	a := &announcement{}
	var err error
	switch {
	case letterID != 0:
		a.letter, err = letterMeta(ctx, tx, "id", letterID)
	case requestID != 0:
		a.letter, err = letterMeta(ctx, tx, "request_id", requestID)
	}
	if err != nil {
		return nil, err
	}
	if a.staff, err = listStaff(ctx, tx); err != nil {
		return nil, err
	}
	return a, nil
}

// queue adds the announcement of r (just filed or resubmitted) to b.
func (a *announcement) queue(b *pgx.Batch, r *loket.Request, announce loket.Announcer, at time.Time) {
	if a == nil {
		return
	}
	r.Letter = a.letter
	queueOutbox(b, r.ID, announce(r, a.staff), at)
}

const requestColumns = `r.id, r.ref, r.service, r.chat, r.phone, r.name, r.lang, r.status, r.fields, r.assignee, r.created_at, r.updated_at,
	lower(r.period), upper(r.period) - 1, r.waiting`

func scanRequest(row pgx.Row) (*loket.Request, error) {
	var r loket.Request
	var lang, status string
	var fields []byte
	var from, to *time.Time
	if err := row.Scan(&r.ID, &r.Ref, &r.Service, &r.Chat, &r.Phone, &r.Name, &lang, &status, &fields, &r.Assignee, &r.CreatedAt, &r.UpdatedAt,
		&from, &to, &r.Waiting); err != nil {
		return nil, err
	}
	r.Lang, r.Status, r.Period = loket.Lang(lang), loket.Status(status), scanPeriod(from, to)
	if err := json.Unmarshal(fields, &r.Fields); err != nil {
		return nil, fmt.Errorf("request %s fields: %w", r.Ref, err)
	}
	return &r, nil
}

func (db *DB) requestWhere(ctx context.Context, where string, args ...any) (*loket.Request, error) {
	r, err := scanRequest(db.Pool.QueryRow(ctx, `SELECT `+requestColumns+` FROM requests r WHERE `+where, args...))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, loket.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("read request: %w", err)
	}
	r.Letter, err = db.letterOf(ctx, r.ID)
	return r, err
}

// ChatRequest returns the request with reference ref if chat filed it; anyone else's
// reference is loket.ErrNotFound, so a reference never leaks who asked for what.
func (db *DB) ChatRequest(ctx context.Context, chat, ref string) (*loket.Request, error) {
	return db.requestWhere(ctx, `r.ref = $1 AND r.chat = $2`, ref, chat)
}

// ChatRequests returns the requests chat filed, newest first, without letters.
func (db *DB) ChatRequests(ctx context.Context, chat string, limit int) ([]*loket.Request, error) {
	return db.requests(ctx, `r.chat = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT $2`, chat, limit)
}

// requests returns the requests matching where (which may order and limit), without letters.
func (db *DB) requests(ctx context.Context, where string, args ...any) ([]*loket.Request, error) {
	return queryRequests(ctx, db.Pool, where, args...)
}

// queryRequests is requests on q.
func queryRequests(ctx context.Context, q querier, where string, args ...any) ([]*loket.Request, error) {
	rows, err := q.Query(ctx, `SELECT `+requestColumns+` FROM requests r WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list requests: %w", err)
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (*loket.Request, error) { return scanRequest(row) })
}

// Timeline returns a request's audit trail, oldest first.
func (db *DB) Timeline(ctx context.Context, requestID int64) ([]loket.Event, error) {
	rows, err := db.Pool.Query(ctx, `
		SELECT at, actor, role, from_status, to_status, note FROM request_events
		WHERE request_id = $1 ORDER BY id`, requestID)
	if err != nil {
		return nil, fmt.Errorf("read timeline: %w", err)
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (loket.Event, error) {
		var e loket.Event
		err := row.Scan(&e.At, &e.Actor, &e.Role, &e.From, &e.To, &e.Note)
		return e, err
	})
}

// FieldTaken reports whether a request that is open or was served (not rejected or
// cancelled: loket.Requests.Claiming) already has value in field key, e.g. a proposed e-mail username. except
// is a request to leave out: the one being corrected, which holds its own value.
func (db *DB) FieldTaken(ctx context.Context, key, value string, except int64) (bool, error) {
	return fieldTaken(ctx, db.Pool, key, value, except)
}

func fieldTaken(ctx context.Context, q interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}, key, value string, except int64) (bool, error) {
	probe, err := marshalJSON([]loket.Field{{Key: key, Value: value}})
	if err != nil {
		return false, err
	}
	var taken bool
	err = q.QueryRow(ctx, `
		SELECT EXISTS (SELECT 1 FROM requests WHERE fields @> $1::jsonb AND id <> $2 AND status = ANY($3))`,
		probe, except, statusNames(loket.Requests.Claiming())).Scan(&taken)
	if err != nil {
		return false, fmt.Errorf("check %s: %w", key, err)
	}
	return taken, nil
}

// claimUnique checks n's unique fields inside the filing transaction. The advisory
// lock (per key and value, held until commit) makes two applicants filing the same
// username at the same moment take turns, so only the first one gets it. The keys
// are locked in one order, whatever order a service lists them in: two filings never
// wait for each other both ways.
func claimUnique(ctx context.Context, tx pgx.Tx, n loket.NewRequest, except int64) error {
	for _, key := range slices.Sorted(slices.Values(n.Unique)) {
		value := ""
		for _, f := range n.Fields {
			if f.Key == key {
				value = f.Value
			}
		}
		if value == "" {
			continue
		}
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, "loket:unique:"+key+":"+value); err != nil {
			return fmt.Errorf("lock %s: %w", key, err)
		}
		taken, err := fieldTaken(ctx, tx, key, value, except)
		if err != nil {
			return err
		}
		if taken {
			return &loket.TakenError{Key: key, Value: value}
		}
	}
	return nil
}

// RequestByRef returns the request with reference ref, whoever filed it (for staff).
func (db *DB) RequestByRef(ctx context.Context, ref string) (*loket.Request, error) {
	return db.requestWhere(ctx, `r.ref = $1`, ref)
}

// Queue returns the requests in any of statuses, oldest change first, at most limit
// of them (all when limit is 0); with assignee set, only those dispositioned to that
// staff member.
func (db *DB) Queue(ctx context.Context, statuses []loket.Status, assignee string, limit int) ([]*loket.Request, error) {
	return db.requests(ctx, `r.status = ANY($1) AND ($2 = '' OR r.assignee = $2)
		ORDER BY r.updated_at, r.id LIMIT NULLIF($3, 0)`, statusNames(statuses), assignee, limit)
}

// statusNames is statuses as query parameters: the statuses a query filters on are
// always the lifecycle table's answer (loket.Requests), never spelled out in SQL.
func statusNames(statuses []loket.Status) []string {
	names := make([]string, len(statuses))
	for i, s := range statuses {
		names[i] = string(s)
	}
	return names
}

// ResubmitRequest files the applicant's corrections to a request sent back for
// revision: new answers, a new letter if one was sent, the move m (its From, To,
// Actor, Role and At: the lifecycle decided them; the store checks only that the
// request is still in m.From and is n.Chat's), the audit event and the
// announcement's notifications, in one transaction. The same draft resubmitted again
// (a message handled twice) returns the request as it is; loket.ErrMoved when the
// request is not chat's or no longer in m.From.
func (db *DB) ResubmitRequest(ctx context.Context, n loket.NewRequest, m loket.Move, announce loket.Announcer) (*loket.Request, error) {
	requestID := m.RequestID
	fields, err := marshalFields(n.Fields)
	if err != nil {
		return nil, err
	}
	err = pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		if err := claimUnique(ctx, tx, n, requestID); err != nil {
			return err
		}
		pre, err := readAnnouncement(ctx, tx, announce, n.LetterID, requestID)
		if err != nil {
			return err
		}
		waiting, err := claimDays(ctx, tx, n, requestID)
		if err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE requests SET fields = $3, status = $6, updated_at = $4, resubmitted_draft = $5, period = $8, waiting = $9
			WHERE id = $1 AND chat = $2 AND status = $7`, requestID, n.Chat, fields, m.At, n.DraftID, string(m.To), string(m.From),
			periodRange(n.Period), waiting)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			var again bool
			err := tx.QueryRow(ctx, `SELECT resubmitted_draft = $3 FROM requests WHERE id = $1 AND chat = $2`, requestID, n.Chat, n.DraftID).Scan(&again)
			if err == nil && again && n.DraftID != "" {
				return errResubmitted
			}
			return loket.ErrMoved
		}
		r, err := scanRequest(tx.QueryRow(ctx, `SELECT `+requestColumns+` FROM requests r WHERE r.id = $1`, requestID))
		if err != nil {
			return err
		}
		r.Status = m.From
		b := &pgx.Batch{}
		queueLinkLetter(b, requestID, n)
		b.Queue(`
			INSERT INTO request_events (request_id, at, actor, role, from_status, to_status, note)
			VALUES ($1, $2, $3, $4, $5, $6, '')`, requestID, m.At, m.Actor, m.Role, string(m.From), string(m.To))
		pre.queue(b, r, announce, m.At)
		return tx.SendBatch(ctx, b).Close()
	})
	var taken *loket.TakenError
	switch {
	case errors.Is(err, errResubmitted):
	case errors.Is(err, loket.ErrMoved) || errors.Is(err, loket.ErrLetterGone) || errors.As(err, &taken):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("resubmit request %d: %w", requestID, err)
	}
	return db.requestWhere(ctx, `r.id = $1`, requestID)
}

// errResubmitted ends a resubmission's transaction that found the same draft already
// resubmitted: nothing is written, and the request is returned as it stands.
var errResubmitted = errors.New("store: this draft was resubmitted already")

// marshalFields stores answers as a JSON array, an empty one when there are none:
// JSON null would make every search over answers fail (jsonb_array_elements of null).
func marshalFields(fields []loket.Field) (jsonText, error) {
	if fields == nil {
		fields = []loket.Field{}
	}
	return marshalJSON(fields)
}

// jsonText is JSON as a jsonb parameter takes it under either protocol: as text. As
// bytes, the simple protocol (a database URL's default_query_exec_mode, as a
// transaction pooler may need) sends bytea's hex, which is no JSON.
type jsonText = string

func marshalJSON(v any) (jsonText, error) {
	data, err := json.Marshal(v)
	return jsonText(data), err
}

// MoveRequest applies m in one transaction: the new status (only if the request is
// still in m.From, else loket.ErrMoved), the audit event, an outbox row per notification,
// each with its WhatsApp message ID fixed now so every retry reuses it, and the
// replies of the message that made the move.
func (db *DB) MoveRequest(ctx context.Context, m loket.Move) error {
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `
			UPDATE requests SET status = $3, updated_at = $4,
				assignee = CASE WHEN $5 <> '' THEN $5 ELSE assignee END
			WHERE id = $1 AND status = $2`, m.RequestID, string(m.From), string(m.To), m.At, m.Assignee)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return loket.ErrMoved
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO request_events (request_id, at, actor, role, from_status, to_status, note)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, m.RequestID, m.At, m.Actor, m.Role, string(m.From), string(m.To), m.Note); err != nil {
			return err
		}
		if m.AskQuestionnaire {
			if _, err := tx.Exec(ctx, `
				INSERT INTO questionnaires (request_id, chat, asked_at) SELECT id, chat, $2 FROM requests WHERE id = $1
				ON CONFLICT DO NOTHING`, m.RequestID, m.At); err != nil {
				return err
			}
		}
		if err := addOutbox(ctx, tx, m.RequestID, m.Notify, m.At); err != nil {
			return err
		}
		return recordHandled(ctx, tx, m.Handled)
	})
	if err != nil && !errors.Is(err, loket.ErrMoved) {
		return fmt.Errorf("move request %d to %s: %w", m.RequestID, m.To, err)
	}
	return err
}
