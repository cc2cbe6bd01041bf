package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

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
	rows, err := db.Pool.Query(ctx, `
		SELECT seq, chat, msg_id, phone, name, reply_to, payload, sent_at, received_at, attempts, crashes, claimed_at IS NOT NULL, replies
		FROM (SELECT *, row_number() OVER (PARTITION BY chat ORDER BY seq) AS nth FROM inbox WHERE done_at IS NULL) pending
		WHERE nth <= $1 ORDER BY seq`, perChat)
	if err != nil {
		return nil, fmt.Errorf("read inbox: %w", err)
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (loket.InboxMessage, error) {
		var m loket.InboxMessage
		var replies []byte
		err := row.Scan(&m.Seq, &m.Chat, &m.MsgID, &m.Phone, &m.Name, &m.ReplyTo, &m.Payload, &m.SentAt, &m.ReceivedAt,
			&m.Attempts, &m.Crashes, &m.Claimed, &replies)
		if err == nil && replies != nil {
			err = json.Unmarshal(replies, &m.Replies)
		}
		return m, err
	})
}

// ClaimInbox marks the message as being handled by runner (a name unique to the
// running process) before it is handled, and returns how many handlings crashed: a
// mark left by another runner means that process died while handling it, and counts
// one more. A message handled already is not claimed (loket.ErrHandled), so it can never be
// handled twice. The mark is committed without waiting for the disk: it must survive
// the bot's process, not the database's.
func (db *DB) ClaimInbox(ctx context.Context, seq int64, runner string) (crashes int, err error) {
	err = pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `
			UPDATE inbox SET crashes = crashes + (started_by <> '' AND started_by <> $2)::int, started_by = $2,
				claimed_at = coalesce(claimed_at, now())
			WHERE seq = $1 AND done_at IS NULL RETURNING crashes`, seq, runner).Scan(&crashes)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, loket.ErrHandled
	}
	if err != nil {
		return 0, fmt.Errorf("claim inbox %d: %w", seq, err)
	}
	return crashes, nil
}

// FinishInbox marks a message handled; errText records why it was set aside, if it was.
func (db *DB) FinishInbox(ctx context.Context, seq int64, errText string) error {
	_, err := db.Pool.Exec(ctx, `UPDATE inbox SET done_at = now(), last_error = CASE WHEN $2 = '' THEN last_error ELSE $2 END, started_by = '' WHERE seq = $1`, seq, errText)
	if err != nil {
		return fmt.Errorf("finish inbox %d: %w", seq, err)
	}
	return nil
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

// SetInboxReplies records what handling a message answered, before it is sent.
func (db *DB) SetInboxReplies(ctx context.Context, seq int64, replies []loket.Reply) error {
	return recordReplies(ctx, db.Pool, seq, replies)
}

// executor is a pool or a transaction.
type executor interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

func recordReplies(ctx context.Context, q executor, seq int64, replies []loket.Reply) error {
	if seq == 0 {
		return nil // not a message from the inbox (a test, the CLI)
	}
	if replies == nil {
		replies = []loket.Reply{}
	}
	data, err := json.Marshal(replies)
	if err != nil {
		return err
	}
	if _, err := q.Exec(ctx, `UPDATE inbox SET replies = $2 WHERE seq = $1`, seq, data); err != nil {
		return fmt.Errorf("record replies of inbox %d: %w", seq, err)
	}
	return nil
}

// recordHandled records h's replies inside tx; a nil h records nothing.
func recordHandled(ctx context.Context, tx pgx.Tx, h *loket.Handled) error {
	if h == nil {
		return nil
	}
	return recordReplies(ctx, tx, h.Seq, h.Replies)
}

// PurgeInbox deletes messages handled before before, and returns how many.
func (db *DB) PurgeInbox(ctx context.Context, before time.Time) (int64, error) {
	tag, err := db.Pool.Exec(ctx, `DELETE FROM inbox WHERE done_at < $1`, before)
	if err != nil {
		return 0, fmt.Errorf("purge inbox: %w", err)
	}
	return tag.RowsAffected(), nil
}
