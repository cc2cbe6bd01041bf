package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store/storetest"
)

// TestQueues: what waits is counted, with the age of the oldest; what is handled,
// sent or given up is not.
func TestQueues(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	q, err := env.DB.Queues(ctx)
	if err != nil || q.Inbox != 0 || q.Outbox != 0 || q.InboxOldest != 0 {
		t.Fatalf("empty: %+v %v", q, err)
	}
	first := addInbox(t, env, "Q1")
	addInbox(t, env, "Q2")
	if err := env.DB.FinishInbox(ctx, first.Seq, ""); err != nil {
		t.Fatal(err)
	}
	if err := env.DB.Notify(ctx, 0, []loket.Notification{{Chat: "628111", Text: "a"}, {Chat: "628112", Text: "b"}}, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	q, err = env.DB.Queues(ctx)
	if err != nil || q.Inbox != 1 || q.Outbox != 2 || q.InboxOldest < 20*time.Millisecond || q.OutboxOldest < 20*time.Millisecond {
		t.Fatalf("waiting: %+v %v", q, err)
	}
}
