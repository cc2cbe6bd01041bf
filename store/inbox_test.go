package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/uns-dtik/loket"
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
