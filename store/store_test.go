package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store"
	"github.com/uns-dtik/loket/store/storetest"
)

func TestInboxRedeliveryIsNoOp(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	m := loket.InboxMessage{Chat: "628111", MsgID: "A1", ReplyTo: "628111@s.whatsapp.net", Payload: []byte{1}, SentAt: time.Now()}
	for i, want := range []bool{true, false} {
		added, err := env.DB.AddInbox(ctx, m)
		if err != nil || added != want {
			t.Fatalf("delivery %d: added=%v err=%v, want %v", i, added, err, want)
		}
	}
	pending, err := env.DB.PendingInbox(ctx, 10)
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending = %v, %v; want one", pending, err)
	}
	if err := env.DB.FinishInbox(ctx, pending[0].Seq, ""); err != nil {
		t.Fatal(err)
	}
	if pending, _ := env.DB.PendingInbox(ctx, 10); len(pending) != 0 {
		t.Fatalf("finished message still pending: %v", pending)
	}
}

func TestFileRequestNumbersAndIdempotency(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	letter, err := env.DB.AddLetter(ctx, "628111", 0, loket.Letter{FileName: "s.pdf", Size: 3, Pages: 1, SHA256: []byte{1}, Data: []byte("pdf")})
	if err != nil {
		t.Fatal(err)
	}
	n := loket.NewRequest{DraftID: "d1", Service: "ZM", Chat: "628111", Phone: "+628111", Lang: loket.Indonesian,
		Fields: []loket.Field{{Key: "email", Value: "a@staff.uns.ac.id"}}, LetterID: letter}
	first, err := env.DB.FileRequest(ctx, n, now, nil)
	if err != nil {
		t.Fatal(err)
	}
	if first.Ref != "ZM-2026-0001" || first.Status != loket.StatusSubmitted || first.Letter == nil || first.Letter.Pages != 1 {
		t.Fatalf("first request = %+v", first)
	}
	again, err := env.DB.FileRequest(ctx, n, now, nil)
	if err != nil || again.Ref != first.Ref {
		t.Fatalf("refiling the same draft gave %v, %v; want %s", again, err, first.Ref)
	}
	n.DraftID, n.LetterID = "d2", 0
	second, err := env.DB.FileRequest(ctx, n, now, nil)
	if err != nil || second.Ref != "ZM-2026-0002" {
		t.Fatalf("second request = %v, %v", second, err)
	}
	if _, err := env.DB.ChatRequest(ctx, "628999", first.Ref); !errors.Is(err, loket.ErrNotFound) {
		t.Fatalf("another chat read %s: %v", first.Ref, err)
	}
	list, err := env.DB.ChatRequests(ctx, "628111", 10)
	if err != nil || len(list) != 2 {
		t.Fatalf("list = %v, %v", list, err)
	}
	tl, err := env.DB.Timeline(ctx, first.ID)
	if err != nil || len(tl) != 1 || tl[0].To != loket.StatusSubmitted {
		t.Fatalf("timeline = %v, %v", tl, err)
	}
	taken, err := env.DB.FieldTaken(ctx, "email", "a@staff.uns.ac.id", 0)
	if err != nil || !taken {
		t.Fatalf("FieldTaken = %v, %v", taken, err)
	}
	if taken, _ := env.DB.FieldTaken(ctx, "email", "b@staff.uns.ac.id", 0); taken {
		t.Fatal("an unused value is reported taken")
	}

	// A unique field is claimed when filing, whatever the dialog checked before: of many
	// drafts filing the same value at once, exactly one gets it.
	n.Fields = []loket.Field{{Key: "username", Value: "semnas"}}
	n.Unique = []string{"username"}
	var wg sync.WaitGroup
	results := make(chan error, 6)
	for i := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := n
			m.DraftID = fmt.Sprintf("race-%d", i)
			_, err := env.DB.FileRequest(ctx, m, now, nil)
			results <- err
		}()
	}
	wg.Wait()
	close(results)
	filed := 0
	for err := range results {
		var te *loket.TakenError
		switch {
		case err == nil:
			filed++
		case !errors.As(err, &te) || te.Key != "username" || te.Value != "semnas":
			t.Fatalf("filing a taken username: %v", err)
		}
	}
	if filed != 1 {
		t.Fatalf("%d requests got the same username, want 1", filed)
	}
	owner, err := env.DB.ChatRequests(ctx, "628111", 1)
	if err != nil || len(owner) != 1 {
		t.Fatal(owner, err)
	}
	if taken, _ := env.DB.FieldTaken(ctx, "username", "semnas", owner[0].ID); taken {
		t.Fatal("the request holding a value counts against its own correction")
	}
}

