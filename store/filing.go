package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/uns-dtik/loket"
)

// FileRequest creates a request with status submitted, links its letter, writes the
// filing audit event and the announcement's outbox rows, all in one transaction.
// Filing the same draft again returns the request filed the first time, so a
// redelivered "kirim" never files (or announces) twice. announce may be nil.
//
// It takes two round trips on a connection that has filed before (pgx prepares a
// statement the first time a connection runs it, in a round trip of its own):
// "kirim" is the dialog's slowest answer, and under load every round trip costs it
// most. The first begins the transaction, locks the letter, finds the draft filed
// already or draws the new request's ID from its sequence, and takes and reads what
// the filing checks (filingChecks). The second writes the request and everything
// with it, commits, and reads the request back.
//
// References have no gaps: the service's counter row is taken in the filing's
// transaction and held to its commit, so a service's filings take turns for it.
// Drawn in the last round trip, the number is held only for that round trip's
// statements and commit, never while a filing waits for the network. That needs the
// transaction begun and committed by hand (pgx's Tx commits in a round trip of its
// own), the letter locked in the first round trip (its link cannot fail then), and
// the reference the announcement quotes filled in by the statement that writes it
// (refPlaceholder).
//
// Sent with its COMMIT, the second round trip commits even if ctx ends meanwhile and
// FileRequest returns an error: filing the draft again then finds it filed. A draft
// filed before takes the first round trip's locks for a moment, then a third round
// trip reads it.
func (db *DB) FileRequest(ctx context.Context, n loket.NewRequest, now time.Time, announce loket.Announcer) (*loket.Request, error) {
	r, filed, err := db.fileRequest(ctx, n, now, announce)
	var taken *loket.TakenError
	switch {
	case errors.As(err, &taken) || errors.Is(err, loket.ErrLetterGone):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("file request: %w", err)
	case r == nil:
		return db.requestWhere(ctx, `r.id = $1`, filed) // filed before
	}
	return r, nil
}

// fileRequest files n on a connection of its own and returns the request, or only
// the ID of the request the draft was filed as before (read once the connection is
// back: a pool of one must not wait for itself).
func (db *DB) fileRequest(ctx context.Context, n loket.NewRequest, now time.Time, announce loket.Announcer) (r *loket.Request, before int64, err error) {
	conn, err := db.Pool.Acquire(ctx)
	if err != nil {
		return nil, 0, err
	}
	// Deferred, so a panic in announce gives the connection back too. One left inside
	// a transaction (a rollback that failed) is closed by the pool, not reused.
	defer conn.Release()
	committed := false
	defer func() {
		if !committed {
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			_, _ = conn.Exec(rctx, `ROLLBACK`)
			cancel()
		}
	}()
	var id int64
	var filed, letterFree bool
	b := &pgx.Batch{}
	b.Queue(`BEGIN`)
	if n.LetterID != 0 {
		// Before the draft is looked up: the same draft filed at the same moment
		// (a failover's overlap, a retry while a filing timed out) waits here for
		// the first, then finds it filed, rather than its letter taken.
		b.Queue(`SELECT EXISTS (SELECT 1 FROM letters WHERE id = $1 AND chat = $2 AND request_id IS NULL FOR UPDATE)`, n.LetterID, n.Chat).
			QueryRow(func(row pgx.Row) error { return row.Scan(&letterFree) })
	}
	b.Queue(`SELECT id, true FROM requests WHERE draft_id = $1
		UNION ALL SELECT nextval(pg_get_serial_sequence('requests', 'id')), false LIMIT 1`, n.DraftID).
		QueryRow(func(row pgx.Row) error { return row.Scan(&id, &filed) })
	checks, err := queueChecks(b, n, 0, announce)
	if err != nil {
		return nil, 0, err
	}
	if err := conn.SendBatch(ctx, b).Close(); err != nil {
		return nil, 0, err
	}
	switch {
	case filed:
		return nil, id, nil
	case checks.taken != nil:
		return nil, 0, checks.taken
	case n.LetterID != 0 && !letterFree:
		return nil, 0, loket.ErrLetterGone
	}
	fields, err := marshalFields(n.Fields)
	if err != nil {
		return nil, 0, err
	}
	placeholder, err := refPlaceholder()
	if err != nil {
		return nil, 0, err
	}
	// The reference is drawn with the request's row (loket.FormatRef's spelling, in
	// SQL: TestReferencesPastTenThousand).
	b = &pgx.Batch{}
	b.Queue(`
		WITH c AS (
			INSERT INTO ref_counters (service, year, last) VALUES ($2, $13, 1)
			ON CONFLICT (service, year) DO UPDATE SET last = ref_counters.last + 1
			RETURNING last)
		INSERT INTO requests (id, ref, draft_id, service, chat, phone, name, lang, status, fields, created_at, updated_at, period, waiting)
		VALUES ($12, (SELECT $2 || '-' || $13 || '-' || lpad(last::text, greatest(4, length(last::text)), '0') FROM c),
			$1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11)`,
		n.DraftID, n.Service, n.Chat, n.Phone, n.Name, string(n.Lang), string(loket.StatusSubmitted), fields, now,
		periodRange(n.Period), checks.waiting, id, now.In(loket.Jakarta).Year())
	if n.LetterID != 0 {
		// Locked in the first round trip, the letter is still the draft's. Nothing
		// here may be checked in Go: the batch's COMMIT runs before any answer is read.
		b.Queue(linkLetterSQL, id, n.LetterID, n.Chat)
	}
	b.Queue(`
		INSERT INTO request_events (request_id, at, actor, role, from_status, to_status)
		VALUES ($1, $2, $3, $5, '', $4)`, id, now, loket.ApplicantActor(n.Phone, n.Chat), string(loket.StatusSubmitted), loket.ApplicantRole)
	announced := &loket.Request{ID: id, Ref: placeholder, Service: n.Service, Chat: n.Chat, Phone: n.Phone, Name: n.Name, Lang: n.Lang,
		Fields: n.Fields, Period: n.Period, Waiting: checks.waiting, CreatedAt: now, UpdatedAt: now}
	checks.announcement.queue(b, announced, announce, now, placeholder)
	b.Queue(`COMMIT`).Exec(func(pgconn.CommandTag) error {
		committed = true
		return nil
	})
	b.Queue(`SELECT `+requestColumns+` FROM requests r WHERE r.id = $1`, id).QueryRow(func(row pgx.Row) (err error) {
		r, err = scanRequest(row)
		return err
	})
	b.Queue(letterMetaSQL("request_id"), id).QueryRow(func(row pgx.Row) (err error) {
		r.Letter, err = scanLetterMeta(row, "request_id", id)
		return err
	})
	if err := conn.SendBatch(ctx, b).Close(); err != nil {
		if committed {
			return nil, 0, fmt.Errorf("read request %d back: %w", id, err)
		}
		return nil, 0, err
	}
	return r, 0, nil
}

