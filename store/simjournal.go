package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/uns-dtik/loket"
)

// The simulator's journal (bot/sim.Journal): the messages `loket sim` showed and the
// files sent either way, kept in PostgreSQL so a restart of the simulator keeps its
// history, its links and its message numbers. Payloads are the simulator's own JSON.

// KeepSimMessage keeps one message the bot sent; keeping it again changes nothing.
func (db *DB) KeepSimMessage(ctx context.Context, seq int64, at time.Time, payload []byte) error {
	_, err := db.Pool.Exec(ctx, `INSERT INTO sim_messages (seq, at, payload) VALUES ($1, $2, $3) ON CONFLICT (seq) DO NOTHING`, seq, at, jsonText(payload))
	if err != nil {
		return fmt.Errorf("keep simulator message %d: %w", seq, err)
	}
	return nil
}

// KeepSimMedia keeps a file's bytes under its simulator ID.
func (db *DB) KeepSimMedia(ctx context.Context, id string, at time.Time, data []byte) error {
	_, err := db.Pool.Exec(ctx, `INSERT INTO sim_media (id, at, data) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, id, at, data)
	if err != nil {
		return fmt.Errorf("keep simulator file: %w", err)
	}
	return nil
}

// SimMessages returns the payloads of the last limit messages kept since since,
// oldest first, and the highest sequence number ever kept (0 when none), from which
// the simulator numbers on.
func (db *DB) SimMessages(ctx context.Context, since time.Time, limit int) ([][]byte, int64, error) {
	rows, err := db.Pool.Query(ctx, `SELECT payload FROM (SELECT seq, payload FROM sim_messages WHERE at >= $1 ORDER BY seq DESC LIMIT $2) m ORDER BY seq`, since, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("read simulator messages: %w", err)
	}
	payloads, err := pgx.CollectRows(rows, pgx.RowTo[[]byte])
	if err != nil {
		return nil, 0, fmt.Errorf("read simulator messages: %w", err)
	}
	var last int64
	if err := db.Pool.QueryRow(ctx, `SELECT coalesce(max(seq), 0) FROM sim_messages`).Scan(&last); err != nil {
		return nil, 0, fmt.Errorf("read simulator messages: %w", err)
	}
	return payloads, last, nil
}

// SimMedia returns a kept file's bytes, or loket.ErrNotFound.
func (db *DB) SimMedia(ctx context.Context, id string) ([]byte, error) {
	var data []byte
	err := db.Pool.QueryRow(ctx, `SELECT data FROM sim_media WHERE id = $1`, id).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, loket.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("read simulator file: %w", err)
	}
	return data, nil
}

// PruneSim drops messages and files kept before before, and the oldest files beyond
// mediaBytes in all. The newest message stays whatever its age, so numbering goes on
// after a long pause.
func (db *DB) PruneSim(ctx context.Context, before time.Time, mediaBytes int64) error {
	_, err := db.Pool.Exec(ctx, `
		WITH old AS (DELETE FROM sim_messages WHERE at < $1 AND seq < (SELECT max(seq) FROM sim_messages)),
		     stale AS (DELETE FROM sim_media WHERE at < $1 RETURNING id)
		DELETE FROM sim_media WHERE id IN (
			SELECT id FROM (SELECT id, sum(length(data)) OVER (ORDER BY at DESC, id) AS total FROM sim_media) m
			WHERE total > $2) AND id NOT IN (SELECT id FROM stale)`, before, mediaBytes)
	if err != nil {
		return fmt.Errorf("prune the simulator's journal: %w", err)
	}
	return nil
}
