package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store"
	"github.com/uns-dtik/loket/store/storetest"
)

// waitsForDisk calls f and reports whether PostgreSQL's WAL was on disk past the
// point it had reached before the call once f returned. A synchronous commit always
// is: it returns only after its commit record, written after that point, was
// flushed. An asynchronous commit returns before that, and the WAL writer flushes it
// a moment later (wal_writer_delay) — unless some other commit flushed it meanwhile.
func waitsForDisk(t *testing.T, env *storetest.Env, f func() error) bool {
	t.Helper()
	ctx := context.Background()
	var before string
	if err := env.DB.Pool.QueryRow(ctx, `SELECT pg_current_wal_insert_lsn()::text`).Scan(&before); err != nil {
		t.Fatal(err)
	}
	if err := f(); err != nil {
		t.Fatal(err)
	}
	var flushed bool
	if err := env.DB.Pool.QueryRow(ctx, `SELECT pg_current_wal_flush_lsn() > $1::pg_lsn`, before).Scan(&flushed); err != nil {
		t.Fatal(err)
	}
	return flushed
}

// neverWaitsForDisk reports whether some of tries calls of f returned before their
// commit was flushed: one is proof that f commits asynchronously. Any other
// commit on the server (other tests run beside this one) may flush it first, so one
// call proves nothing; a synchronous f never returns unflushed.
func neverWaitsForDisk(t *testing.T, env *storetest.Env, f func(i int) error) bool {
	t.Helper()
	const tries = 200
	for i := range tries {
		if !waitsForDisk(t, env, func() error { return f(i) }) {
			return true
		}
	}
	return false
}

// TestOnlyTheRecordWaitsForTheDisk: of the inbox's writes per message, only recording
// it waits for the disk (WhatsApp is acknowledged after it). The claim and the
// "handled" mark are asynchronous commits, and a set-aside mark, which no
// replay could redo, waits again.
func TestOnlyTheRecordWaitsForTheDisk(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	var rows []loket.InboxMessage
	for i := range 3 {
		var m loket.InboxMessage
		if !waitsForDisk(t, env, func() error { m = addInbox(t, env, fmt.Sprint("D", i)); return nil }) {
			t.Fatal("recording an inbound message did not wait for the disk")
		}
		rows = append(rows, m)
	}
	// Each mark needs a row where it changes something, every time.
	claims := 0
	if !neverWaitsForDisk(t, env, func(i int) error {
		claims++
		_, err := env.DB.ClaimInbox(ctx, rows[0].Seq, fmt.Sprint("p", i), false)
		return err
	}) {
		t.Errorf("ClaimInbox waited for the disk in every one of %d calls", claims)
	}
	if !waitsForDisk(t, env, func() error { _, err := env.DB.ClaimInbox(ctx, rows[0].Seq, "durable", true); return err }) {
		t.Error("a durable claim did not wait for the disk")
	}
	if !neverWaitsForDisk(t, env, func(int) error {
		// A mark on a handled row still writes (done_at moves on): an update each time.
		return env.DB.FinishInbox(ctx, rows[1].Seq, "")
	}) {
		t.Error("FinishInbox waited for the disk every time")
	}
	if !waitsForDisk(t, env, func() error { return env.DB.FinishInbox(ctx, rows[2].Seq, "set aside after 3 crashes") }) {
		t.Error("setting a message aside did not wait for the disk")
	}
}

// TestInboxReadsSkipFinishedMessages: reading what is pending, as the dispatcher does
// at every pass and the metrics at every scrape, costs the same whether a few or
// thousands of messages were finished since the inbox was last vacuumed. A finished
// message leaves its old row version behind, still listed in the pending index until
// VACUUM. A bitmap scan (which PostgreSQL picks for a young table) visits every such
// version at every read; an index scan marks the entry dead the first time it finds
// the version dead, and later reads skip it.
func TestInboxReadsSkipFinishedMessages(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	if _, err := env.DB.Pool.Exec(ctx, `
		INSERT INTO inbox (chat, msg_id, reply_to, payload, sent_at)
		SELECT '62811' || (i % 50), 'old' || i, '62811@s.whatsapp.net', '\x01', now() FROM generate_series(1, 3000) i`); err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.Pool.Exec(ctx, `UPDATE inbox SET done_at = now()`); err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.AddInbox(ctx, loket.InboxMessage{Chat: "628999", MsgID: "new", ReplyTo: "628999@s.whatsapp.net", Payload: []byte{1}, SentAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	// One connection, so its statistics can be flushed on demand and counted.
	one, err := store.Open(ctx, env.DatabaseURL, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	heapBlocks := func() int64 {
		heap, _ := blocksHit(t, one, "inbox")
		return heap
	}
	reads := map[string]func() error{
		"the dispatcher's read": func() error {
			rows, err := one.PendingInbox(ctx, 50)
			if err == nil && (len(rows) != 1 || rows[0].MsgID != "new") {
				err = fmt.Errorf("pending = %+v, want the one new message", rows)
			}
			return err
		},
		"the queues' count": func() error {
			q, err := one.Queues(ctx)
			if err == nil && q.Inbox != 1 {
				err = fmt.Errorf("queues = %+v, want one message in the inbox", q)
			}
			return err
		},
	}
	for name, read := range reads {
		// A version becomes dead for good once no transaction on the server may still
		// see it; other tests' transactions can hold that back for a moment.
		var perRead int64
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
			before := heapBlocks()
			for range 5 {
				if err := read(); err != nil {
					t.Fatal(err)
				}
			}
			if perRead = (heapBlocks() - before) / 5; perRead <= 3 || time.Now().After(deadline) {
				break
			}
		}
		if perRead > 3 {
			t.Errorf("%s visits %d heap blocks each time, for one message pending among 3,000 finished", name, perRead)
		}
	}
}

// blocksHit returns how many of table's heap and index blocks the sessions of db,
// a DB of one connection, have read from PostgreSQL's buffers so far: what a read
// costs the server, counted exactly where a timing would be noise.
func blocksHit(t *testing.T, db *store.DB, table string) (heap, index int64) {
	t.Helper()
	ctx := context.Background()
	// The counters reach the view when the session goes idle, at most once a second
	// unless told to at the next.
	if _, err := db.Pool.Exec(ctx, `SELECT pg_stat_force_next_flush()`); err != nil {
		t.Fatal(err)
	}
	if err := db.Pool.QueryRow(ctx, `SELECT heap_blks_hit, coalesce(idx_blks_hit, 0) FROM pg_statio_user_tables WHERE relid = $1::regclass`,
		table).Scan(&heap, &index); err != nil {
		t.Fatal(err)
	}
	return heap, index
}