// filingChecks is what a filing (or a resubmission) locks and reads before it
// writes, in the round trip that begins its transaction: the unique fields (locked,
// then looked up), what the announcement needs, and the licence days (locked, then
// counted). The fields are set once the batch it was queued in has run.
type filingChecks struct {
	taken        *loket.TakenError
	announcement *announcement
	waiting      bool
}

// queueChecks adds n's checks to b; except is the request being resubmitted, 0 for
// a new one.
func queueChecks(b *pgx.Batch, n loket.NewRequest, except int64, announce loket.Announcer) (*filingChecks, error) {
	c := &filingChecks{}
	if err := queueUnique(b, n, except, c); err != nil {
		return nil, err
	}
	c.announcement = queueAnnouncement(b, announce, n.LetterID, except)
	if err := queueDays(b, n, except, c); err != nil {
		return nil, err
	}
	return c, nil
}

// refPlaceholder is what the announcement quotes in place of a reference not drawn
// yet; the statement that writes the announcement puts the reference in its place
// (queueOutbox). It is random, so no applicant's answer can hold it.
func refPlaceholder() (string, error) {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return "{ref:" + hex.EncodeToString(b[:]) + "}", nil
}

// linkLetterSQL makes letter $2, chat $3's, request $1's.
const linkLetterSQL = `UPDATE letters SET request_id = $1 WHERE id = $2 AND chat = $3 AND (request_id IS NULL OR request_id = $1)`

// queueLinkLetter adds to b making the draft's letter the request's; the batch fails
// with loket.ErrLetterGone when the letter is no longer the draft's to give.
func queueLinkLetter(b *pgx.Batch, requestID int64, n loket.NewRequest) {
	if n.LetterID == 0 {
		return
	}
	b.Queue(linkLetterSQL, requestID, n.LetterID, n.Chat).Exec(func(tag pgconn.CommandTag) error {
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

// queueAnnouncement adds to b reading what announce needs, nil when it is nil: the
// staff, and the letter — letterID's when the message brings one, else request
// requestID's newest (a resubmission that keeps its letter).
func queueAnnouncement(b *pgx.Batch, announce loket.Announcer, letterID, requestID int64) *announcement {
	if announce == nil {
		return nil
	}
	a := &announcement{}
	column, value := "id", letterID
	if letterID == 0 {
		column, value = "request_id", requestID
	}
	if value != 0 {
		b.Queue(letterMetaSQL(column), value).QueryRow(func(row pgx.Row) (err error) {
			a.letter, err = scanLetterMeta(row, column, value)
			return err
		})
	}
	b.Queue(fmt.Sprintf(staffRows, "")).Query(func(rows pgx.Rows) (err error) {
		a.staff, err = scanStaff(rows)
		return err
	})
	return a
}

// queue adds the announcement of r (just filed or resubmitted) to b; placeholder,
// unless "", is r.Ref, a refPlaceholder.
func (a *announcement) queue(b *pgx.Batch, r *loket.Request, announce loket.Announcer, at time.Time, placeholder string) {
	if a == nil {
		return
	}
	r.Letter = a.letter
	queueOutbox(b, r.ID, announce(r, a.staff), at, placeholder)
}
