package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"google.golang.org/protobuf/proto"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot"
	"github.com/uns-dtik/loket/bot/sim"
	"github.com/uns-dtik/loket/store/storetest"
)

// syncBuffer lets the test read what `loket sim` prints while it runs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// simulator is `loket sim` running in this test, reached over HTTP as a user would.
type simulator struct {
	t     *testing.T
	base  string
	after map[string]int64
	// stop stops `loket sim` as Ctrl+C does and returns how it ended; once.
	stop func() error
}

// startSim runs `loket sim` with the environment the test set, until the test ends;
// it must then stop cleanly.
func startSim(t *testing.T) *simulator {
	t.Helper()
	t.Setenv("LOKET_HTTP_ADDR", "127.0.0.1:0")
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"sim"}, out) }()
	stop := sync.OnceValue(func() error {
		cancel()
		return <-done
	})
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("loket sim ended with %v", err)
		}
	})
	addr := regexp.MustCompile(`http://[0-9.:]+`)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if base := addr.FindString(out.String()); base != "" {
			sm := &simulator{t: t, base: base, after: map[string]int64{}, stop: stop}
			sm.settled()
			return sm
		}
		select {
		case err := <-done:
			t.Fatalf("loket sim stopped at start: %v", err)
		default:
		}
	}
	t.Fatalf("loket sim did not say where it listens: %q", out.String())
	return nil
}

// settled waits until the bot holds the WhatsApp number, or stands by for another
// process that does: until then /readyz says it is not connected yet.
func (s *simulator) settled() {
	s.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		code, body := s.get("/readyz")
		if code == 200 || strings.Contains(body, "standing by") || !strings.Contains(body, "not connected") {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("/readyz after start: %d %s", code, body)
		}
	}
}

