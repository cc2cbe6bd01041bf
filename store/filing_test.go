package store_test

import (
	"context"
	"fmt"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store"
	"github.com/uns-dtik/loket/store/storetest"
)

// slowConn delays every write to the server, as a slow network or a busy machine
// would delay a round trip, and counts them: pgx writes what it sends before waiting
// for an answer at once, so each write is a round trip.
type slowConn struct {
	net.Conn
	delay  time.Duration
	writes *atomic.Int32
}

func (c slowConn) Write(p []byte) (int, error) {
	time.Sleep(c.delay)
	c.writes.Add(1)
	return c.Conn.Write(p)
}

// slowDB opens env's schema over connections whose round trips take delay, named
// name in pg_stat_activity, and returns it with its count of round trips.
func slowDB(t *testing.T, env *storetest.Env, name string, delay time.Duration) (*store.DB, *atomic.Int32) {
	t.Helper()
	cfg, err := pgxpool.ParseConfig(env.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	cfg.ConnConfig.RuntimeParams["application_name"] = name
	cfg.MaxConns = 1
	writes := &atomic.Int32{}
	dial := cfg.ConnConfig.DialFunc
	cfg.ConnConfig.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return slowConn{Conn: c, delay: delay, writes: writes}, nil
	}
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		closed := make(chan struct{})
		go func() { pool.Close(); close(closed) }() // waits for every connection to come back
		select {
		case <-closed:
		case <-time.After(5 * time.Second):
			t.Error("a connection was never given back to the pool")
		}
	})
	if err := pool.Ping(context.Background()); err != nil { // connected: the handshake is not counted
		t.Fatal(err)
	}
	writes.Store(0)
	return &store.DB{Pool: pool}, writes
}

