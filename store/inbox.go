package store

import (
	"context"
	"fmt"
	"time"
)

// InboxMessage is one inbound message as the WhatsApp edge recorded it. Payload is the
// edge's own encoding of the message (the store does not look inside).
type InboxMessage struct {
	Seq      int64
	Chat     string
	MsgID    string
	Phone    string
	Name     string
	ReplyTo  string
	Payload  []byte
	SentAt   time.Time
	Attempts int
	// Replies, once recorded, are what handling the message answered (JSON).
	Replies []byte
}

// AddInbox records an inbound message. It reports false, without error, when the same
// (chat, message ID) was recorded before: a redelivery, which must change nothing.
func (db *DB) AddInbox(ctx context.Context, m InboxMessage) (bool, error) {
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

// PendingInbox returns up to limit messages not yet handled whose sequence number is
// above after, oldest first.
func (db *DB) PendingInbox(ctx context.Context, after int64, limit int) ([]InboxMessage, error) {
	rows, err := db.Pool.Query(ctx, `
		SELECT seq, chat, msg_id, phone, name, reply_to, payload, sent_at, attempts, replies
		FROM inbox WHERE done_at IS NULL AND seq > $1 ORDER BY seq LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("read inbox: %w", err)
	}
	defer rows.Close()
	var out []InboxMessage
	for rows.Next() {
		var m InboxMessage
		if err := rows.Scan(&m.Seq, &m.Chat, &m.MsgID, &m.Phone, &m.Name, &m.ReplyTo, &m.Payload, &m.SentAt, &m.Attempts, &m.Replies); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// FinishInbox marks a message handled; errText records why it was given up, if it was.
func (db *DB) FinishInbox(ctx context.Context, seq int64, errText string) error {
	_, err := db.Pool.Exec(ctx, `UPDATE inbox SET done_at = now(), last_error = $2 WHERE seq = $1`, seq, errText)
	if err != nil {
		return fmt.Errorf("finish inbox %d: %w", seq, err)
	}
	return nil
}

// FailInbox counts a failed attempt at handling a message and returns the new count.
func (db *DB) FailInbox(ctx context.Context, seq int64, errText string) (int, error) {
	var n int
	err := db.Pool.QueryRow(ctx, `UPDATE inbox SET attempts = attempts + 1, last_error = $2 WHERE seq = $1 RETURNING attempts`, seq, errText).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count failure of inbox %d: %w", seq, err)
	}
	return n, nil
}

// SetInboxReplies records what handling a message answered, before it is sent.
func (db *DB) SetInboxReplies(ctx context.Context, seq int64, replies []byte) error {
	_, err := db.Pool.Exec(ctx, `UPDATE inbox SET replies = $2 WHERE seq = $1`, seq, replies)
	if err != nil {
		return fmt.Errorf("record replies of inbox %d: %w", seq, err)
	}
	return nil
}
