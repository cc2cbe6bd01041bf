package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/uns-dtik/loket"
)

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
	args, err := fieldTakenArgs(key, value, except)
	if err != nil {
		return false, err
	}
	var taken bool
	if err := q.QueryRow(ctx, fieldTakenSQL, args...).Scan(&taken); err != nil {
		return false, fmt.Errorf("check %s: %w", key, err)
	}
	return taken, nil
}

const fieldTakenSQL = `SELECT EXISTS (SELECT 1 FROM requests WHERE fields @> $1::jsonb AND id <> $2 AND status = ANY($3))`

func fieldTakenArgs(key, value string, except int64) ([]any, error) {
	probe, err := marshalJSON([]loket.Field{{Key: key, Value: value}})
	return []any{probe, except, statusNames(loket.Requests.Claiming())}, err
}

// queueUnique adds to b the check of n's unique fields inside the filing (or
// resubmitting) transaction; after the batch, c.taken names the first taken. The
// advisory lock (per key and value, held until commit) makes two applicants filing
// the same username at the same moment take turns, so only the first one gets it.
// The keys are locked in one order, whatever order a service lists them in: two
// filings never wait for each other both ways.
func queueUnique(b *pgx.Batch, n loket.NewRequest, except int64, c *filingChecks) error {
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
		args, err := fieldTakenArgs(key, value, except)
		if err != nil {
			return err
		}
		b.Queue(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, "loket:unique:"+key+":"+value)
		b.Queue(fieldTakenSQL, args...).QueryRow(func(row pgx.Row) error {
			var taken bool
			if err := row.Scan(&taken); err != nil {
				return fmt.Errorf("check %s: %w", key, err)
			}
			if taken && c.taken == nil {
				c.taken = &loket.TakenError{Key: key, Value: value}
			}
			return nil
		})
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
		b := &pgx.Batch{}
		checks, err := queueChecks(b, n, requestID, announce)
		if err != nil {
			return err
		}
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return err
		}
		if checks.taken != nil {
			return checks.taken
		}
		waiting := checks.waiting
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
		b = &pgx.Batch{}
		queueLinkLetter(b, requestID, n)
		b.Queue(`
			INSERT INTO request_events (request_id, at, actor, role, from_status, to_status, note)
			VALUES ($1, $2, $3, $4, $5, $6, '')`, requestID, m.At, m.Actor, m.Role, string(m.From), string(m.To))
		checks.announcement.queue(b, r, announce, m.At, "")
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