// TestFilingTakesTwoRoundTrips: "kirim" is the dialog's slowest answer, and under
// load each round trip costs it most. A filing with everything a filing checks (a
// letter, a unique field, licence days, staff to announce it to) takes two: one to
// begin and check, one to write, commit and read the request back.
func TestFilingTakesTwoRoundTrips(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	letter0, err := env.DB.AddLetter(ctx, "628111", 6, scanLike(2048))
	if err != nil {
		t.Fatal(err)
	}
	letter, err := env.DB.AddLetter(ctx, "628111", 7, scanLike(2048))
	if err != nil {
		t.Fatal(err)
	}
	if err := env.DB.AddStaff(ctx, "+62899", loket.RoleAdmin, "Admin", nil, nil); err != nil {
		t.Fatal(err)
	}
	db, trips := slowDB(t, env, "filing-trips", 0)
	day := loket.Date(time.Now().AddDate(0, 0, 10))
	n := loket.NewRequest{DraftID: "d1", Service: "ZM", Chat: "628111", LetterID: letter,
		Fields: []loket.Field{{Key: "email", Value: "a@uns.ac.id"}}, Unique: []string{"email"},
		Period: &loket.Period{From: day, To: day.AddDate(0, 0, 1)}, Capacity: 2}
	// pgx prepares a statement the first time a connection runs it, in a round trip
	// of its own: a filing before warms the connection, as a running bot's are.
	warm := n
	warm.DraftID, warm.LetterID, warm.Fields = "d0", 0, []loket.Field{{Key: "email", Value: "b@uns.ac.id"}}
	if _, err := db.FileRequest(ctx, warm, time.Now(), func(*loket.Request, []loket.Staff) []loket.Notification { return nil }); err != nil {
		t.Fatal(err)
	}
	warmLetter := n
	warmLetter.DraftID, warmLetter.LetterID, warmLetter.Fields = "d00", letter0, []loket.Field{{Key: "email", Value: "c@uns.ac.id"}}
	if _, err := db.FileRequest(ctx, warmLetter, time.Now(), func(r *loket.Request, _ []loket.Staff) []loket.Notification {
		return []loket.Notification{{Chat: "62899", Text: "Permohonan " + r.Ref}}
	}); err != nil {
		t.Fatal(err)
	}
	trips.Store(0)
	var staff int
	r, err := db.FileRequest(ctx, n, time.Now(), func(r *loket.Request, s []loket.Staff) []loket.Notification {
		staff = len(s)
		return []loket.Notification{{Chat: "62899", Text: "Permohonan " + r.Ref}}
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := trips.Load(); got != 2 {
		t.Errorf("filing took %d round trips, want 2", got)
	}
	if staff != 1 || r.Letter == nil || r.Letter.ID != letter || r.Period == nil {
		t.Errorf("filed %+v announced to %d staff; want the letter %d, the period and one staff member", r, staff, letter)
	}
	// The same draft again is the same request, and announces nothing more.
	again, err := db.FileRequest(ctx, n, time.Now(), func(*loket.Request, []loket.Staff) []loket.Notification {
		t.Error("a draft filed before was announced again")
		return nil
	})
	if err != nil || again.ID != r.ID || again.Ref != r.Ref {
		t.Errorf("filed again: %+v, %v; want %s", again, err, r.Ref)
	}
}

// TestFilingHoldsTheCounterOnlyInItsLastRoundTrip: a service's filings take turns
// for its reference counter, so a filing must never hold the counter's row while it
// waits for a round trip: its other filings would wait that long too. Over a
// connection whose round trips take 60 ms, no filing's session may be seen idle in
// its transaction after drawing the reference (before, it waited so for the batch
// that links the letter and writes the announcement, then for the commit).
func TestFilingHoldsTheCounterOnlyInItsLastRoundTrip(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	name := fmt.Sprintf("filing-test-%d", time.Now().UnixNano())
	slow, _ := slowDB(t, env, name, 60*time.Millisecond)
	letter, err := env.DB.AddLetter(ctx, "628111", 7, scanLike(2048))
	if err != nil {
		t.Fatal(err)
	}
	staff := func(r *loket.Request, _ []loket.Staff) []loket.Notification {
		return []loket.Notification{{Chat: "62899", Text: "Permohonan " + r.Ref}}
	}

	var holding atomic.Int32
	watching, stop := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(watching)
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			var n int32
			if err := env.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
				WHERE application_name = $1 AND state = 'idle in transaction' AND query LIKE '%ref_counters%'`, name).Scan(&n); err == nil {
				holding.Add(n)
			}
		}
	}()
	r, err := slow.FileRequest(ctx, loket.NewRequest{DraftID: "d1", Service: "ZM", Chat: "628111", LetterID: letter}, time.Now(), staff)
	close(stop)
	<-watching
	if err != nil {
		t.Fatal(err)
	}
	if n := holding.Load(); n > 0 {
		t.Errorf("the filing was seen %d times idle in its transaction holding the reference counter", n)
	}
	var body string
	if err := env.DB.Pool.QueryRow(ctx, `SELECT body FROM outbox WHERE request_id = $1`, r.ID).Scan(&body); err != nil || body != "Permohonan "+r.Ref {
		t.Errorf("announced %q (%v), want %q", body, err, "Permohonan "+r.Ref)
	}
	if r.Letter == nil || r.Letter.ID != letter {
		t.Errorf("the request's letter: %+v; want letter %d", r.Letter, letter)
	}
}

// TestAPanicInAnnounceGivesTheConnectionBack: the bot recovers a handler's panic and
// tries the message again; a filing whose announcer panicked must not keep its
// connection, or every retry would take one more until the pool ran dry.
func TestAPanicInAnnounceGivesTheConnectionBack(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	db, _ := slowDB(t, env, "filing-panic", 0) // a pool of one connection
	for i := range 2 {
		func() {
			defer func() { _ = recover() }()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_, _ = db.FileRequest(ctx, loket.NewRequest{DraftID: fmt.Sprint("p", i), Service: "ZM", Chat: "628111"}, time.Now(),
				func(*loket.Request, []loket.Staff) []loket.Notification { panic("announcer bug") })
		}()
	}
	if n := db.Pool.Stat().AcquiredConns(); n != 0 {
		t.Fatalf("%d connection(s) still taken after two panics", n)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := db.FileRequest(ctx, loket.NewRequest{DraftID: "ok", Service: "ZM", Chat: "628111"}, time.Now(), nil); err != nil {
		t.Fatalf("filing after two panics: %v", err)
	}
}

// TestTheSameDraftFiledTwiceAtOnce: a draft filed twice at the same moment (two
// processes overlapping at a failover, a retry while the first try is still on the
// server) is one request, and both are told it is filed — not that the letter is gone.
func TestTheSameDraftFiledTwiceAtOnce(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	letter, err := env.DB.AddLetter(ctx, "628111", 7, scanLike(2048))
	if err != nil {
		t.Fatal(err)
	}
	// Both filings wait for the letter, held here, and go on one after the other.
	tx, err := env.DB.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT 1 FROM letters WHERE id = $1 FOR UPDATE`, letter); err != nil {
		t.Fatal(err)
	}
	n := loket.NewRequest{DraftID: "twice", Service: "ZM", Chat: "628111", LetterID: letter}
	type filed struct {
		r   *loket.Request
		err error
	}
	results := make(chan filed, 2)
	for range 2 {
		go func() {
			r, err := env.DB.FileRequest(ctx, n, time.Now(), nil)
			results <- filed{r, err}
		}()
	}
	waitFor(t, "both filings to wait for the letter", func() bool {
		var waiting int
		_ = env.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE wait_event_type = 'Lock' AND query LIKE '%FROM letters WHERE id = $1 AND chat = $2 AND request_id IS NULL FOR UPDATE%'`).Scan(&waiting)
		return waiting >= 2
	})
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	a, b := <-results, <-results
	if a.err != nil || b.err != nil {
		t.Fatalf("filed twice at once: %v; %v", a.err, b.err)
	}
	if a.r.ID != b.r.ID || a.r.Letter == nil || a.r.Letter.ID != letter {
		t.Errorf("filed twice at once: %s and %s, letter %+v; want one request with the letter", a.r.Ref, b.r.Ref, a.r.Letter)
	}
}
