package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store/storetest"
)

// TestStatusFiltersComeFromTheTable: with a request in every status, the requests
// awaiting staff, the queue and the uniqueness check select exactly the statuses the
// lifecycle table names, and a move is refused only when the request has left its
// from-status.
func TestStatusFiltersComeFromTheTable(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	now := time.Now()
	ids := map[loket.Status]int64{}
	for _, s := range loket.Requests.Statuses() {
		r, err := env.DB.FileRequest(ctx, loket.NewRequest{DraftID: string(s), Service: "EM", Chat: "628111",
			Fields: []loket.Field{{Key: "username", Value: "acara-" + string(s)}}}, now, nil)
		if err != nil {
			t.Fatal(err)
		}
		ids[s] = r.ID
		if s == loket.StatusSubmitted {
			continue
		}
		// The store takes the move the lifecycle decided; it checks only the from-status.
		if err := env.DB.MoveRequest(ctx, loket.Move{RequestID: r.ID, From: loket.StatusSubmitted, To: s, At: now}); err != nil {
			t.Fatal(err)
		}
	}
	statuses := func(reqs []*loket.Request) []loket.Status {
		var out []loket.Status
		for _, r := range reqs {
			out = append(out, r.Status)
		}
		slices.Sort(out)
		return out
	}
	sorted := func(s []loket.Status) []loket.Status { return slices.Sorted(slices.Values(s)) }

	awaiting, err := env.DB.Awaiting(ctx, loket.Requests.AwaitingStaff())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := statuses(awaiting), sorted(loket.Requests.AwaitingStaff()); !slices.Equal(got, want) {
		t.Errorf("awaiting staff: %v, want %v", got, want)
	}
	queue, err := env.DB.Queue(ctx, loket.Requests.Open(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := statuses(queue), sorted(loket.Requests.Open()); !slices.Equal(got, want) {
		t.Errorf("queue of the open statuses: %v, want %v", got, want)
	}
	for _, s := range loket.Requests.Statuses() {
		taken, err := env.DB.FieldTaken(ctx, "username", "acara-"+string(s), 0)
		if err != nil {
			t.Fatal(err)
		}
		if want := slices.Contains(loket.Requests.Claiming(), s); taken != want {
			t.Errorf("a username held by a %s request is taken: %v, want %v", s, taken, want)
		}
	}
	if err := env.DB.MoveRequest(ctx, loket.Move{RequestID: ids[loket.StatusDone], From: loket.StatusSubmitted, To: loket.StatusVerified, At: now}); err != loket.ErrMoved {
		t.Errorf("a move from a status the request has left: %v, want ErrMoved", err)
	}
}
