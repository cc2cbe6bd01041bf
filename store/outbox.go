package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/uns-dtik/loket"
)

// Notify writes notifications that no status change causes (a letter sent again),
// with the replies of the message that asked for them when h is set.
func (db *DB) Notify(ctx context.Context, requestID int64, n []loket.Notification, at time.Time, h *loket.Handled) error {
	return pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		if err := addOutbox(ctx, tx, requestID, n, at); err != nil {
			return err
		}
		return recordHandled(ctx, tx, h)
	})
}

func addOutbox(ctx context.Context, tx pgx.Tx, requestID int64, notes []loket.Notification, at time.Time) error {
	if len(notes) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	queueOutbox(b, requestID, notes, at, "")
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("add outbox rows: %w", err)
	}
	return nil
}

// queueOutbox adds to b the outbox rows of notes, sent together in one round trip.
// placeholder, unless "", stands in the notes' texts for the request's reference,
// which the statements put in its place (FileRequest draws it in the same batch).
func queueOutbox(b *pgx.Batch, requestID int64, notes []loket.Notification, at time.Time, placeholder string) {
	var req *int64
	if requestID != 0 {
		req = &requestID
	}
	body := "$4::text"
	if placeholder != "" {
		body = "replace($4::text, $7::text, (SELECT ref FROM requests WHERE id = $3))"
	}
	for _, n := range notes {
		var letter *int64
		if n.LetterID != 0 {
			letter = &n.LetterID
		}
		args := []any{n.Chat, loket.NewMessageID(), req, n.Text, letter, at}
		if placeholder != "" {
			args = append(args, placeholder)
		}
		b.Queue(`
			INSERT INTO outbox (recipient, msg_id, request_id, body, letter_id, created_at, not_before)
			VALUES ($1, $2, $3, `+body+`, $5, $6, now())`, args...)
	}
}

// PendingOutbox returns up to limit unsent rows that are due, oldest first, leaving
// out any row whose recipient has an older unsent row: each recipient's messages go
// out in the order they were written. Rows given up on hold nothing up.
//
// Each recipient's first unsent row is found by a step through the pending index
// (recipient, id) from one recipient to the next: a read costs a few blocks per
// recipient waiting, however many rows wait behind their first (the admin's backlog
// of hundreds of filings, sent one a pass). The rows are then read by key, oldest
// first, until limit are due, whatever the planner's statistics say: an anti-join,
// as this read once was, became on a young table a pass over every pending row for
// each pending row.
func (db *DB) PendingOutbox(ctx context.Context, now time.Time, limit int) ([]loket.OutboxMessage, error) {
	rows, err := db.Pool.Query(ctx, `
		WITH RECURSIVE firsts AS (
			(SELECT recipient, id FROM outbox WHERE sent_at IS NULL AND given_up_at IS NULL ORDER BY recipient, id LIMIT 1)
			UNION ALL
			SELECT next.recipient, next.id FROM firsts f, LATERAL (
				SELECT recipient, id FROM outbox
				WHERE sent_at IS NULL AND given_up_at IS NULL AND recipient > f.recipient
				ORDER BY recipient, id LIMIT 1) next
		)
		SELECT o.id, o.recipient, o.msg_id, coalesce(o.request_id, 0),
			coalesce((SELECT ref FROM requests WHERE id = o.request_id), ''), o.body, coalesce(o.letter_id, 0), o.attempts
		FROM (SELECT id FROM firsts ORDER BY id) f, LATERAL (SELECT * FROM outbox WHERE id = f.id LIMIT 1) o
		WHERE o.not_before <= $1
		ORDER BY f.id LIMIT $2`, now, limit)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (loket.OutboxMessage, error) {
		var r loket.OutboxMessage
		err := row.Scan(&r.ID, &r.Recipient, &r.MsgID, &r.RequestID, &r.Ref, &r.Body, &r.LetterID, &r.Attempts)
		return r, err
	})
}

// MarkSent records that a row went out, with WhatsApp's server timestamp.
func (db *DB) MarkSent(ctx context.Context, id int64, serverTS time.Time) error {
	_, err := db.Pool.Exec(ctx, `UPDATE outbox SET sent_at = now(), server_ts = $2 WHERE id = $1`, id, serverTS)
	if err != nil {
		return fmt.Errorf("mark outbox %d sent: %w", id, err)
	}
	return nil
}

// RetryOutbox counts a failed send and holds the row until notBefore.
func (db *DB) RetryOutbox(ctx context.Context, id int64, errText string, notBefore time.Time) error {
	_, err := db.Pool.Exec(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = $2, not_before = $3 WHERE id = $1`, id, errText, notBefore)
	if err != nil {
		return fmt.Errorf("hold outbox %d: %w", id, err)
	}
	return nil
}

// GiveUpOutbox sets a row aside that could not be delivered after every attempt: it
// stays in the table, with why, and no longer holds up its recipient's later messages.
func (db *DB) GiveUpOutbox(ctx context.Context, id int64, errText string) error {
	_, err := db.Pool.Exec(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = $2, given_up_at = now() WHERE id = $1`, id, errText)
	if err != nil {
		return fmt.Errorf("give up outbox %d: %w", id, err)
	}
	return nil
}

// RequestByMessageID returns the request an outbound message was about, for staff who
// answer a notification by quoting it; loket.ErrNotFound when it was about none.
func (db *DB) RequestByMessageID(ctx context.Context, msgID string) (*loket.Request, error) {
	return db.requestWhere(ctx, `r.id = (SELECT request_id FROM outbox WHERE msg_id = $1)`, msgID)
}