func (s *simulator) get(path string) (int, string) {
	s.t.Helper()
	resp, err := http.Get(s.base + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (s *simulator) post(body string) (int, map[string]string) {
	s.t.Helper()
	resp, err := http.Post(s.base+"/sim/messages", "application/json", strings.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

// text sends text from the number, as JSON.
func (s *simulator) text(from, text string) {
	s.t.Helper()
	body, _ := json.Marshal(sim.Inbound{From: from, Text: text})
	if code, m := s.post(string(body)); code != 202 {
		s.t.Fatalf("send %q: %d %v", text, code, m)
	}
}

// next waits up to wait for the bot's next message to the number.
func (s *simulator) next(to string, wait time.Duration) sim.Outbound {
	s.t.Helper()
	deadline := time.Now().Add(wait)
	for {
		left := max(time.Until(deadline), time.Millisecond)
		_, body := s.get("/sim/messages?to=" + to + "&after=" + strconv.FormatInt(s.after[to], 10) + "&wait=" + min(left, 10*time.Second).String())
		var got struct{ Messages []sim.Outbound }
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			s.t.Fatalf("messages: %v %s", err, body)
		}
		if len(got.Messages) > 0 {
			s.after[to] = got.Messages[0].Seq
			return got.Messages[0]
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("no message to %s within %v", to, wait)
		}
	}
}

// expect waits for the bot's next message to the number and checks it holds want.
func (s *simulator) expect(to string, wait time.Duration, want ...string) string {
	s.t.Helper()
	got := s.next(to, wait).Text
	for _, w := range want {
		if !strings.Contains(got, w) {
			s.t.Fatalf("%s was told:\n%s\n\nwant it to contain %q", to, got, w)
		}
	}
	return got
}

// say sends text and expects the answer to hold want.
func (s *simulator) say(from, text string, want ...string) string {
	s.t.Helper()
	s.text(from, text)
	return s.expect(from, 15*time.Second, want...)
}

// TestStopEndsLongPolls: with the page open (a long poll waiting for the bot), Ctrl+C
// ends the poll at once and `loket sim` stops cleanly (and logs "stopped cleanly"),
// instead of waiting out the HTTP server's shutdown limit and ending with its error.
func TestStopEndsLongPolls(t *testing.T) {
	env := storetest.New(t)
	t.Setenv("LOKET_DATABASE_URL", env.DatabaseURL)
	t.Setenv("LOKET_REDIS_PREFIX", env.Prefix)
	sm := startSim(t)
	polled := make(chan error, 1)
	go func() {
		resp, err := http.Get(sm.base + "/sim/messages?to=6281234567890&wait=60s")
		if err == nil {
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		polled <- err
	}()
	// The poll is in the server's hands once the server has seen it; give it a moment.
	time.Sleep(300 * time.Millisecond)
	if err := sm.stop(); err != nil {
		t.Fatalf("loket sim ended with %v", err)
	}
	select {
	case err := <-polled:
		if err != nil {
			t.Errorf("the long poll ended with %v, want an answer", err)
		}
	default:
		t.Error("loket sim stopped before answering the open long poll")
	}
}

// TestSimKeepsHistoryAcrossRestarts: `loket sim` started again shows the bot's
// earlier messages and numbers on from them, so a page reloaded after a restart shows
// the whole conversation and a client polling with after= sees only what is new.
func TestSimKeepsHistoryAcrossRestarts(t *testing.T) {
	env := storetest.New(t)
	t.Setenv("LOKET_DATABASE_URL", env.DatabaseURL)
	t.Setenv("LOKET_REDIS_PREFIX", env.Prefix)
	const budi = "6281234567890"
	first := startSim(t)
	first.say(budi, "halo", "Selamat datang")
	seen := first.after[budi]
	if err := first.stop(); err != nil {
		t.Fatal(err)
	}

	second := startSim(t)
	if got := second.next(budi, 5*time.Second); got.Seq != seen || !strings.Contains(got.Text, "Selamat datang") {
		t.Fatalf("after a restart the history starts with %+v, want the greeting numbered %d", got, seen)
	}
	second.text(budi, "menu")
	if got := second.next(budi, 10*time.Second); got.Seq <= seen {
		t.Fatalf("a new message is numbered %d, not after %d", got.Seq, seen)
	}
}

// TestSimPollSaysTheChatsLanguage: `loket sim`'s poll answer carries the language the
// bot speaks with the number, read from its dialog: Indonesian first, English after
// the applicant's "english", Indonesian again after "indonesia".
func TestSimPollSaysTheChatsLanguage(t *testing.T) {
	env := storetest.New(t)
	t.Setenv("LOKET_DATABASE_URL", env.DatabaseURL)
	t.Setenv("LOKET_REDIS_PREFIX", env.Prefix)
	const budi, ani = "6281234567890", "6281234567891"
	sm := startSim(t)
	lang := func(query string) (got struct {
		Lang  string
		Langs map[string]string
	}) {
		t.Helper()
		if _, body := sm.get("/sim/messages?" + query); json.Unmarshal([]byte(body), &got) != nil {
			t.Fatalf("messages: %s", body)
		}
		return got
	}
	if got := lang("to=" + budi); got.Lang != "id" {
		t.Fatalf("before a word the poll says lang %q, want id", got.Lang)
	}
	sm.say(budi, "halo", "Selamat datang")
	sm.say(ani, "halo", "Selamat datang")
	sm.say(budi, "english", "we will continue in English")
	if got := lang("to=" + budi); got.Lang != "en" {
		t.Errorf("after english the poll says lang %q, want en", got.Lang)
	}
	if got := lang("after=0"); got.Langs[budi] != "en" || got.Langs[ani] != "id" {
		t.Errorf("the poll of every number says langs %v, want %s en and %s id", got.Langs, budi, ani)
	}
	sm.say(budi, "indonesia", "kita lanjutkan dalam Bahasa Indonesia")
	if got := lang("to=" + budi); got.Lang != "id" {
		t.Errorf("after indonesia the poll says lang %q, want id", got.Lang)
	}
}

// TestSimBesideAnotherLoketStandsBy: `loket sim` on a database whose WhatsApp number
// another Loket process holds (`loket run` in production, say) stands by, as a
// second bot does: it records nothing — another process would otherwise answer the
// page's numbers, through the real WhatsApp — and /readyz says why; its page keeps
// what was typed, and once the number is free the bot takes over and answers it.
func TestSimBesideAnotherLoketStandsBy(t *testing.T) {
	env := storetest.New(t)
	t.Setenv("LOKET_DATABASE_URL", env.DatabaseURL)
	t.Setenv("LOKET_REDIS_PREFIX", env.Prefix)
	t.Setenv("LOKET_STANDBY_POLL", "200ms")
	release := env.HoldNumber(t) // the other process
	const budi = "6281234567890"
	sm := startSim(t)
	sm.text(budi, "halo")
	time.Sleep(time.Second)
	if _, body := sm.get("/sim/messages?to=" + budi + "&wait=1s"); strings.Contains(body, "Selamat datang") {
		t.Fatalf("answered while another process holds the number: %s", body)
	}
	var recorded int
	if err := env.DB.Pool.QueryRow(context.Background(), `SELECT count(*) FROM inbox`).Scan(&recorded); err != nil || recorded != 0 {
		t.Fatalf("%d messages recorded while standing by (%v): another process would answer them", recorded, err)
	}
	if code, body := sm.get("/readyz"); code != 503 || !strings.Contains(body, "standing by") {
		t.Fatalf("/readyz while standing by: %d %s", code, body)
	}
	release()
	sm.expect(budi, 15*time.Second, "Selamat datang")
	if code, body := sm.get("/readyz"); code != 200 {
		t.Fatalf("/readyz once it took over: %d %s", code, body)
	}
}

// TestSimLetsGoOfTheNumberAndSendsNothingMore: once `loket sim` has lost the number
// (its lock's session ended) and another process holds it, nothing more goes out
// through its simulator — neither the other process's notifications nor answers —
// and what the page sends is kept, not recorded; /readyz says it stands by. Its
// simulator, as the bot's WhatsApp, is connected only while the number is held
// (heldSim), as loket run's connection is cut when the lock goes: a sender's last
// pass after the loss finds it disconnected.
func TestSimLetsGoOfTheNumberAndSendsNothingMore(t *testing.T) {
	env := storetest.New(t)
	t.Setenv("LOKET_DATABASE_URL", env.DatabaseURL)
	t.Setenv("LOKET_REDIS_PREFIX", env.Prefix)
	t.Setenv("LOKET_STANDBY_POLL", "200ms")
	const budi, rina = "6281234567890", "6281100000021"
	sm := startSim(t)
	sm.say(budi, "halo", "Selamat datang")
	// Its lock's session ends, and another process takes the number at once.
	env.EndNumberHolder(t)
	release := env.HoldNumber(t)
	// A process that takes the number waits 3 × the holder's check before it works,
	// by when the holder has let go: so does this one, and then some.
	time.Sleep(time.Second)
	if _, err := env.DB.Pool.Exec(context.Background(), `INSERT INTO outbox (recipient, msg_id, body, created_at, not_before)
		VALUES ($1, $2, 'Permohonan baru (from the other process)', now(), now())`, rina, loket.NewMessageID()); err != nil {
		t.Fatal(err)
	}
	sm.text(budi, "1")
	if _, body := sm.get("/sim/messages?to=" + rina + "&wait=4s"); strings.Contains(body, "Permohonan baru") {
		t.Fatalf("the other process's notification went out through this simulator: %s", body)
	}
	if _, body := sm.get("/sim/messages?to=" + budi + "&after=" + strconv.FormatInt(sm.after[budi], 10)); strings.Contains(body, "Langkah") {
		t.Fatalf("answered without the number: %s", body)
	}
	var recorded int
	if err := env.DB.Pool.QueryRow(context.Background(), `SELECT count(*) FROM inbox`).Scan(&recorded); err != nil || recorded != 1 {
		t.Fatalf("%d messages recorded (%v), want only the one before the number was lost", recorded, err)
	}
	if code, body := sm.get("/readyz"); code != 503 || !strings.Contains(body, "standing by") {
		t.Fatalf("/readyz without the number: %d %s", code, body)
	}
	// The number free again, it takes over: the kept message is answered, and the
	// notification goes out, once.
	release()
	sm.expect(budi, 15*time.Second, "Langkah 1 dari 11")
	sm.expect(rina, 15*time.Second, "Permohonan baru")
}

// TestHeldSimSendsOnlyWhileTheNumberIsHeld: `loket sim`'s simulator, as the bot's
// WhatsApp, is connected only while the process holds the number, and every call
// fails as a real client's does once its connection is cut: a send that passed its
// check before the lock went, and then waited for its turn, goes nowhere.
func TestHeldSimSendsOnlyWhileTheNumberIsHeld(t *testing.T) {
	var held atomic.Bool
	s := sim.New(func(any) bool { return true })
	defer s.Close()
	client := heldSim{Sim: s, connected: &held}
	to := types.NewJID("6281234567890", types.DefaultUserServer)
	text := &waE2E.Message{Conversation: proto.String("halo")}
	ctx := context.Background()
	if client.IsConnected() {
		t.Fatal("connected before the number is held")
	}
	if _, err := client.SendMessage(ctx, to, text); !errors.Is(err, bot.ErrNotConnected) {
		t.Fatalf("a send without the number: %v", err)
	}
	if _, err := client.Upload(ctx, []byte("%PDF-1.7"), whatsmeow.MediaDocument); !errors.Is(err, bot.ErrNotConnected) {
		t.Fatalf("an upload without the number: %v", err)
	}
	if err := client.SendChatPresence(ctx, to, types.ChatPresenceComposing, types.ChatPresenceMediaText); !errors.Is(err, bot.ErrNotConnected) {
		t.Fatalf("typing… without the number: %v", err)
	}
	if got := s.Sent(to.User, 0); len(got) != 0 {
		t.Fatalf("sent without the number: %+v", got)
	}
	held.Store(true)
	if !client.IsConnected() {
		t.Fatal("not connected while the number is held")
	}
	if _, err := client.SendMessage(ctx, to, text); err != nil {
		t.Fatalf("a send with the number: %v", err)
	}
	if got := s.Sent(to.User, 0); len(got) != 1 || got[0].Text != "halo" {
		t.Fatalf("sent with the number: %+v", got)
	}
}
