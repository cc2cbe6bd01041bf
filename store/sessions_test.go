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

// ownSessions starts a Redis server of the test's own (to restart, freeze or count
// the round trips of) and returns it, a client of it (its options set by tune, if
// given) and sessions kept there.
func ownSessions(t *testing.T, tune func(*redis.Options)) (*storetest.Server, *redis.Client, *store.Sessions) {
	t.Helper()
	server := storetest.StartRedis(t)
	opt, err := redis.ParseURL(server.URL)
	if err != nil {
		t.Fatal(err)
	}
	if tune != nil {
		tune(opt)
	}
	client := redis.NewClient(opt)
	t.Cleanup(func() { client.Close() })
	return server, client, &store.Sessions{Redis: client, Prefix: "loket:"}
}

// TestSessionIsOneRoundTripEachWayAcrossARestart: a dialog message costs Redis one
// round trip to load its session and one to save it, the compare-and-swap included.
// A restart empties Redis's script cache (the sessions survive, in the append-only
// file): the first save after it pays one more round trip (NOSCRIPT, then the script
// itself) and succeeds, and the next is one again.
func TestSessionIsOneRoundTripEachWayAcrossARestart(t *testing.T) {
	t.Parallel()
	server, client, s := ownSessions(t, nil)
	trips := storetest.CountRoundTrips(client)
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

// holdCommand is a Redis hook that holds the first command naming key until release
// is closed, after closing entered.
type holdCommand struct {
	key              string
	entered, release chan struct{}
	once             sync.Once
}

// DialHook implements redis.Hook; a new connection is not held.
func (h *holdCommand) DialHook(next redis.DialHook) redis.DialHook { return next }

// ProcessHook implements redis.Hook: it holds the first command naming h.key.

func (h *holdCommand) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if slices.Contains(cmd.Args(), any(h.key)) {
			h.once.Do(func() { close(h.entered); <-h.release })
		}
		return next(ctx, cmd)
	}
}

// ProcessPipelineHook implements redis.Hook; pipelines are not held.
func (h *holdCommand) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// TestSessionOpsMadeTogetherShareARoundTrip: loads and saves that come while another
// is on its way go together in the next round trip, a pipeline, and each caller gets
// its own answer: a session, none, a conflict, a save. After Redis lost its script
// cache, each save of a pipeline is followed by the script itself and succeeds.
func TestSessionOpsMadeTogetherShareARoundTrip(t *testing.T) {
	t.Parallel()
	_, client, s := ownSessions(t, nil)
	trips := storetest.CountRoundTrips(client)
	ctx := context.Background()
	if err := s.Save(ctx, "B", []byte("b1"), 0, time.Hour); err != nil {
		t.Fatal(err)
	}
	// hold puts a command for chat on its way and holds it there; the ops made next
	// wait for it, one after another so their order is known; meanwhile is done
	// before it is let go.
	hold := func(chat string, first func() error, meanwhile func(), then ...func()) {
		t.Helper()
		h := &holdCommand{key: "loket:{" + chat + "}:session", entered: make(chan struct{}), release: make(chan struct{})}
		client.AddHook(h)
		held := make(chan error, 1)
		go func() { held <- first() }()
		<-h.entered
		var wg sync.WaitGroup
		for i, op := range then {
			wg.Go(op)
			waitFor(t, "the op to wait", func() bool { return store.SessionOpsWaiting(s) == i+1 })
		}
		meanwhile()
		trips.Take()
		close(h.release)
		if err := <-held; err != nil {
			t.Fatal(err)
		}
		wg.Wait()
	}

	var loadB, loadE []byte
	var versionB, versionE int64
	var errLoadB, errLoadE, errStale, errD error
	hold("C", func() error { return s.Save(ctx, "C", []byte("c1"), 0, time.Hour) }, func() {},
		func() { loadB, versionB, errLoadB = s.Load(ctx, "B") },
		func() { errStale = s.Save(ctx, "B", []byte("stale"), 0, time.Hour) },
		func() { errD = s.Save(ctx, "D", []byte("d1"), 0, time.Hour) },
		func() { loadE, versionE, errLoadE = s.Load(ctx, "E") },
	)
	if got := trips.Take(); !slices.Equal(got, []string{"pipeline"}) {
		t.Errorf("round trips after the held save %q, want one pipeline for the four", got)
	}
	if errLoadB != nil || string(loadB) != "b1" || versionB != 1 {
		t.Errorf("load of B: %q at %d (%v), want b1 at 1", loadB, versionB, errLoadB)
	}
	if !errors.Is(errStale, loket.ErrConflict) {
		t.Errorf("stale save of B: %v, want ErrConflict", errStale)
	}
	if errD != nil {
		t.Errorf("save of D: %v", errD)
	}
	if errLoadE != nil || loadE != nil || versionE != 0 {
		t.Errorf("load of E (none): %q at %d (%v)", loadE, versionE, errLoadE)
	}

	var errF, errG error
	flush := func() {
		if err := client.ScriptFlush(ctx).Err(); err != nil {
			t.Error(err)
		}
	}
	hold("H", func() error { _, _, err := s.Load(ctx, "H"); return err }, flush,
		func() { errF = s.Save(ctx, "F", []byte("f1"), 0, time.Hour) },
		func() { errG = s.Save(ctx, "G", []byte("g1"), 0, time.Hour) },
	)
	if got := trips.Take(); !slices.Equal(got, []string{"pipeline", "eval", "eval"}) {
		t.Errorf("round trips after the script cache was emptied %q, want the pipeline, then each save's script", got)
	}
	if errF != nil || errG != nil {
		t.Errorf("saves after the script cache was emptied: %v, %v", errF, errG)
	}
	for chat, want := range map[string]string{"B": "b1", "C": "c1", "D": "d1", "F": "f1", "G": "g1"} {
		if data, _, err := s.Load(ctx, chat); err != nil || string(data) != want {
			t.Errorf("%s holds %q (%v), want %q", chat, data, err, want)
		}
	}
}

// TestAStalledSessionRoundTripIsAnOutage: a load whose round trip gets no answer
// (Redis frozen) fails when the gathered round trip's own time runs out, well before
// the caller's, and says the server stalled: the bot waits for it as for an outage
// and spends none of the message's attempts (a frozen Redis is not the message's
// fault, though the client reports a deadline).
func TestAStalledSessionRoundTripIsAnOutage(t *testing.T) {
	t.Parallel()
	server, _, s := ownSessions(t, func(opt *redis.Options) {
		// As loket's own client: every command honours its context's deadline; and
		// the stall outlasts the client's read timeout.
		opt.ContextTimeoutEnabled, opt.ReadTimeout = true, time.Minute
	})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, _, err := s.Load(ctx, "628111"); err != nil { // the connection is open
		t.Fatal(err)
	}
	server.Freeze()
	defer server.Thaw()
	start := time.Now()
	_, _, err := s.Load(ctx, "628111")
	if err == nil || !errors.Is(err, store.ErrStalled) || !store.Unavailable(err) || time.Since(start) > 20*time.Second {
		t.Fatalf("a load from a frozen Redis: %v after %v; want ErrStalled, an outage, within the round trip's time", err, time.Since(start))
	}
}