func TestZoomRoster(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	if loaded, _, err := env.DB.InZoomRoster(ctx, "a@staff.uns.ac.id"); err != nil || loaded {
		t.Fatalf("empty roster: loaded=%v err=%v", loaded, err)
	}
	n, err := env.DB.ImportZoomRoster(ctx, []string{"A@staff.uns.ac.id", "a@staff.uns.ac.id", "b@unit.uns.ac.id"})
	if err != nil || n != 2 {
		t.Fatalf("import = %d, %v", n, err)
	}
	if loaded, found, _ := env.DB.InZoomRoster(ctx, "a@STAFF.uns.ac.id"); !loaded || !found {
		t.Fatalf("a@ not found: loaded=%v found=%v", loaded, found)
	}
	if _, found, _ := env.DB.InZoomRoster(ctx, "c@staff.uns.ac.id"); found {
		t.Fatal("c@ found")
	}
}

func TestSessionVersioning(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	data, v, err := env.Sessions.Load(ctx, "628111")
	if err != nil || data != nil || v != 0 {
		t.Fatalf("new session = %q, %d, %v", data, v, err)
	}
	if err := env.Sessions.Save(ctx, "628111", []byte("one"), 0, time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := env.Sessions.Save(ctx, "628111", []byte("stale"), 0, time.Hour); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("stale save: %v, want ErrConflict", err)
	}
	data, v, err = env.Sessions.Load(ctx, "628111")
	if err != nil || string(data) != "one" || v != 1 {
		t.Fatalf("loaded %q, %d, %v", data, v, err)
	}
	ttl := env.Redis.PTTL(ctx, env.Prefix+"{628111}:session").Val()
	if ttl <= 0 || ttl > time.Hour {
		t.Fatalf("ttl = %v", ttl)
	}
}

func TestSearchMatchesAnswersNotTheirJSON(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	for i, fields := range [][]loket.Field{
		{{Key: "username", Value: "semnas-ti2026", Shown: "semnas-ti2026@mail.uns.ac.id"}, {Key: "nip", Value: "198609262015051001"}},
		{{Key: "contact", Value: "+6281234567001"}, {Key: "event", Value: "Webinar 100% Daring"}},
	} {
		n := loket.NewRequest{DraftID: fmt.Sprint("s", i), Service: "ZM", Chat: "628111", Phone: "+628111", Fields: fields}
		if _, err := env.DB.FileRequest(ctx, n, now, nil); err != nil {
			t.Fatal(err)
		}
	}
	for text, want := range map[string]int{
		"semnas": 1, "@mail.uns.ac.id": 1, "198609262015051001": 1, "0812 3456 7001": 1, "100%": 1,
		"value": 0, "shown": 0, "key": 0, "zm-2026": 2, "+628111": 2,
	} {
		found, err := env.DB.Search(ctx, text, 10)
		if err != nil || len(found) != want {
			t.Errorf("Search(%q) = %d requests, %v; want %d", text, len(found), err, want)
		}
	}
}

