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

func addInbox(t *testing.T, env *storetest.Env, id string) loket.InboxMessage {
	t.Helper()
	ctx := context.Background()
	if _, err := env.DB.AddInbox(ctx, loket.InboxMessage{Chat: "628111", MsgID: id, ReplyTo: "628111@s.whatsapp.net", Payload: []byte{1}, SentAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	rows, err := env.DB.PendingInbox(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.MsgID == id {
			return r
		}
	}
	t.Fatalf("%s is not pending", id)
	return loket.InboxMessage{}
}

// TestClaimCountsCrashes: a claim left by another process is a crash; this process's
// own claim, or one released after a failure, is not.
func TestClaimCountsCrashes(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	m := addInbox(t, env, "A1")
	claims := []struct {
		runner string
		want   int
	}{{"p1", 0}, {"p1", 0}, {"p2", 1}, {"p3", 2}}
	for _, c := range claims {
		if n, err := env.DB.ClaimInbox(ctx, m.Seq, c.runner, false); err != nil || n != c.want {
			t.Fatalf("claim by %s = %d, %v; want %d crashes", c.runner, n, err, c.want)
		}
	}
	// A failure releases the claim: the next process finds no crash in it.
	if n, err := env.DB.FailInbox(ctx, m.Seq, "outage", false); err != nil || n != 0 {
		t.Fatalf("uncounted failure = %d, %v", n, err)
	}
	if n, _ := env.DB.ClaimInbox(ctx, m.Seq, "p4", false); n != 2 {
		t.Fatalf("claim after a release = %d crashes, want still 2", n)
	}
	if n, err := env.DB.FailInbox(ctx, m.Seq, "bad", true); err != nil || n != 1 {
		t.Fatalf("counted failure = %d, %v; want 1 attempt", n, err)
	}
	// A message handled already cannot be claimed: read as pending a moment before
	// it was marked, it must not be handled again.
	if err := env.DB.FinishInbox(ctx, m.Seq, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.ClaimInbox(ctx, m.Seq, "p5", false); !errors.Is(err, loket.ErrHandled) {
		t.Fatalf("claim of a handled message: %v, want loket.ErrHandled", err)
	}
}

// TestHandledRepliesCommitWithTheChange: the replies of a staff command are recorded
// by the change's own transaction, and not at all when the change is refused.
func TestHandledRepliesCommitWithTheChange(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	m := addInbox(t, env, "V1")
	r, err := env.DB.FileRequest(ctx, loket.NewRequest{DraftID: "d", Service: "ZM", Chat: "628222", Fields: []loket.Field{}}, time.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	reply := []loket.Reply{{Chat: "628111", Text: "✅ ZM sekarang: terverifikasi."}}
	move := loket.Move{RequestID: r.ID, From: loket.StatusSubmitted, To: loket.StatusVerified, Actor: "+628111", Role: "admin",
		At: time.Now(), Handled: &loket.Handled{Seq: m.Seq, Replies: reply}}
	if err := env.DB.MoveRequest(ctx, move); err != nil {
		t.Fatal(err)
	}
	got := addInbox(t, env, "V1")
	if len(got.Replies) != 1 || got.Replies[0].Text != reply[0].Text {
		t.Fatalf("recorded replies = %+v", got.Replies)
	}
	other := addInbox(t, env, "V2")
	move.Handled = &loket.Handled{Seq: other.Seq, Replies: reply}
	if err := env.DB.MoveRequest(ctx, move); !errors.Is(err, loket.ErrMoved) {
		t.Fatalf("a second move from submitted: %v", err)
	}
	if got := addInbox(t, env, "V2"); got.Replies != nil {
		t.Fatalf("a refused move recorded replies: %+v", got.Replies)
	}
}

// TestLettersAreIdempotentAndDroppable: the same message stores its letter once; a
// draft's replaced letter is deleted, a filed one is not; expired drafts' letters go.
func TestLettersAreIdempotentAndDroppable(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	l := loket.Letter{FileName: "s.pdf", Size: 3, Pages: 1, SHA256: []byte{1}, Data: []byte("pdf")}
	first, err := env.DB.AddLetter(ctx, "628111", 7, l)
	if err != nil {
		t.Fatal(err)
	}
	again, err := env.DB.AddLetter(ctx, "628111", 7, l)
	if err != nil || again != first {
		t.Fatalf("the same message stored letter %d, then %d (%v)", first, again, err)
	}
	filed, _ := env.DB.AddLetter(ctx, "628111", 8, l)
	if _, err := env.DB.FileRequest(ctx, loket.NewRequest{DraftID: "d", Service: "ZM", Chat: "628111", LetterID: filed}, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	if err := env.DB.DropLetters(ctx, "628111", []int64{first, filed}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.Letter(ctx, first); !errors.Is(err, loket.ErrNotFound) {
		t.Fatalf("the dropped draft letter is still there: %v", err)
	}
	if _, err := env.DB.Letter(ctx, filed); err != nil {
		t.Fatalf("a filed letter was dropped: %v", err)
	}
	old, _ := env.DB.AddLetter(ctx, "628111", 9, l)
	if n, err := env.DB.PurgeDraftLetters(ctx, time.Now().Add(time.Minute)); err != nil || n != 1 {
		t.Fatalf("purge = %d, %v; want the one unfiled letter", n, err)
	}
	if _, err := env.DB.Letter(ctx, old); !errors.Is(err, loket.ErrNotFound) {
		t.Fatal("the expired draft's letter survived the purge")
	}
	// Filing a draft whose letter is gone says so, so the dialog asks for it again.
	_, err = env.DB.FileRequest(ctx, loket.NewRequest{DraftID: "d2", Service: "ZM", Chat: "628111", LetterID: old}, time.Now(), nil)
	if !errors.Is(err, loket.ErrLetterGone) {
		t.Fatalf("filing with a purged letter: %v", err)
	}
}

// TestQuestionnaireAnswerReplayed: the message that answered a step, handled again,
// meets the same step and changes nothing.
func TestQuestionnaireAnswerReplayed(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	now := time.Now()
	r, err := env.DB.FileRequest(ctx, loket.NewRequest{DraftID: "d", Service: "ZM", Chat: "628111"}, now, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []loket.Status{loket.StatusVerified, loket.StatusDisposed, loket.StatusDone} {
		from := map[loket.Status]loket.Status{loket.StatusVerified: loket.StatusSubmitted, loket.StatusDisposed: loket.StatusVerified, loket.StatusDone: loket.StatusDisposed}[st]
		if err := env.DB.MoveRequest(ctx, loket.Move{RequestID: r.ID, From: from, To: st, At: now, AskQuestionnaire: st == loket.StatusDone}); err != nil {
			t.Fatal(err)
		}
	}
	since := now.Add(-time.Hour)
	for i, seq := range []int64{11, 11, 12} { // 11 handled twice, then 12
		q, err := env.DB.OpenQuestionnaire(ctx, "628111", since, seq)
		if err != nil || q == nil {
			t.Fatalf("%d: open questionnaire = %v, %v", i, q, err)
		}
		want := map[int64]int{11: 0, 12: 1}[seq]
		if q.Step != want {
			t.Fatalf("message %d (handling %d) met step %d, want %d", seq, i+1, q.Step, want)
		}
		if err := env.DB.AnswerQuestionnaire(ctx, q.RequestID, q.Step, 5-i, now, seq); err != nil {
			t.Fatal(err)
		}
	}
	var speed, ease int
	if err := env.DB.Pool.QueryRow(ctx, `SELECT speed, ease FROM questionnaires WHERE request_id = $1`, r.ID).Scan(&speed, &ease); err != nil {
		t.Fatal(err)
	}
	if speed != 5 || ease != 3 {
		t.Fatalf("speed %d, ease %d; want 5 (the first handling of message 11) and 3 (message 12)", speed, ease)
	}
}

// TestResubmitReplayed: the same corrected draft resubmitted again is recognised.
func TestResubmitReplayed(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	now := time.Now()
	n := loket.NewRequest{DraftID: "d", Service: "ZM", Chat: "628111"}
	r, err := env.DB.FileRequest(ctx, n, now, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := env.DB.MoveRequest(ctx, loket.Move{RequestID: r.ID, From: loket.StatusSubmitted, To: loket.StatusRevision, At: now}); err != nil {
		t.Fatal(err)
	}
	n.DraftID = "revision-1-abc"
	resubmit := loket.Move{RequestID: r.ID, From: loket.StatusRevision, To: loket.StatusSubmitted, Actor: n.Chat, Role: "pemohon", At: now}
	announced := 0
	announce := func(*loket.Request, []loket.Staff) []loket.Notification {
		announced++
		return nil
	}
	for i := range 2 {
		got, err := env.DB.ResubmitRequest(ctx, n, resubmit, announce)
		if err != nil || got.Status != loket.StatusSubmitted {
			t.Fatalf("resubmission %d = %+v, %v", i+1, got, err)
		}
	}
	if announced != 1 {
		t.Fatalf("the corrected request was announced %d times, want once", announced)
	}
	n.DraftID = "revision-1-other"
	if _, err := env.DB.ResubmitRequest(ctx, n, resubmit, announce); !errors.Is(err, loket.ErrMoved) {
		t.Fatalf("another draft resubmitting a submitted request: %v", err)
	}
}

// TestFilingWithOneConnection: filing announces inside its transaction; with a pool
// of one connection and many filings at once, none may wait for a second connection.
func TestFilingWithOneConnection(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	one, err := store.Open(ctx, env.DatabaseURLWith("pool_max_conns", "1"), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	if err := one.AddStaff(ctx, "+628100", loket.RoleAdmin, "Rina", nil, nil); err != nil {
		t.Fatal(err)
	}
	announce := func(r *loket.Request, staff []loket.Staff) []loket.Notification {
		return []loket.Notification{{Chat: staff[0].Phone[1:], Text: "baru " + r.Ref}}
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Go(func() {
			_, err := one.FileRequest(ctx, loket.NewRequest{DraftID: fmt.Sprint("d", i), Service: "ZM", Chat: fmt.Sprint("62811", i)}, time.Now(), announce)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("filing with one connection: %v", err)
		}
	}
}

// TestGivenUpOutboxRowHoldsNothingUp: a row set aside no longer blocks its
// recipient's later rows.
func TestGivenUpOutboxRowHoldsNothingUp(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	now := time.Now()
	if err := env.DB.Notify(ctx, 0, []loket.Notification{{Chat: "628111", Text: "satu"}, {Chat: "628111", Text: "dua"}}, now, nil); err != nil {
		t.Fatal(err)
	}
	rows, _ := env.DB.PendingOutbox(ctx, now.Add(time.Second), 10)
	if len(rows) != 1 || rows[0].Body != "satu" {
		t.Fatalf("pending = %+v, want only the first", rows)
	}
	if err := env.DB.GiveUpOutbox(ctx, rows[0].ID, "undeliverable"); err != nil {
		t.Fatal(err)
	}
	rows, _ = env.DB.PendingOutbox(ctx, now.Add(time.Second), 10)
	if len(rows) != 1 || rows[0].Body != "dua" {
		t.Fatalf("after giving up the first, pending = %+v", rows)
	}
}

// TestReadyTellsReadOnly: a database that answers but refuses writes is not ready,
// and the reason names no user or database.
func TestReadyTellsReadOnly(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	if err := env.DB.Ready(ctx); err != nil {
		t.Fatalf("a writable database: %v", err)
	}
	ro, err := store.Open(ctx, env.DatabaseURLWith("default_transaction_read_only", "on"), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.Ready(ctx); !errors.Is(err, store.ErrPostgresReadOnly) {
		t.Fatalf("a read-only database: %v", err)
	}
	if err := env.Sessions.Ready(ctx); err != nil {
		t.Fatalf("Redis: %v", err)
	}
}

func TestPurgeInboxKeepsWhatIsPending(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	done := addInbox(t, env, "P1")
	addInbox(t, env, "P2")
	if err := env.DB.FinishInbox(ctx, done.Seq, ""); err != nil {
		t.Fatal(err)
	}
	if n, err := env.DB.PurgeInbox(ctx, time.Now().Add(time.Minute)); err != nil || n != 1 {
		t.Fatalf("purge = %d, %v", n, err)
	}
	if rows, _ := env.DB.PendingInbox(ctx, 10); len(rows) != 1 || rows[0].MsgID != "P2" {
		t.Fatalf("pending after the purge: %+v", rows)
	}
}

// TestPendingInboxPerChat: one chat's backlog never hides another chat's message.
func TestPendingInboxPerChat(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	for i, chat := range []string{"628111", "628111", "628111", "628111", "628111", "628222"} {
		m := loket.InboxMessage{Chat: chat, MsgID: fmt.Sprint("F", i), ReplyTo: chat + "@s.whatsapp.net", Payload: []byte{1}, SentAt: time.Now()}
		if _, err := env.DB.AddInbox(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := env.DB.PendingInbox(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0].Chat != "628111" || rows[1].Chat != "628111" || rows[2].Chat != "628222" {
		t.Fatalf("pending = %+v, want the first 2 of the flooding chat and the other chat's one", rows)
	}
}
