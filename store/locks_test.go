package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/uns-dtik/loket/store"
	"github.com/uns-dtik/loket/store/storetest"
)

// TestConnectionLock: one holder at a time, per schema; the holder is named for the
// operator; the lock goes with its session.
func TestConnectionLock(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	other := storetest.New(t)
	ctx := context.Background()
	if h, err := env.DB.ConnectionHolder(ctx); err != nil || h != "" {
		t.Fatalf("holder before anyone: %q %v", h, err)
	}
	lock, err := env.DB.TryLockConnection(ctx)
	if err != nil || lock == nil {
		t.Fatalf("first: %v %v", lock, err)
	}
	second, err := store.Open(ctx, env.DatabaseURLWith("application_name", "loket-b"), 2)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if l, err := second.TryLockConnection(ctx); err != nil || l != nil {
		t.Fatalf("a second holder: %v %v", l, err)
	}
	if l, err := other.DB.TryLockConnection(ctx); err != nil || l == nil {
		t.Fatalf("another schema is another number: %v %v", l, err)
	} else {
		l.Release()
	}
	if l, err := env.DB.TryLockDispatch(ctx); err != nil || l == nil {
		t.Fatalf("the dispatch lock is another lock: %v %v", l, err)
	} else {
		l.Release()
	}
	h, err := second.ConnectionHolder(ctx)
	if err != nil || !strings.Contains(h, "pid ") {
		t.Fatalf("holder: %q %v", h, err)
	}
	lock.Release()
	l, err := second.TryLockConnection(ctx)
	if err != nil || l == nil {
		t.Fatalf("after release: %v %v", l, err)
	}
	if h, _ := env.DB.ConnectionHolder(ctx); !strings.HasPrefix(h, "loket-b (") {
		t.Fatalf("holder after the takeover: %q", h)
	}
	l.Release()
}