// TestMigrateIntoAMissingSchema: a database URL whose search_path names no schema
// that exists is refused in words an operator can act on, not "cannot scan NULL".
func TestMigrateIntoAMissingSchema(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	url := strings.Replace(env.DatabaseURL, "search_path=", "search_path=no_such_schema_", 1)
	db, err := store.Open(context.Background(), url, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(context.Background()); err == nil || !strings.Contains(err.Error(), "no schema of search_path (no_such_schema_") {
		t.Fatalf("Migrate = %v, want the missing schema named", err)
	}
}

// TestContract: PostgreSQL and Redis behave as the rooms rely on, the same checks
// memstore's fakes pass.
func TestContract(t *testing.T) {
	t.Parallel()
	storetest.Contract(t, func(t *testing.T) storetest.Subject { return storetest.New(t).Subject() })
}

// TestReferencesPastTenThousand: the reference drawn in SQL is loket.FormatRef's,
// past its four padded digits too, and the announcement is written with it.
func TestReferencesPastTenThousand(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	if _, err := env.DB.Pool.Exec(ctx, `INSERT INTO ref_counters (service, year, last) VALUES ('ZM', 2026, 9997)`); err != nil {
		t.Fatal(err)
	}
	announce := func(r *loket.Request, _ []loket.Staff) []loket.Notification {
		return []loket.Notification{{Chat: "62899", Text: "Permohonan *" + r.Ref + "* masuk."}}
	}
	for i, want := range []int{9998, 9999, 10000, 10001} {
		r, err := env.DB.FileRequest(ctx, loket.NewRequest{DraftID: fmt.Sprint("d", i), Service: "ZM", Chat: "628111"}, now, announce)
		if err != nil {
			t.Fatal(err)
		}
		var announced string
		if err := env.DB.Pool.QueryRow(ctx, `SELECT body FROM outbox WHERE request_id = $1`, r.ID).Scan(&announced); err != nil {
			t.Fatal(err)
		}
		w := loket.FormatRef("ZM", 2026, want)
		if r.Ref != w || announced != "Permohonan *"+w+"* masuk." {
			t.Fatalf("filed %s, announced %q; want %s", r.Ref, announced, w)
		}
	}
}

// TestContractOverTheSimpleProtocol: a database URL that asks for the simple
// protocol (as a transaction pooler may need) keeps every contract: JSON answers,
// replies and journal entries go as text, which jsonb reads under either protocol
// (as bytes, the simple protocol sent them as bytea's hex, and filing failed).
func TestContractOverTheSimpleProtocol(t *testing.T) {
	t.Parallel()
	storetest.Contract(t, func(t *testing.T) storetest.Subject {
		env := storetest.New(t)
		simple, err := store.Open(context.Background(), env.DatabaseURLWith("default_query_exec_mode", "simple_protocol"), 4)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(simple.Close)
		subject := env.Subject()
		subject.Store = simple
		return subject
	})
}

// TestSearchWithAnswerlessRequests: a request filed without answers (stored before
// as JSON null) does not break /cari for every request.
func TestSearchWithAnswerlessRequests(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	if _, err := env.DB.FileRequest(ctx, loket.NewRequest{DraftID: "kosong", Service: "ZM", Chat: "6281234567890", Name: "Budi"}, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.Pool.Exec(ctx, `UPDATE requests SET fields = 'null'`); err != nil { // as stored before the fix
		t.Fatal(err)
	}
	if found, err := env.DB.Search(ctx, "Budi", 10); err != nil || len(found) != 1 {
		t.Fatalf("Search by name = %d, %v; want the request", len(found), err)
	}
	// A term only the answers could hold makes PostgreSQL read them.
	if found, err := env.DB.Search(ctx, "seminar", 10); err != nil || len(found) != 0 {
		t.Fatalf("Search by answer = %d, %v; want none, and no error", len(found), err)
	}
}

// TestTwoPimpinansCannotRemoveEachOther: two pimpinans removing each other at the same
// moment leave one, round after round: the last-pimpinan check and the removal are one
// transaction, not a read followed by a separate delete.
func TestTwoPimpinansCannotRemoveEachOther(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	pair := []string{"+6281100000002", "+6281100000005"}
	for round := range 20 {
		for _, p := range pair {
			if err := env.DB.AddStaff(ctx, p, loket.RolePimpinan, "Pimpinan "+p, nil, nil); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		errs := make([]error, len(pair))
		for i, p := range pair {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = env.DB.RemoveStaff(ctx, p, "", nil)
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil && !errors.Is(err, loket.ErrLastPimpinan) {
				t.Fatal(err)
			}
		}
		all, err := env.DB.ListStaff(ctx)
		if err != nil {
			t.Fatal(err)
		}
		left := 0
		for _, s := range all {
			if s.Has(loket.RolePimpinan) {
				left++
			}
		}
		if left != 1 {
			t.Fatalf("round %d: %d pimpinans left (errors %v), want exactly 1", round, left, errs)
		}
	}
}

// TestUniqueFieldsLockInOneOrder: two services that list the same unique fields in
// different orders, two applicants filing the same values at the same moment: one
// gets them, the other is told they are taken. Locked in each service's order, the
// two could each hold one value's lock and wait for the other's (PostgreSQL then
// aborts one with "deadlock detected", after a second).
func TestUniqueFieldsLockInOneOrder(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, loket.Jakarta)
	for round := range 20 {
		email, nip := fmt.Sprintf("acara%d@uns.ac.id", round), fmt.Sprintf("19800101%04d", round)
		fields := []loket.Field{{Key: "email", Value: email}, {Key: "nip", Value: nip}}
		requests := []loket.NewRequest{
			{DraftID: fmt.Sprint("em-", round), Service: "EM", Chat: "628141", Fields: fields, Unique: []string{"email", "nip"}},
			{DraftID: fmt.Sprint("zm-", round), Service: "ZM", Chat: "628142", Fields: fields, Unique: []string{"nip", "email"}},
		}
		start := make(chan struct{})
		errs := make([]error, len(requests))
		var wg sync.WaitGroup
		for i, n := range requests {
			wg.Go(func() {
				<-start
				_, errs[i] = env.DB.FileRequest(ctx, n, now, nil)
			})
		}
		close(start)
		wg.Wait()
		filed, taken := 0, 0
		for _, err := range errs {
			var te *loket.TakenError
			switch {
			case err == nil:
				filed++
			case errors.As(err, &te):
				taken++
			default:
				t.Fatalf("round %d: %v", round, err)
			}
		}
		if filed != 1 || taken != 1 {
			t.Fatalf("round %d: %d filed, %d told taken; want one each", round, filed, taken)
		}
	}
}
