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

// zoomDay is day d after 1 January 2027, where the licence tests' events fall.
func zoomDay(d int) time.Time {
	return time.Date(2027, 1, 1, 0, 0, 0, 0, loket.Jakarta).AddDate(0, 0, d)
}

// zoomDrafts makes Zoom drafts of a service with capacity licences a day: draft(id,
// from, to) asks for zoomDay(from) to zoomDay(to), its chat and event named by id.
func zoomDrafts(capacity int) func(id string, from, to int) loket.NewRequest {
	return func(id string, from, to int) loket.NewRequest {
		return loket.NewRequest{DraftID: id, Service: "ZM", Chat: "62812" + id, Lang: loket.Indonesian,
			Fields: []loket.Field{{Key: "event", Value: id}}, Period: &loket.Period{From: zoomDay(from), To: zoomDay(to)}, Capacity: capacity}
	}
}

// TestLicenceRace: two applicants file overlapping days at the same moment with one
// licence of two left; exactly one of them is within capacity, every round. Without
// the per-service lock both count the pool before either commits, and both are told
// a licence is theirs.
func TestLicenceRace(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, loket.Jakarta)
	draft := zoomDrafts(2)
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
		loads, err := env.DB.DayLoads(ctx, "ZM", zoomDay(base+1), zoomDay(base+1), 0)
		if err != nil || len(loads) != 1 || len(loads[0].Refs) != 3 {
			t.Fatalf("round %d: the shared day holds %+v, %v; want all three requests", round, loads, err)
		}
	}
}

// TestLicenceDaysTakeTurnsOnlyWhenShared: while a resubmission holds its days (held
// open here in its announcement), a filing on other days goes through at once; one
// sharing a day, and one whose period is too long to lock day by day, wait for it
// and then count it. Before, one lock per service held to the commit made every
// filing of the service wait for every other.
func TestLicenceDaysTakeTurnsOnlyWhenShared(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, loket.Jakarta)
	draft := zoomDrafts(1)
	first, err := env.DB.FileRequest(ctx, draft("first", 1, 2), now, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := env.DB.MoveRequest(ctx, loket.Move{RequestID: first.ID, From: loket.StatusSubmitted, To: loket.StatusRevision, At: now}); err != nil {
		t.Fatal(err)
	}
	holding, release := make(chan struct{}), make(chan struct{})
	held := func(*loket.Request, []loket.Staff) []loket.Notification {
		close(holding)
		<-release
		return nil
	}
	resubmitted := make(chan error, 1)
	go func() {
		n := draft("first-corrected", 1, 2)
		n.Chat = first.Chat
		_, err := env.DB.ResubmitRequest(ctx, n, loket.Move{RequestID: first.ID, From: loket.StatusRevision,
			To: loket.StatusSubmitted, Actor: first.Chat, Role: loket.ApplicantRole, At: now}, held)
		resubmitted <- err
	}()
	<-holding
	filed := func(n loket.NewRequest) <-chan *loket.Request {
		done := make(chan *loket.Request, 1)
		go func() {
			r, err := env.DB.FileRequest(ctx, n, now, nil)
			if err != nil {
				t.Error(err)
			}
			done <- r
		}()
		return done
	}
	select {
	case r := <-filed(draft("other", 5, 6)):
		if r == nil || r.Waiting {
			t.Errorf("%+v: alone on its days, want it filed within capacity", r)
		}
	case <-time.After(10 * time.Second):
		close(release)
		t.Fatal("a filing on other days waited for a resubmission holding its own days")
	}
	// (Once a long period waits for the service's lock, filings after it wait too:
	// PostgreSQL queues a shared lock behind an exclusive one waiting.)
	shared, long := filed(draft("shared", 2, 3)), filed(draft("long", 0, 40))
	time.Sleep(300 * time.Millisecond)
	select {
	case <-shared:
		t.Fatal("a filing sharing a day did not wait for the resubmission holding it")
	case <-long:
		t.Fatal("a filing too long to lock by day did not wait for a resubmission in flight")
	default:
	}
	close(release)
	if err := <-resubmitted; err != nil {
		t.Fatal(err)
	}
	for _, done := range []<-chan *loket.Request{shared, long} {
		if r := <-done; r == nil || !r.Waiting {
			t.Fatalf("%+v: it shares a day with the first request and its one licence, want it waiting", r)
		}
	}
}
