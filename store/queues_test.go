package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store"
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

// TestQueuesLeaveTheConnectionClean: counting the queues gives its connection back
// to the pool only once it is done with it, so a query on the same connection right
// after gets all its rows (with one connection, every read takes the one the count
// just gave back; run under -race, a count that touched it late is reported).
func TestQueuesLeaveTheConnectionClean(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	one, err := store.Open(ctx, env.DatabaseURL, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	var wg sync.WaitGroup
	wg.Go(func() {
		for range 300 {
			if _, err := one.Queues(ctx); err != nil {
				t.Error(err)
				return
			}
		}
	})
	wg.Go(func() {
		for range 300 {
			rows, err := one.Pool.Query(ctx, `SELECT generate_series(1, 200)`)
			n := 0
			if err == nil {
				for rows.Next() {
					n++
				}
				err = rows.Err()
			}
			if err != nil || n != 200 {
				t.Errorf("a query beside the queues' count read %d rows of 200 (%v)", n, err)
				return
			}
		}
	})
	wg.Wait()
}
