package store_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store"
	"github.com/uns-dtik/loket/store/storetest"
)

// TestSessionIsOneRoundTripEachWayAcrossARestart: a dialog message costs Redis one
// round trip to load its session and one to save it, the compare-and-swap included.
// A restart empties Redis's script cache (the sessions survive, in the append-only
// file): the first save after it pays one more round trip (NOSCRIPT, then the script
// itself) and succeeds, and the next is one again.
func TestSessionIsOneRoundTripEachWayAcrossARestart(t *testing.T) {
	t.Parallel()
	server := storetest.StartRedis(t)
	opt, err := redis.ParseURL(server.URL)
	if err != nil {
		t.Fatal(err)
	}
	client := redis.NewClient(opt)
	t.Cleanup(func() { client.Close() })
	trips := storetest.CountRoundTrips(client)
	s := &store.Sessions{Redis: client, Prefix: "loket:"}
	ctx := context.Background()
	const chat = "628111"
	expect := func(what string, want ...string) {
		t.Helper()
		if got := trips.Take(); !slices.Equal(got, want) {
			t.Fatalf("%s: round trips %q, want %q", what, got, want)
		}
	}
	save := func(data string, version int64) {
		t.Helper()
		if err := s.Save(ctx, chat, []byte(data), version, time.Hour); err != nil {
			t.Fatalf("save %q at %d: %v", data, version, err)
		}
	}
	load := func(want string, version int64) {
		t.Helper()
		data, v, err := s.Load(ctx, chat)
		if err != nil || string(data) != want || v != version {
			t.Fatalf("loaded %q at %d (%v), want %q at %d", data, v, err, want, version)
		}
	}

	load("", 0)
	expect("a load", "hmget")
	save("one", 0) // a new server has not seen the script yet
	expect("the first save", "evalsha", "eval")
	save("two", 1)
	expect("a save", "evalsha")
	load("two", 2)
	expect("a load", "hmget")

	server.Stop()
	server.Start()
	load("two", 2)
	trips.Take() // the first command after the restart may be retried on a new connection
	save("three", 2)
	expect("the first save after a restart", "evalsha", "eval")
	if err := s.Save(ctx, chat, []byte("stale"), 2, time.Hour); !errors.Is(err, loket.ErrConflict) {
		t.Fatalf("a stale save after the restart: %v, want ErrConflict", err)
	}
	expect("a stale save", "evalsha")
	load("three", 3)
}

// TestSessionConcurrentSavesOneWins: of the handlings that loaded the same version,
// exactly one saves; the others are told of the conflict and nothing of theirs is
// kept.
func TestSessionConcurrentSavesOneWins(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	const chat, writers = "628111", 8
	if err := env.Sessions.Save(ctx, chat, []byte("first"), 0, time.Hour); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for i := range writers {
		wg.Go(func() { errs[i] = env.Sessions.Save(ctx, chat, []byte{'w', byte('0' + i)}, 1, time.Hour) })
	}
	wg.Wait()
	won := -1
	for i, err := range errs {
		switch {
		case err == nil && won < 0:
			won = i
		case err == nil:
			t.Fatalf("writers %d and %d both saved", won, i)
		case !errors.Is(err, loket.ErrConflict):
			t.Fatalf("writer %d: %v", i, err)
		}
	}
	if won < 0 {
		t.Fatal("no writer saved")
	}
	data, v, err := env.Sessions.Load(ctx, chat)
	if err != nil || string(data) != string([]byte{'w', byte('0' + won)}) || v != 2 {
		t.Fatalf("after the race: %q at %d (%v), want writer %d's at 2", data, v, err, won)
	}
}
