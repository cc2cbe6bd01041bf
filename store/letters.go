package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/uns-dtik/loket"
)

// AddLetter stores a checked letter for chat, not yet part of a request (the draft it
// belongs to is filed later), and returns its ID. seq is the inbox message that
// brought it: the same message stored again returns the letter stored the first time.
// The letter's row and its bytes, as chunk rows streamed with COPY (migration
// 00012 says why), are written in one transaction, committed durably.
func (db *DB) AddLetter(ctx context.Context, chat string, seq int64, l loket.Letter) (int64, error) {
	var bySeq *int64
	if seq != 0 {
		bySeq = &seq
	}
	var id int64
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `
			INSERT INTO letters (chat, seq, filename, size, pages, sha256)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (chat, seq) WHERE seq IS NOT NULL DO NOTHING RETURNING id`,
			chat, bySeq, l.FileName, l.Size, l.Pages, l.SHA256).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			// Stored by this message before (the unique index made this insert wait
			// for that transaction): its bytes are there already.
			return tx.QueryRow(ctx, `SELECT id FROM letters WHERE chat = $1 AND seq = $2`, chat, seq).Scan(&id)
		}
		if err != nil {
			return err
		}
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"letter_chunks"}, []string{"letter_id", "n", "data"},
			&letterChunks{id: id, data: l.Data})
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store letter: %w", err)
	}
	return id, nil
}

// chunkBytes is the size of a letter's chunk rows: the most that fits a heap page
// with the row's header and keys (8,160 bytes), so a row is stored as it is, PLAIN.
const chunkBytes = 8000

// letterChunks is a letter's bytes as COPY rows (letter_id, n, data), each row a
// slice of the letter, not a copy: pgx encodes them into its 64 KB buffer as it
// streams.
type letterChunks struct {
	id   int64
	data []byte
	n    int
	row  [3]any
}

func (c *letterChunks) Next() bool { return c.n*chunkBytes < len(c.data) }

func (c *letterChunks) Values() ([]any, error) {
	from := c.n * chunkBytes
	c.row = [3]any{c.id, c.n, c.data[from:min(from+chunkBytes, len(c.data))]}
	c.n++
	return c.row[:], nil
}

func (c *letterChunks) Err() error { return nil }

// DropLetters deletes chat's letters with the given IDs that no request holds: a
// draft's letter replaced by another, or left behind by a draft given up.
func (db *DB) DropLetters(ctx context.Context, chat string, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := db.Pool.Exec(ctx, `DELETE FROM letters WHERE chat = $1 AND id = ANY($2) AND request_id IS NULL`, chat, ids)
	if err != nil {
		return fmt.Errorf("drop letters: %w", err)
	}
	return nil
}

// PurgeDraftLetters deletes letters stored before before that no request holds: the
// letters of drafts that expired. It returns how many.
func (db *DB) PurgeDraftLetters(ctx context.Context, before time.Time) (int64, error) {
	tag, err := db.Pool.Exec(ctx, `DELETE FROM letters WHERE request_id IS NULL AND created_at < $1`, before)
	if err != nil {
		return 0, fmt.Errorf("purge draft letters: %w", err)
	}
	return tag.RowsAffected(), nil
}

// Letter returns a stored letter with its content, read in one statement (one
// snapshot: a letter deleted meanwhile is not found rather than cut short) into one
// buffer of the letter's size.
func (db *DB) Letter(ctx context.Context, id int64) (*loket.Letter, error) {
	rows, err := db.Pool.Query(ctx, `
		SELECT l.id, l.filename, l.size, l.pages, l.sha256, l.content, c.data
		FROM letters l LEFT JOIN letter_chunks c ON c.letter_id = l.id
		WHERE l.id = $1 ORDER BY c.n`, id)
	if err != nil {
		return nil, fmt.Errorf("read letter %d: %w", id, err)
	}
	defer rows.Close()
	var l *loket.Letter
	for rows.Next() {
		if l == nil {
			l = &loket.Letter{}
			// A letter stored before migration 00012 has its content in one value.
			var whole []byte
			if err := rows.Scan(&l.ID, &l.FileName, &l.Size, &l.Pages, &l.SHA256, &whole, nil); err != nil {
				return nil, fmt.Errorf("read letter %d: %w", id, err)
			}
			l.Data = whole
			if whole == nil {
				l.Data = make([]byte, 0, l.Size)
			}
		}
		chunk := rows.RawValues()[6]
		if rows.FieldDescriptions()[6].Format != pgx.BinaryFormatCode {
			// The simple protocol (default_query_exec_mode in the URL, for a
			// pooler) gives bytea as text: decoded, into a copy.
			if err := rows.Scan(nil, nil, nil, nil, nil, nil, &chunk); err != nil {
				return nil, fmt.Errorf("read letter %d: %w", id, err)
			}
		}
		if chunk != nil {
			l.Data = append(l.Data, chunk...) // binary bytea: the bytes as they are
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read letter %d: %w", id, err)
	}
	if l == nil {
		return nil, loket.ErrNotFound
	}
	return l, nil
}

// letterOf returns the metadata (not the content) of a request's latest letter, nil if none.
func (db *DB) letterOf(ctx context.Context, requestID int64) (*loket.Letter, error) {
	return letterMeta(ctx, db.Pool, "request_id", requestID)
}

// letterMeta returns the metadata of the newest letter whose column (request_id or
// id) is value, nil if none.
func letterMeta(ctx context.Context, q interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}, column string, value int64) (*loket.Letter, error) {
	return scanLetterMeta(q.QueryRow(ctx, letterMetaSQL(column), value), column, value)
}

// letterMetaSQL reads the newest letter whose column is $1, for scanLetterMeta.
func letterMetaSQL(column string) string {
	return `SELECT id, filename, size, pages, sha256 FROM letters WHERE ` + column + ` = $1 ORDER BY id DESC LIMIT 1`
}

func scanLetterMeta(row pgx.Row, column string, value int64) (*loket.Letter, error) {
	var l loket.Letter
	err := row.Scan(&l.ID, &l.FileName, &l.Size, &l.Pages, &l.SHA256)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read letter (%s %d): %w", column, value, err)
	}
	return &l, nil
}

// ImportZoomRoster replaces the roster of UNS Zoom users (SOP#18 rule 3) with emails,
// in one transaction, and returns how many distinct addresses it holds now.
func (db *DB) ImportZoomRoster(ctx context.Context, emails []string) (int, error) {
	var n int
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM zoom_roster`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO zoom_roster (email) SELECT DISTINCT lower(e) FROM unnest($1::text[]) AS e
			ON CONFLICT DO NOTHING`, emails); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT count(*) FROM zoom_roster`).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("import Zoom roster: %w", err)
	}
	return n, nil
}

// InZoomRoster reports whether a roster is loaded and, if so, whether email is on it.
func (db *DB) InZoomRoster(ctx context.Context, email string) (loaded, found bool, err error) {
	err = db.Pool.QueryRow(ctx, `
		SELECT EXISTS (SELECT 1 FROM zoom_roster), EXISTS (SELECT 1 FROM zoom_roster WHERE email = $1)`,
		strings.ToLower(email)).Scan(&loaded, &found)
	if err != nil {
		return false, false, fmt.Errorf("check Zoom roster: %w", err)
	}
	return loaded, found, nil
}
