package store_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store"
	"github.com/uns-dtik/loket/store/storetest"
)

// holdRecords puts a statement of records on its way and holds it there (it records
// a message whose key an open transaction of the test has inserted, so the statement
// waits for that transaction), so the records made next wait and go together in the
// statement after it. release rolls the test's transaction back, which lets the held
// record in, and waits for it.
func holdRecords(t *testing.T, env *storetest.Env, chat string) (release func()) {
	t.Helper()
	ctx := context.Background()
	tx, err := env.DB.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tx.Rollback(ctx) })
	blocker := inboxMsg(chat, "blocker")
	if _, err := tx.Exec(ctx, `INSERT INTO inbox (chat, msg_id, reply_to, payload, sent_at) VALUES ($1, $2, $3, $4, $5)`,
		blocker.Chat, blocker.MsgID, blocker.ReplyTo, blocker.Payload, blocker.SentAt); err != nil {
		t.Fatal(err)
	}
	before := store.RecordStatements(env.DB)
	held := make(chan error, 1)
	go func() {
		added, err := env.DB.AddInbox(ctx, blocker)
		if err == nil && !added {
			err = errorString("the held record was not added")
		}
		held <- err
	}()
	waitFor(t, "the held statement to go", func() bool {
		return store.RecordStatements(env.DB) == before+1 && store.RecordsWaiting(env.DB) == 0
	})
	return func() {
		t.Helper()
		if err := tx.Rollback(ctx); err != nil {
			t.Fatal(err)
		}
		if err := <-held; err != nil {
			t.Fatal(err)
		}
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }

func inboxMsg(chat, id string) loket.InboxMessage {
	return loket.InboxMessage{Chat: chat, MsgID: id, Phone: chat, Name: "Sari", ReplyTo: chat + "@s.whatsapp.net", Payload: []byte(id), SentAt: time.Now()}
}

// TestRecordsMadeTogetherShareAStatement: inbound messages recorded while another
// statement of records is on its way go together in the next one, in the order they
// came, and each caller learns whether its own message was new: a redelivery of a
// message recorded before is not, nor the second of two deliveries of one message in
// the same statement.
func TestRecordsMadeTogetherShareAStatement(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	const chat = "628222"
	if added, err := env.DB.AddInbox(ctx, inboxMsg(chat, "old")); err != nil || !added {
		t.Fatalf("first record: %v, %v", added, err)
	}

	before := store.RecordStatements(env.DB)
	release := holdRecords(t, env, chat)
	ids := []string{"A", "old", "B", "A", "C"}
	added := make([]bool, len(ids))
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		// One after another, so the statement's order is known: each waits until the
		// one before it is queued.
		wg.Go(func() { added[i], errs[i] = env.DB.AddInbox(ctx, inboxMsg(chat, id)) })
		waitFor(t, "the record to wait", func() bool { return store.RecordsWaiting(env.DB) == i+1 })
	}
	release()
	wg.Wait()

	if n := store.RecordStatements(env.DB) - before; n != 2 {
		t.Errorf("six records took %d statements, want 2 (the held one, then the five together)", n)
	}
	want := []bool{true, false, true, false, true}
	for i := range ids {
		if errs[i] != nil || added[i] != want[i] {
			t.Errorf("record %d (%s): added %v, %v; want %v", i, ids[i], added[i], errs[i], want[i])
		}
	}
	rows, err := env.DB.PendingInbox(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, r := range rows {
		order = append(order, r.MsgID)
		if r.Name != "Sari" || r.Phone != chat || r.ReplyTo != chat+"@s.whatsapp.net" || string(r.Payload) != r.MsgID {
			t.Errorf("%s recorded as %+v", r.MsgID, r)
		}
	}
	if got := strings.Join(order, " "); got != "old blocker A B C" {
		t.Errorf("inbox order %q, want %q", got, "old blocker A B C")
	}
}

// TestARefusedRecordKeepsNoOtherOut: a message whose data PostgreSQL refuses (a NUL
// in a name, which a text column cannot hold) fails alone; the messages that shared
// its statement are recorded.
func TestARefusedRecordKeepsNoOtherOut(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	const chat = "628333"
	release := holdRecords(t, env, chat)
	bad := inboxMsg(chat, "bad")
	bad.Name = "Sa\x00ri"
	msgs := []loket.InboxMessage{inboxMsg(chat, "before"), bad, inboxMsg(chat, "after")}
	added := make([]bool, len(msgs))
	errs := make([]error, len(msgs))
	var wg sync.WaitGroup
	for i, m := range msgs {
		wg.Go(func() { added[i], errs[i] = env.DB.AddInbox(ctx, m) })
		waitFor(t, "the record to wait", func() bool { return store.RecordsWaiting(env.DB) == i+1 })
	}
	release()
	wg.Wait()

	if errs[1] == nil || added[1] {
		t.Errorf("the message with a NUL: added %v, %v; want refused", added[1], errs[1])
	}
	for _, i := range []int{0, 2} {
		if errs[i] != nil || !added[i] {
			t.Errorf("%s: added %v, %v; want added", msgs[i].MsgID, added[i], errs[i])
		}
	}
}

// TestARecordWaitsOnlyAsLongAsItsCaller: a caller whose record's statement hangs (a
// frozen server in life) gets its answer when its own context ends, and a caller who
// left before its statement went sends nothing.
func TestARecordWaitsOnlyAsLongAsItsCaller(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	const chat = "628444"
	release := holdRecords(t, env, chat)
	short, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := env.DB.AddInbox(short, inboxMsg(chat, "gone"))
	if err == nil || time.Since(start) > 3*time.Second {
		t.Fatalf("a record whose caller left: %v after %v; want the caller's deadline", err, time.Since(start))
	}
	release()
	rows, err := env.DB.PendingInbox(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.MsgID == "gone" {
			t.Errorf("the record of a caller who left before its statement went was sent")
		}
	}
}
