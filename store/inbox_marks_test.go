package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store"
	"github.com/uns-dtik/loket/store/storetest"
)

// TestMarksMadeTogetherShareAStatement: claims and "handled" marks that come while
// another statement of marks is on its way go together in the next one, and each
// caller still gets its own answer: a claim of a handled message is refused, a claim
// left by a dead process counts a crash, and a fresh claim counts none.
func TestMarksMadeTogetherShareAStatement(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	handled, crashed, fresh, done, blocker := addInbox(t, env, "M1"), addInbox(t, env, "M2"), addInbox(t, env, "M3"), addInbox(t, env, "M4"), addInbox(t, env, "M5")
	if err := env.DB.FinishInbox(ctx, handled.Seq, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.ClaimInbox(ctx, crashed.Seq, "dead process", false); err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.ClaimInbox(ctx, done.Seq, "p", false); err != nil {
		t.Fatal(err)
	}

	before := store.MarkStatements(env.DB)
	release := holdMarks(t, env, blocker)
	var wg sync.WaitGroup
	var handledErr, crashedErr, freshErr, doneErr error
	var crashes, freshCrashes int
	wg.Go(func() { _, handledErr = env.DB.ClaimInbox(ctx, handled.Seq, "p", false) })
	wg.Go(func() { crashes, crashedErr = env.DB.ClaimInbox(ctx, crashed.Seq, "p", false) })
	wg.Go(func() { freshCrashes, freshErr = env.DB.ClaimInbox(ctx, fresh.Seq, "p", false) })
	wg.Go(func() { doneErr = env.DB.FinishInbox(ctx, done.Seq, "") })
	waitFor(t, "four marks to wait", func() bool { return store.MarksWaiting(env.DB) == 4 })
	release()
	wg.Wait()

	if n := store.MarkStatements(env.DB) - before; n != 2 {
		t.Errorf("five marks took %d statements, want 2 (the held one, then the four together)", n)
	}
	if !errors.Is(handledErr, loket.ErrHandled) {
		t.Errorf("claim of a handled message: %v, want ErrHandled", handledErr)
	}
	if crashedErr != nil || crashes != 1 {
		t.Errorf("claim of a dead process's message: %d crashes, %v; want 1", crashes, crashedErr)
	}
	if freshErr != nil || freshCrashes != 0 {
		t.Errorf("fresh claim: %d crashes, %v; want 0", freshCrashes, freshErr)
	}
	if doneErr != nil {
		t.Errorf("mark: %v", doneErr)
	}
	pending, err := env.DB.PendingInbox(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, m := range pending {
		left = append(left, m.MsgID)
	}
	if len(left) != 2 || left[0] != "M2" || left[1] != "M3" {
		t.Errorf("pending after the marks: %v, want [M2 M3] (claimed, not handled)", left)
	}
}

// lockRow locks inbox row seq until the test ends or the returned func commits.
func lockRow(t *testing.T, env *storetest.Env, seq int64) (commit func()) {
	t.Helper()
	ctx := context.Background()
	tx, err := env.DB.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tx.Rollback(ctx) })
	if _, err := tx.Exec(ctx, `SELECT 1 FROM inbox WHERE seq = $1 FOR UPDATE`, seq); err != nil {
		t.Fatal(err)
	}
	return func() {
		t.Helper()
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

// holdMarks puts a statement of marks on its way and holds it there (it marks
// blocker, whose row the test locks), so the marks made next wait and go together in
// the statement after it. release lets it through and waits for it.
func holdMarks(t *testing.T, env *storetest.Env, blocker loket.InboxMessage) (release func()) {
	t.Helper()
	commit := lockRow(t, env, blocker.Seq)
	before := store.MarkStatements(env.DB)
	held := make(chan error, 1)
	go func() { held <- env.DB.FinishInbox(context.Background(), blocker.Seq, "") }()
	waitFor(t, "the held statement to go", func() bool {
		return store.MarkStatements(env.DB) == before+1 && store.MarksWaiting(env.DB) == 0
	})
	return func() {
		t.Helper()
		commit()
		if err := <-held; err != nil {
			t.Fatal(err)
		}
	}
}

// waitFor polls cond for up to ten seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// TestAMarkWaitsOnlyAsLongAsItsCaller: a caller whose mark's statement hangs (a
// locked row here, a frozen server in life) gets its answer when its own context
// ends, even the caller whose mark went first, which sends the statement.
func TestAMarkWaitsOnlyAsLongAsItsCaller(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	m := addInbox(t, env, "H1")
	lockRow(t, env, m.Seq)
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	returned := make(chan error, 1)
	go func() { returned <- env.DB.FinishInbox(short, m.Seq, "") }()
	select {
	case err := <-returned:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("FinishInbox on a held row: %v, want its context's deadline", err)
		}
	case <-time.After(3 * time.Second):
		t.Error("FinishInbox waited past its caller's deadline for the statement it sent")
	}
}

// TestClaimStaysOnItsPage: a claim changes no indexed column, so with room on its
// row's page PostgreSQL writes it there as a heap-only update, with no new entry in
// any of the inbox's indexes. The inbox leaves that room (fillfactor), even on a
// page filled by the messages recorded after it.
func TestClaimStaysOnItsPage(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	first := addInbox(t, env, "P0")
	for i := range 100 {
		if _, err := env.DB.AddInbox(ctx, loket.InboxMessage{Chat: "628111", MsgID: fmt.Sprint("P", i+1), ReplyTo: "628111@s.whatsapp.net",
			Payload: []byte("a message of a few dozen bytes, as most are"), SentAt: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	page := func() (block string) {
		t.Helper()
		if err := env.DB.Pool.QueryRow(ctx, `SELECT (ctid::text::point)[0]::text FROM inbox WHERE seq = $1`, first.Seq).Scan(&block); err != nil {
			t.Fatal(err)
		}
		return block
	}
	before := page()
	if _, err := env.DB.ClaimInbox(ctx, first.Seq, "p", false); err != nil {
		t.Fatal(err)
	}
	if after := page(); after != before {
		t.Errorf("the claim moved the row from page %s to page %s: no room was left on its page", before, after)
	}
}

// TestAMarkWhoseCallerLeftIsNotSent: a claim whose caller has gone (a shutdown's
// cancelled context, a deadline reached while it waited its turn) is not sent: a
// claim nobody released would count a crash against the message at the next claim.
func TestAMarkWhoseCallerLeftIsNotSent(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	gone, waiting, blocker := addInbox(t, env, "G1"), addInbox(t, env, "G2"), addInbox(t, env, "G3")
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := env.DB.ClaimInbox(cancelled, gone.Seq, "p", false); !errors.Is(err, context.Canceled) {
		t.Errorf("claim with a cancelled context: %v, want context.Canceled", err)
	}

	release := holdMarks(t, env, blocker)
	short, cancelShort := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancelShort()
	if _, err := env.DB.ClaimInbox(short, waiting.Seq, "p", false); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("claim that waited past its deadline: %v, want context.DeadlineExceeded", err)
	}
	release()
	waitFor(t, "the marks to be sent", func() bool { return store.MarksWaiting(env.DB) == 0 })
	for _, m := range []loket.InboxMessage{gone, waiting} {
		if n, err := env.DB.ClaimInbox(ctx, m.Seq, "next process", false); err != nil || n != 0 {
			t.Errorf("%s claimed again: %d crashes, %v; want 0 (its first claim never sent)", m.MsgID, n, err)
		}
	}
}

// TestClaimAndMarkOfOneMessageTogether: a message marked handled and claimed in one
// statement (the mark of a caller that gave up waiting, then the claim of the
// message's next try) ends handled, and the claim is told so, as if the mark had gone
// first. PostgreSQL changes a row once per statement: it kept the claim and dropped
// the mark.
func TestClaimAndMarkOfOneMessageTogether(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	m, blocker := addInbox(t, env, "T1"), addInbox(t, env, "T2")
	release := holdMarks(t, env, blocker)
	var wg sync.WaitGroup
	var markErr, claimErr error
	wg.Go(func() { markErr = env.DB.FinishInbox(ctx, m.Seq, "") })
	waitFor(t, "the mark to wait", func() bool { return store.MarksWaiting(env.DB) == 1 })
	wg.Go(func() { _, claimErr = env.DB.ClaimInbox(ctx, m.Seq, "p", false) })
	waitFor(t, "the claim to wait", func() bool { return store.MarksWaiting(env.DB) == 2 })
	release()
	wg.Wait()
	if markErr != nil || !errors.Is(claimErr, loket.ErrHandled) {
		t.Errorf("mark: %v; claim: %v, want ErrHandled", markErr, claimErr)
	}
	pending, err := env.DB.PendingInbox(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 0 {
		t.Errorf("still pending: %d message(s); the mark was dropped", len(pending))
	}
}

// TestMarksArePlannedOnce: the marks' statement keeps one plan per connection, made
// at its first marks, rather than being planned afresh at most runs (which cost
// PostgreSQL more than running it); and that plan, though made on an inbox of one
// message, still goes by the indexes once the inbox holds thousands of messages,
// finished and pending.
func TestMarksArePlannedOnce(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	// pgx's default mode, named here: it keeps a connection's prepared statements,
	// whose plans pg_prepared_statements counts.
	one, err := store.Open(ctx, env.DatabaseURLWith("default_query_exec_mode", "cache_statement"), 1)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	claimAndFinish := func(m loket.InboxMessage) {
		t.Helper()
		if _, err := one.ClaimInbox(ctx, m.Seq, "p", false); err != nil {
			t.Fatal(err)
		}
		if err := one.FinishInbox(ctx, m.Seq, ""); err != nil {
			t.Fatal(err)
		}
	}
	claimAndFinish(addInbox(t, env, "first"))
	if _, err := env.DB.Pool.Exec(ctx, `
		INSERT INTO inbox (chat, msg_id, reply_to, payload, sent_at, done_at)
		SELECT '62899' || (i % 50), 'later' || i, '62899@s.whatsapp.net', '\x01', now(), CASE WHEN i % 2 = 0 THEN now() END
		FROM generate_series(1, 6000) i`); err != nil {
		t.Fatal(err)
	}
	next := make([]loket.InboxMessage, 40)
	for i := range next {
		next[i] = addInbox(t, env, fmt.Sprint("next", i))
	}
	// One claim and one mark at a time, their blocks counted. The counters are
	// every session's: another's report landing in between is waited out.
	var heap, index int64
	for deadline := time.Now().Add(10 * time.Second); len(next) > 0; next = next[1:] {
		heap0, index0 := blocksHit(t, one, "inbox")
		claimAndFinish(next[0])
		heap1, index1 := blocksHit(t, one, "inbox")
		if heap, index = heap1-heap0, index1-index0; heap <= 20 && index <= 30 || time.Now().After(deadline) {
			break
		}
	}
	if heap > 20 || index > 30 {
		t.Errorf("a claim and a mark visited %d heap and %d index blocks of an inbox of 3,000 finished and 3,000 pending messages: the plan does not go by the indexes", heap, index)
	}
	var custom, generic int64
	if err := one.Pool.QueryRow(ctx, `
		SELECT coalesce(sum(custom_plans), 0), coalesce(sum(generic_plans), 0) FROM pg_prepared_statements
		WHERE statement LIKE '%WITH finished AS%' AND statement NOT LIKE '%pg_prepared_statements%'`).Scan(&custom, &generic); err != nil {
		t.Fatal(err)
	}
	if custom != 0 || generic < 4 {
		t.Errorf("the statements of marks were planned %d times afresh and ran a kept plan %d times; want none afresh", custom, generic)
	}
}
