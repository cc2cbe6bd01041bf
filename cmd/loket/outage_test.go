package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	goredis "github.com/redis/go-redis/v9"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot/sim"
	"github.com/uns-dtik/loket/store"
	"github.com/uns-dtik/loket/store/storetest"
)

// The outage suite runs `loket sim` on a PostgreSQL or Redis of its own and stops it
// mid-dialog and mid-command: nothing may be lost, done twice or applied out of
// order, no attempt may be spent on the outage, and /readyz tells the truth
// throughout. During a Redis outage each waiting chat hears once that its message is
// kept; during a PostgreSQL outage the bot lets go of its WhatsApp, as `loket run`
// does (the number's lock went with its database session), and the simulator keeps
// the messages, as WhatsApp does, until the bot is back.

// outage is how long a store stays down: short in `make test`, the full 15 s in
// `make soak` (LOKET_TEST_OUTAGE=15s).
func outage(t *testing.T) time.Duration {
	if v := os.Getenv("LOKET_TEST_OUTAGE"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("LOKET_TEST_OUTAGE: %v", err)
		}
		return d
	}
	return 4 * time.Second
}

// sendSpaced sends each text from its number a little after the one before, without
// waiting for the bot: while a store is down the simulator may hold each send for a
// few seconds, as WhatsApp holds a message the bot has not acknowledged.
func sendSpaced(sm *simulator, msgs [][2]string) *sync.WaitGroup {
	var wg sync.WaitGroup
	for i, m := range msgs {
		time.Sleep(150 * time.Millisecond)
		wg.Go(func() {
			body := fmt.Sprintf(`{"from":%q,"text":%q,"id":"OUT-%d-%d"}`, m[0], m[1], time.Now().UnixNano(), i)
			sm.post(body)
		})
	}
	return &wg
}

// skipKeptNotice lets the chat's next message be "Pesan Anda tersimpan", once: a
// message that reached the bot in the moment before it let go of WhatsApp waited
// on PostgreSQL, and its chat is told so.
func skipKeptNotice(sm *simulator, to string) {
	sm.t.Helper()
	before := sm.after[to]
	if m := sm.next(to, 30*time.Second); !strings.Contains(m.Text, "Pesan Anda tersimpan") {
		sm.after[to] = before // an answer: the caller's to read
	}
}

