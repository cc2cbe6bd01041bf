package store

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/uns-dtik/loket"
)

// AddInbox records an inbound message. It reports false, without error, when the same
// (chat, message ID) was recorded before: a redelivery, which must change nothing.
func (db *DB) AddInbox(ctx context.Context, m loket.InboxMessage) (bool, error) {
	tag, err := db.Pool.Exec(ctx, `
		INSERT INTO inbox (chat, msg_id, phone, name, reply_to, payload, sent_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (chat, msg_id) DO NOTHING`,
		m.Chat, m.MsgID, m.Phone, m.Name, m.ReplyTo, m.Payload, m.SentAt)
	if err != nil {
		return false, fmt.Errorf("add inbox message: %w", err)
	}
	return tag.RowsAffected() == 1, nil
}

// PendingInbox returns messages not yet handled, in the order they were recorded: at
// most perChat of each chat, so a number with thousands waiting never hides another
// chat's message.
func (db *DB) PendingInbox(ctx context.Context, perChat int) ([]loket.InboxMessage, error) {
	var pending []loket.InboxMessage
	err := db.readPending(ctx, func(rows pgx.Rows) (err error) {
		pending, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (loket.InboxMessage, error) {
			var m loket.InboxMessage
			var replies []byte
			err := row.Scan(&m.Seq, &m.Chat, &m.MsgID, &m.Phone, &m.Name, &m.ReplyTo, &m.Payload, &m.SentAt, &m.ReceivedAt,
				&m.Attempts, &m.Crashes, &m.Claimed, &replies)
			if err == nil && replies != nil {
				err = json.Unmarshal(replies, &m.Replies)
			}
			return m, err
		})
		return err
	}, `
		SELECT seq, chat, msg_id, phone, name, reply_to, payload, sent_at, received_at, attempts, crashes, claimed_at IS NOT NULL, replies
		FROM (SELECT *, row_number() OVER (PARTITION BY chat ORDER BY seq) AS nth FROM inbox WHERE done_at IS NULL) pending
		WHERE nth <= $1 ORDER BY seq`, perChat)
	if err != nil {
		return nil, fmt.Errorf("read inbox: %w", err)
	}
	return pending, nil
}

// readPending runs query, a read of the inbox's pending messages (done_at IS NULL),
// as an index scan, and hands its rows to read. Every message finished leaves a row
// version behind that the pending index lists until VACUUM, which may be minutes and
// many thousands of messages away. An index scan marks such an entry dead the first
// time it finds its version dead to everyone, so later reads skip it; a bitmap scan,
// which PostgreSQL picks for a young table or a large estimate, never does, and
// would visit every one of them at every read. Bitmap scans are turned off for the
// read's own transaction only (queryWith).
func (db *DB) readPending(ctx context.Context, read func(pgx.Rows) error, query string, args ...any) error {
	return db.queryWith(ctx, `SELECT set_config('enable_bitmapscan', 'off', true)`, read, query, args...)
}

// queryWith runs settings, a SELECT of set_config calls local to the transaction
// (is_local), then query, in one round trip, and hands query's rows to read. A batch
// is one implicit transaction, so the settings hold for query and end with it: they
// never outlive it on the pooled connection.
func (db *DB) queryWith(ctx context.Context, settings string, read func(pgx.Rows) error, query string, args ...any) error {
	b := &pgx.Batch{}
	b.Queue(settings)
	b.Queue(query, args...)
	br := db.Pool.SendBatch(ctx, b)
	defer br.Close()
	if _, err := br.Exec(); err != nil {
		return err
	}
	rows, err := br.Query()
	if err != nil {
		return err
	}
	err = read(rows)
	// Closed before the batch: closing the batch gives the connection back to the
	// pool, and rows closed after that would close the reader of whatever query
	// took the connection next.
	rows.Close()
	if err = cmp.Or(err, rows.Err()); err != nil {
		return err
	}
	return br.Close()
}

// asyncIf, joined into a single statement (which PostgreSQL commits on its own),
// makes its commit skip waiting for the disk when the statement's argument arg (a
// bool parameter, such as "$4") is true. One round trip, where BEGIN, SET LOCAL, the statement and
// COMMIT take four. The setting is the transaction's own (set_config's is_local), so
// it never outlives the statement on the pooled connection.
func asyncIf(arg string) string {
	return `(SELECT set_config('synchronous_commit', CASE WHEN ` + arg + `::bool THEN 'off' ELSE current_setting('synchronous_commit') END, true)) AS commit_mode`
}

// FailInbox records a failed handling and returns the attempts counted so far. Only
// a failure that is the message's own counts (count); one caused by an outage
// does not, and either way the claim is released.
func (db *DB) FailInbox(ctx context.Context, seq int64, errText string, count bool) (int, error) {
	n, add := 0, 0
	if count {
		add = 1
	}
	err := db.Pool.QueryRow(ctx, `UPDATE inbox SET attempts = attempts + $3, last_error = $2, started_by = ''
		WHERE seq = $1 RETURNING attempts`, seq, errText, add).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("record failure of inbox %d: %w", seq, err)
	}
	return n, nil
}

func repliesJSON(replies []loket.Reply) (jsonText, error) {
	if replies == nil {
		replies = []loket.Reply{} // recorded, if empty: the message was handled
	}
	return marshalJSON(replies)
}

// recordHandled records h's replies inside tx, the change's own transaction, which
// commits as every change does (waiting for the disk); a nil h records nothing.
func recordHandled(ctx context.Context, tx pgx.Tx, h *loket.Handled) error {
	if h == nil || h.Seq == 0 {
		return nil // nothing, or not a message from the inbox (a test, the CLI)
	}
	data, err := repliesJSON(h.Replies)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE inbox SET replies = $2 WHERE seq = $1`, h.Seq, data); err != nil {
		return fmt.Errorf("record replies of inbox %d: %w", h.Seq, err)
	}
	return nil
}

// PurgeInbox deletes messages handled before before, and returns how many.
func (db *DB) PurgeInbox(ctx context.Context, before time.Time) (int64, error) {
	tag, err := db.Pool.Exec(ctx, `DELETE FROM inbox WHERE done_at < $1`, before)
	if err != nil {
		return 0, fmt.Errorf("purge inbox: %w", err)
	}
	return tag.RowsAffected(), nil
}
