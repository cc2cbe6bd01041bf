package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store/storetest"
)

// TestSimJournalIsBounded: pruning drops what is older than the limit and the oldest
// files beyond the size budget, but keeps the newest message so numbering goes on.
func TestSimJournalIsBounded(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	now := time.Now()
	old, recent := now.Add(-30*24*time.Hour), now.Add(-time.Hour)
	for seq, at := range map[int64]time.Time{1: old, 2: old, 3: recent} {
		if err := env.DB.KeepSimMessage(ctx, seq, at, []byte(`{"seq":1}`)); err != nil {
			t.Fatal(err)
		}
	}
	files := []struct {
		id   string
		at   time.Time
		size int
	}{{"stale", old, 10}, {"older", recent.Add(-time.Minute), 600}, {"newer", recent, 600}}
	for _, f := range files {
		if err := env.DB.KeepSimMedia(ctx, f.id, f.at, make([]byte, f.size)); err != nil {
			t.Fatal(err)
		}
	}
	if err := env.DB.PruneSim(ctx, now.Add(-14*24*time.Hour), 1000); err != nil {
		t.Fatal(err)
	}
	kept, last, err := env.DB.SimMessages(ctx, time.Time{}, 10)
	if err != nil || len(kept) != 1 || last != 3 {
		t.Fatalf("messages after pruning: %d, last %d, %v; want only the recent one, numbering at 3", len(kept), last, err)
	}
	for id, want := range map[string]bool{"stale": false, "older": false, "newer": true} {
		_, err := env.DB.SimMedia(ctx, id)
		if got := err == nil; got != want || (err != nil && !errors.Is(err, loket.ErrNotFound)) {
			t.Errorf("file %s kept = %v (%v), want %v", id, got, err, want)
		}
	}
	// The newest message stays, however old: after a long pause numbering goes on.
	if err := env.DB.PruneSim(ctx, now.Add(time.Hour), 0); err != nil {
		t.Fatal(err)
	}
	if _, last, _ := env.DB.SimMessages(ctx, time.Time{}, 10); last != 3 {
		t.Fatalf("after pruning everything, numbering is at %d, want 3", last)
	}
}
