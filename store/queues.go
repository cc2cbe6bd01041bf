package store

import (
	"cmp"
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/uns-dtik/loket"
)

// Queues counts what waits, for the metrics and the status page.
func (db *DB) Queues(ctx context.Context) (loket.Queues, error) {
	var q loket.Queues
	var inboxAge, outboxAge float64
	err := db.readPending(ctx, func(rows pgx.Rows) error {
		if !rows.Next() {
			return cmp.Or(rows.Err(), pgx.ErrNoRows)
		}
		return rows.Scan(&q.Inbox, &inboxAge, &q.Outbox, &outboxAge)
	}, `
		SELECT (SELECT count(*) FROM inbox WHERE done_at IS NULL),
		       (SELECT coalesce(extract(epoch FROM now() - min(received_at)), 0) FROM inbox WHERE done_at IS NULL),
		       (SELECT count(*) FROM outbox WHERE sent_at IS NULL AND given_up_at IS NULL),
		       (SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM outbox WHERE sent_at IS NULL AND given_up_at IS NULL)`)
	if err != nil {
		return loket.Queues{}, fmt.Errorf("queues: %w", err)
	}
	q.InboxOldest = time.Duration(inboxAge * float64(time.Second))
	q.OutboxOldest = time.Duration(outboxAge * float64(time.Second))
	return q, nil
}

// Transitions counts every status change in the audit trail, by service.
func (db *DB) Transitions(ctx context.Context) ([]loket.TransitionCount, error) {
	rows, err := db.Pool.Query(ctx, `
		SELECT r.service, e.from_status, e.to_status, count(*)
		FROM request_events e JOIN requests r ON r.id = e.request_id
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)
	if err != nil {
		return nil, fmt.Errorf("transitions: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (loket.TransitionCount, error) {
		var t loket.TransitionCount
		err := row.Scan(&t.Service, &t.From, &t.To, &t.Count)
		return t, err
	})
	if err != nil {
		return nil, fmt.Errorf("transitions: %w", err)
	}
	return out, nil
}
