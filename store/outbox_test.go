package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store"
	"github.com/uns-dtik/loket/store/storetest"
)

// TestOutboxReadSkipsABacklog: the sender's read takes each recipient's first unsent
// notification, and what it costs the server does not grow with one recipient's
// backlog (the admin's, hundreds of filings paced one by one): it visits the first
// of each recipient, not every row behind it.
func TestOutboxReadSkipsABacklog(t *testing.T) {
	t.Parallel()
	now := time.Now()
	var notes []loket.Notification
	for i := range 400 {
		notes = append(notes, loket.Notification{Chat: "628100", Text: fmt.Sprint("permohonan ", i)})
	}
	for _, chat := range []string{"628111", "628122", "628133"} {
		notes = append(notes, loket.Notification{Chat: chat, Text: "untuk " + chat})
	}
	rows, blocks := readOutboxOnce(t, notes, now)
	var got []string
	for _, r := range rows {
		got = append(got, r.Body)
	}
	if want := "[permohonan 0 untuk 628111 untuk 628122 untuk 628133]"; fmt.Sprint(got) != want {
		t.Fatalf("pending = %v, want %s: each recipient's first, oldest first", got, want)
	}
	if blocks > 40 {
		t.Errorf("one read of the outbox visits %d blocks for four recipients' first rows", blocks)
	}
}

// TestOutboxReadOfManyRecipients: with many recipients, one notification each (a
// wave of status changes to applicants), a read takes the oldest, and costs a few
// blocks per recipient waiting: never a pass over every pending row for each one.
func TestOutboxReadOfManyRecipients(t *testing.T) {
	t.Parallel()
	now := time.Now()
	var notes []loket.Notification
	for i := range 600 {
		notes = append(notes, loket.Notification{Chat: fmt.Sprintf("62812%05d", 99999-i), Text: fmt.Sprint("kabar ", i)})
	}
	notes = append(notes, loket.Notification{Chat: "6281299999", Text: "kedua untuk 6281299999"})
	rows, blocks := readOutboxOnce(t, notes, now)
	if len(rows) != 10 || rows[0].Body != "kabar 0" || rows[9].Body != "kabar 9" {
		t.Fatalf("pending = %+v, want the ten oldest", rows)
	}
	if blocks > 4*600 {
		t.Errorf("one read among 600 recipients visits %d blocks, more than 4 a recipient", blocks)
	}
}

// readOutboxOnce writes notes to a fresh outbox at now and reads it as the sender
// does a second after they were written (limit 10), through a connection of its own: it returns the
// second read's rows and the blocks that read cost the server (the first may tidy
// the index as it goes).
func readOutboxOnce(t *testing.T, notes []loket.Notification, now time.Time) ([]loket.OutboxMessage, int64) {
	t.Helper()
	env := storetest.New(t)
	ctx := context.Background()
	if err := env.DB.Notify(ctx, 0, notes, now, nil); err != nil {
		t.Fatal(err)
	}
	// A second after the rows were written, not after now: a row is due from its
	// transaction's start (the server's now()), and a slow machine may take longer
	// than a second to make the test's schema between now and then.
	readAt := time.Now().Add(time.Second)
	one, err := store.Open(ctx, env.DatabaseURL, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	var rows []loket.OutboxMessage
	var heap, index [2]int64
	for range 2 {
		heap[0], index[0] = blocksHit(t, one, "outbox")
		if rows, err = one.PendingOutbox(ctx, readAt, 10); err != nil {
			t.Fatal(err)
		}
		heap[1], index[1] = blocksHit(t, one, "outbox")
	}
	blocks := heap[1] - heap[0] + index[1] - index[0]
	t.Logf("one read of the outbox: %d blocks", blocks)
	return rows, blocks
}

// TestOutboxReadTakesEachRecipientsFirst: in random outboxes (rows sent, given up,
// not yet due, recipients of every spelling), the read answers what its contract
// says, computed here from the rows: each recipient's oldest row neither sent nor
// given up, when it is due, oldest first, up to the limit.
func TestOutboxReadTakesEachRecipientsFirst(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	now := time.Now()
	random := rand.New(rand.NewPCG(7, 11))
	recipients := []string{"", "A", "a", "ä", "628111", "628112", "6281120", "62811"}
	for round := range 30 {
		if _, err := env.DB.Pool.Exec(ctx, `TRUNCATE outbox`); err != nil {
			t.Fatal(err)
		}
		type row struct {
			id        int64
			recipient string
			sent, up  bool
			due       bool
		}
		var rows []row
		for range 1 + random.IntN(40) {
			r := row{recipient: recipients[random.IntN(len(recipients))], sent: random.IntN(4) == 0, up: random.IntN(8) == 0, due: random.IntN(5) != 0}
			notBefore := now.Add(-time.Minute)
			if !r.due {
				notBefore = now.Add(time.Hour)
			}
			err := env.DB.Pool.QueryRow(ctx, `
				INSERT INTO outbox (recipient, msg_id, body, created_at, not_before, sent_at, given_up_at)
				VALUES ($1, $2, 'x', $3::timestamptz, $4, CASE WHEN $5 THEN $3::timestamptz END, CASE WHEN $6 THEN $3::timestamptz END) RETURNING id`,
				r.recipient, loket.NewMessageID(), now, notBefore, r.sent, r.up).Scan(&r.id)
			if err != nil {
				t.Fatal(err)
			}
			rows = append(rows, r)
		}
		limit := 1 + random.IntN(6)
		var want []int64
		seen := map[string]bool{}
		for _, r := range rows { // in ID order
			if r.sent || r.up || seen[r.recipient] {
				continue
			}
			seen[r.recipient] = true
			if r.due && len(want) < limit {
				want = append(want, r.id)
			}
		}
		got, err := env.DB.PendingOutbox(ctx, now, limit)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, g := range got {
			ids = append(ids, g.ID)
		}
		if fmt.Sprint(ids) != fmt.Sprint(want) {
			t.Fatalf("round %d, limit %d: read %v, want %v", round, limit, ids, want)
		}
	}
}
