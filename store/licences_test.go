package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store/storetest"
)

// TestLicenceRace: two applicants file overlapping days at the same moment with one
// licence of two left; exactly one of them is within capacity, every round. Without
// the per-service lock both count the pool before either commits, and both are told
// a licence is theirs.
func TestLicenceRace(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, loket.Jakarta)
	day := func(d int) time.Time { return time.Date(2027, 1, 1, 0, 0, 0, 0, loket.Jakarta).AddDate(0, 0, d) }
	draft := func(id string, from, to int) loket.NewRequest {
		return loket.NewRequest{DraftID: id, Service: "ZM", Chat: "62812" + id, Lang: loket.Indonesian,
			Fields: []loket.Field{{Key: "event", Value: id}}, Period: &loket.Period{From: day(from), To: day(to)}, Capacity: 2}
	}
	for round := range 25 {
		base := round * 5 // each round on days of its own
		if _, err := env.DB.FileRequest(ctx, draft(fmt.Sprintf("taken-%d", round), base, base+2), now, nil); err != nil {
			t.Fatal(err)
		}
		start := make(chan struct{})
		var wg sync.WaitGroup
		got := make([]*loket.Request, 2)
		errs := make([]error, 2)
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				// Both overlap the taken request on base+1 and each other there.
				got[i], errs[i] = env.DB.FileRequest(ctx, draft(fmt.Sprintf("r%d-%d", round, i), base+i, base+1+i), now, nil)
			}()
		}
		close(start)
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if got[0].Waiting == got[1].Waiting {
			t.Fatalf("round %d: %s waiting=%v, %s waiting=%v; want exactly one within capacity",
				round, got[0].Ref, got[0].Waiting, got[1].Ref, got[1].Waiting)
		}
		loads, err := env.DB.DayLoads(ctx, "ZM", day(base+1), day(base+1), 0)
		if err != nil || len(loads) != 1 || len(loads[0].Refs) != 3 {
			t.Fatalf("round %d: the shared day holds %+v, %v; want all three requests", round, loads, err)
		}
	}
}
