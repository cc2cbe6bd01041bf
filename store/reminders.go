package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/uns-dtik/loket"
)

// NotifyOnce writes notes to the outbox unless key was written before, in one
// transaction; it reports whether it wrote them. Reminders and digests use it so a
// restart or a second tick never sends one twice.
func (db *DB) NotifyOnce(ctx context.Context, key string, requestID int64, notes []loket.Notification, at time.Time) (bool, error) {
	var wrote bool
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO sent_marks (key, sent_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, key, at)
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		wrote = true
		return addOutbox(ctx, tx, requestID, notes, at)
	})
	if err != nil {
		return false, fmt.Errorf("notify once %s: %w", key, err)
	}
	return wrote, nil
}

// Awaiting returns every request in statuses (the back office asks for those waiting
// on staff, loket.Requests.AwaitingStaff), oldest first.
func (db *DB) Awaiting(ctx context.Context, statuses []loket.Status) ([]*loket.Request, error) {
	return db.requests(ctx, `r.status = ANY($1) ORDER BY r.created_at, r.id`, statusNames(statuses))
}

// UnansweredQuestionnaires returns the open questionnaires asked between from and to
// whose one reminder was not written yet.
func (db *DB) UnansweredQuestionnaires(ctx context.Context, from, to time.Time) ([]loket.Questionnaire, error) {
	rows, err := db.Pool.Query(ctx, `
		SELECT q.request_id, r.ref, r.service, q.step, q.asked_at, r.chat, r.lang FROM questionnaires q JOIN requests r ON r.id = q.request_id
		WHERE q.closed_at IS NULL AND q.asked_at > $1 AND q.asked_at <= $2
			AND NOT EXISTS (SELECT 1 FROM sent_marks m WHERE m.key = 'questionnaire:' || q.request_id)
		ORDER BY q.asked_at`, from, to)
	if err != nil {
		return nil, fmt.Errorf("unanswered questionnaires: %w", err)
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (loket.Questionnaire, error) {
		var q loket.Questionnaire
		err := row.Scan(&q.RequestID, &q.Ref, &q.Service, &q.Step, &q.AskedAt, &q.Chat, &q.Lang)
		return q, err
	})
}