// recovered checks what every outage test ends with: the three answers a sent
// during the outage applied in order, /readyz ready again, and no attempt spent on
// the outage (url is the database the bot used).
func recovered(t *testing.T, sm *simulator, a, url string) {
	t.Helper()
	sm.expect(a, 30*time.Second, "✓ Nama pemohon: Budi Santoso", "Langkah 3 dari 11")
	sm.expect(a, 15*time.Second, "✓ NIP pemohon: 19860926 201505 1 001", "Langkah 4 dari 11")
	sm.expect(a, 15*time.Second, "Fakultas Teknik (FT)", "Langkah 5 dari 11")
	if code, body := sm.get("/readyz"); code != 200 {
		t.Fatalf("/readyz after the outage: %d %q", code, body)
	}
	db, err := store.Open(context.Background(), url, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Pool.Query(context.Background(), `SELECT last_error FROM inbox WHERE attempts > 0`)
	if err != nil {
		t.Fatal(err)
	}
	spent, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil || len(spent) > 0 {
		t.Fatalf("the outage spent attempts: %q (%v)", spent, err)
	}
}

// onOwnRedis runs `loket sim` on a Redis of the test's own, with applicant a two
// steps into a Zoom request.
func onOwnRedis(t *testing.T, a string) (*storetest.Env, *storetest.Server, *simulator) {
	env := storetest.New(t)
	redis := storetest.StartRedis(t)
	t.Setenv("LOKET_DATABASE_URL", env.DatabaseURL)
	t.Setenv("LOKET_REDIS_URL", redis.URL)
	t.Setenv("LOKET_OUTAGE_NOTICE", "2s")
	sm := startSim(t)
	sm.say(a, "1", "Langkah 1 dari 11")
	sm.say(a, "ya", "Langkah 2 dari 11")
	return env, redis, sm
}

func TestRedisOutageMidDialog(t *testing.T) {
	const a = "6281234567811"
	env, redis, sm := onOwnRedis(t, a)

	down := outage(t)
	redis.Stop()
	start := time.Now()
	if code, body := sm.get("/readyz"); code != 503 || !strings.Contains(body, "redis: unreachable") || strings.Contains(body, "127.0.0.1") {
		t.Fatalf("/readyz during the outage: %d %q", code, body)
	}
	sent := sendSpaced(sm, [][2]string{{a, "Budi Santoso"}, {a, "19860926 201505 1 001"}, {a, "6"}})
	sm.expect(a, down+5*time.Second, "Pesan Anda tersimpan") // the one notice
	time.Sleep(time.Until(start.Add(down)))
	redis.Start()
	sent.Wait()

	recovered(t, sm, a, env.DatabaseURL)
}

// TestFrozenRedisMidDialog: a Redis that hangs (its host frozen, connections open,
// no answer) holds no message or /readyz past its deadline.
func TestFrozenRedisMidDialog(t *testing.T) {
	const a = "6281234567814"
	env, redis, sm := onOwnRedis(t, a)
	redis.Freeze()
	start := time.Now()
	code, body := sm.get("/readyz")
	if took := time.Since(start); code != 503 || !strings.Contains(body, "redis") || took > 3*time.Second {
		t.Fatalf("/readyz with Redis frozen: %d %q after %v", code, body, took)
	}
	sent := sendSpaced(sm, [][2]string{{a, "Budi Santoso"}, {a, "19860926 201505 1 001"}, {a, "6"}})
	sm.expect(a, outage(t)+10*time.Second, "Pesan Anda tersimpan")
	time.Sleep(time.Until(start.Add(outage(t))))
	redis.Thaw()
	sent.Wait()
	recovered(t, sm, a, env.DatabaseURL)
}

func TestPostgresOutageMidDialogAndMidCommand(t *testing.T) {
	env := storetest.New(t) // for its Redis prefix; the database is the test's own
	pg := storetest.StartPostgres(t)
	t.Setenv("LOKET_DATABASE_URL", pg.URL)
	t.Setenv("LOKET_REDIS_PREFIX", env.Prefix)
	t.Setenv("LOKET_OUTAGE_NOTICE", "2s")
	const a, b, admin = "6281234567812", "6281234567813", "6281100000021"
	if err := run(context.Background(), []string{"staff", "add", admin, "admin", "Rina Wulandari"}, &syncBuffer{}); err != nil {
		t.Fatal(err)
	}
	sm := startSim(t)
	// b files a request before the outage; a is mid-dialog when it starts.
	for _, text := range []string{"1", "ya", "Dr. Budi Santoso", "19860926 201505 1 001", "6",
		"budi.santoso@staff.uns.ac.id", "Seminar Nasional Teknologi Informasi 2026", "besok", "lusa", "500", "ya"} {
		sm.say(b, text)
	}
	pdf := base64.StdEncoding.EncodeToString(sim.SampleLetterPDF())
	sm.post(`{"from":"` + b + `","document":{"filename":"surat.pdf","mimetype":"application/pdf","data":"` + pdf + `"}}`)
	sm.expect(b, 15*time.Second, "Ringkasan permohonan")
	ref := fmt.Sprintf("ZM-%d-0001", time.Now().In(loket.Jakarta).Year())
	sm.say(b, "kirim", ref)
	sm.expect(admin, 15*time.Second, "Permohonan baru")
	sm.say(a, "1", "Langkah 1 dari 11")
	sm.say(a, "ya", "Langkah 2 dari 11")

	down := outage(t)
	pg.Stop()
	start := time.Now()
	if code, body := sm.get("/readyz"); code != 503 || !strings.Contains(body, "postgresql: unreachable") || strings.Contains(body, "postgres@") {
		t.Fatalf("/readyz during the outage: %d %q", code, body)
	}
	sent := sendSpaced(sm, [][2]string{{a, "Budi Santoso"}, {admin, "/verifikasi " + ref + " surat lengkap"}, {a, "19860926 201505 1 001"}, {a, "6"}})
	time.Sleep(time.Until(start.Add(down)))
	pg.Start()
	sent.Wait()

	skipKeptNotice(sm, admin)
	sm.expect(admin, 30*time.Second, "sekarang: terverifikasi") // staff wait like everyone
	sm.expect(b, 15*time.Second, "sudah diverifikasi")
	skipKeptNotice(sm, a)
	recovered(t, sm, a, pg.URL)
	// It holds the WhatsApp number again, on a fresh session: another Loket started
	// now would stand by.
	db, err := store.Open(context.Background(), pg.URL, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		lock, err := db.TryLockConnection(context.Background())
		if lock == nil && err == nil {
			break
		}
		if lock != nil {
			lock.Release()
		}
		if time.Now().After(deadline) {
			t.Fatalf("the number is not held after the outage (%v): another process could take it beside this one", err)
		}
	}
}

// TestReadyzTellsPartialFailures: a Redis that answers PING but refuses writes and a
// PostgreSQL that answers but is read-only are not ready.
func TestReadyzTellsPartialFailures(t *testing.T) {
	env := storetest.New(t)
	redis := storetest.StartRedis(t)
	pg := storetest.StartPostgres(t)
	t.Setenv("LOKET_DATABASE_URL", pg.URL)
	t.Setenv("LOKET_REDIS_URL", redis.URL)
	t.Setenv("LOKET_REDIS_PREFIX", env.Prefix)
	sm := startSim(t)
	if code, _ := sm.get("/readyz"); code != 200 {
		t.Fatal("not ready at start")
	}
	// psql runs statements one by one on one connection (ALTER SYSTEM refuses to run
	// in a transaction).
	psql := func(statements ...string) {
		conn, err := pgx.Connect(context.Background(), pg.URL)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(context.Background())
		for _, sql := range statements {
			if _, err := conn.Exec(context.Background(), sql); err != nil {
				t.Fatalf("%s: %v", sql, err)
			}
		}
	}
	opt, err := goredis.ParseURL(redis.URL)
	if err != nil {
		t.Fatal(err)
	}
	rdb := goredis.NewClient(opt)
	defer rdb.Close()
	rc := func(args ...any) {
		if err := rdb.Do(context.Background(), args...).Err(); err != nil {
			t.Fatal(err)
		}
	}
	rc("CONFIG", "SET", "min-replicas-to-write", "1")
	if code, body := sm.get("/readyz"); code != 503 || !strings.Contains(body, "redis: refuses writes") {
		t.Fatalf("/readyz with Redis refusing writes: %d %q", code, body)
	}
	rc("CONFIG", "SET", "min-replicas-to-write", "0")
	psql(`ALTER SYSTEM SET default_transaction_read_only = on`, `SELECT pg_reload_conf()`)
	time.Sleep(200 * time.Millisecond)
	if code, body := sm.get("/readyz"); code != 503 || !strings.Contains(body, "postgresql: read-only") || strings.Contains(body, "postgres@") {
		t.Fatalf("/readyz with PostgreSQL read-only: %d %q", code, body)
	}
	psql(`SET default_transaction_read_only = off`, `ALTER SYSTEM RESET default_transaction_read_only`, `SELECT pg_reload_conf()`)
	time.Sleep(200 * time.Millisecond)
	if code, body := sm.get("/readyz"); code != 200 {
		t.Fatalf("/readyz after both recovered: %d %q", code, body)
	}
}
