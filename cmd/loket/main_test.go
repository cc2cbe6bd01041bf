package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uns-dtik/loket/bot/sim"
	"github.com/uns-dtik/loket/store/storetest"
)

func TestBadConfigNamesTheVariable(t *testing.T) {
	cases := map[string]string{
		"LOKET_SESSION_TTL":  "tiga hari",
		"LOKET_DATABASE_URL": "mysql://x",
		"LOKET_REDIS_URL":    "localhost",
		"LOKET_HTTP_ADDR":    "8080",
		"LOKET_REDIS_PREFIX": "a b",
		"LOKET_REDIS_MASTER": "mymaster",
		"LOKET_LOG_LEVEL":    "loud",
	}
	for name, value := range cases {
		t.Run(name, func(t *testing.T) {
			t.Setenv(name, value)
			_, err := loadConfig()
			if err == nil || !strings.Contains(err.Error(), name) {
				t.Fatalf("%s=%q: error %v does not name the variable", name, value, err)
			}
		})
	}
}

func TestDefaultsNeedNoEnvironment(t *testing.T) {
	cfg, err := loadConfig()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.HTTPAddr != "127.0.0.1:8080" || cfg.SessionTTL != 72*time.Hour || cfg.RedisPrefix != "loket:" {
		t.Fatalf("defaults: %+v", cfg)
	}
}

func TestRunRefusesWhatIsNotBuilt(t *testing.T) {
	err := run(context.Background(), []string{"run"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "not built yet") {
		t.Fatalf("loket run: %v", err)
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"help"}, &out); err != nil || !strings.Contains(out.String(), "loket sim") {
		t.Fatalf("help: %v %q", err, out.String())
	}
	if err := run(context.Background(), []string{"frobnicate"}, io.Discard); err == nil {
		t.Fatal("an unknown command was accepted")
	}
}

func TestReadRoster(t *testing.T) {
	csv := "\ufeffFirst Name,Last Name,Email,User Type\nBudi,Santoso,Budi.Santoso@staff.uns.ac.id,Licensed\nSiti,A,siti@unit.uns.ac.id,Basic\n,,,\n"
	got, err := readRoster(strings.NewReader(csv))
	if err != nil || len(got) != 2 || got[0] != "budi.santoso@staff.uns.ac.id" {
		t.Fatalf("roster = %v, %v", got, err)
	}
	if _, err := readRoster(strings.NewReader("Name,Mail\nx,y@z.id\n")); err == nil {
		t.Fatal("a file without an Email column was accepted")
	}
}

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

// TestSimServesTheContract starts `loket sim` as a user would and talks to it over
// HTTP: health, readiness, the page, a malformed body, a conversation, and the
// Zoom roster import refusing an address that is not registered.
func TestSimServesTheContract(t *testing.T) {
	env := storetest.New(t)
	t.Setenv("LOKET_DATABASE_URL", env.DatabaseURL)
	t.Setenv("LOKET_REDIS_PREFIX", env.Prefix)
	t.Setenv("LOKET_HTTP_ADDR", "127.0.0.1:0")

	roster := filepath.Join(t.TempDir(), "users.csv")
	if err := os.WriteFile(roster, []byte("Email,User Type\nbudi@staff.uns.ac.id,Licensed\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var importOut bytes.Buffer
	if err := run(context.Background(), []string{"zoom", "import", roster}, &importOut); err != nil || !strings.Contains(importOut.String(), "1 addresses") {
		t.Fatalf("zoom import: %v %q", err, importOut.String())
	}

	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"sim"}, out) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("loket sim ended with %v", err)
		}
	})
	base := ""
	addr := regexp.MustCompile(`http://[0-9.:]+`)
	for deadline := time.Now().Add(20 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		base = addr.FindString(out.String())
	}
	if base == "" {
		t.Fatalf("loket sim did not say where it listens: %q", out.String())
	}

	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	post := func(body string) (int, map[string]string) {
		t.Helper()
		resp, err := http.Post(base+"/sim/messages", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]string
		_ = json.NewDecoder(resp.Body).Decode(&m)
		return resp.StatusCode, m
	}
	var after int64
	next := func() sim.Outbound {
		t.Helper()
		_, body := get("/sim/messages?to=6281234567890&after=" + strconv.FormatInt(after, 10) + "&wait=10s")
		var got struct{ Messages []sim.Outbound }
		if err := json.Unmarshal([]byte(body), &got); err != nil || len(got.Messages) == 0 {
			t.Fatalf("no bot message: %v %s", err, body)
		}
		after = got.Messages[0].Seq
		return got.Messages[0]
	}

	if code, body := get("/healthz"); code != 200 {
		t.Fatalf("/healthz: %d %s", code, body)
	}
	if code, body := get("/readyz"); code != 200 {
		t.Fatalf("/readyz: %d %s", code, body)
	}
	if code, body := get("/"); code != 200 || !strings.Contains(body, "<html") {
		t.Fatalf("page: %d", code)
	}
	if code, m := post(`{"from":"6281234567890","text":`); code != 400 || m["error"] == "" {
		t.Fatalf("malformed body: %d %v", code, m)
	}
	if code, m := post(`{"from":"+62 812","text":"halo"}`); code != 400 || !strings.Contains(m["error"], "from") {
		t.Fatalf("bad number: %d %v", code, m)
	}
	if code, m := post(`{"from":"6281234567890","name":"Budi","text":"halo","id":"HTTP-1"}`); code != 202 || m["id"] != "HTTP-1" {
		t.Fatalf("post: %d %v", code, m)
	}
	if msg := next(); !strings.Contains(msg.Text, "Selamat datang") || msg.To != "6281234567890" {
		t.Fatalf("greeting: %+v", msg)
	}
	for _, text := range []string{"1", "ya", "Budi Santoso", "19860926 201505 1 001", "6"} {
		post(`{"from":"6281234567890","text":"` + text + `"}`)
		next()
	}
	post(`{"from":"6281234567890","text":"siti@staff.uns.ac.id"}`)
	if msg := next(); !strings.Contains(msg.Text, "Zoom UNS") {
		t.Fatalf("an address outside the roster was accepted: %q", msg.Text)
	}
	post(`{"from":"6281234567890","text":"budi@staff.uns.ac.id"}`)
	if msg := next(); !strings.Contains(msg.Text, "Langkah 6 dari 11") {
		t.Fatalf("a roster address was refused: %q", msg.Text)
	}
	pdf := base64.StdEncoding.EncodeToString(sim.SampleLetterPDF())
	if code, _ := post(`{"from":"6281234567890","document":{"filename":"surat.pdf","mimetype":"application/pdf","data":"` + pdf + `"}}`); code != 202 {
		t.Fatalf("document post: %d", code)
	}
	if msg := next(); !strings.Contains(msg.Text, "teks") {
		t.Fatalf("a document where text is expected: %q", msg.Text)
	}
}

// TestStaffCommands manages staff from the shell, as the first set-up does.
func TestStaffCommands(t *testing.T) {
	env := storetest.New(t)
	t.Setenv("LOKET_DATABASE_URL", env.DatabaseURL)
	t.Setenv("LOKET_REDIS_PREFIX", env.Prefix)
	do := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := run(context.Background(), append([]string{"staff"}, args...), &out)
		return out.String(), err
	}
	if out, err := do("add", "6281100000001", "admin", "Rina", "Wulandari"); err != nil || !strings.Contains(out, "+6281100000001") {
		t.Fatalf("add: %q %v", out, err)
	}
	if _, err := do("add", "081100000001", "pimpinan", "Rina Wulandari"); err != nil {
		t.Fatal(err)
	}
	if out, _ := do("list"); !strings.Contains(out, "Rina Wulandari — +6281100000001 — admin, pimpinan") {
		t.Fatalf("list: %q", out)
	}
	if _, err := do("add", "6281100000001", "boss", "Rina"); err == nil || !strings.Contains(err.Error(), "boss") {
		t.Fatalf("a bad role was accepted: %v", err)
	}
	if _, err := do("add", "nomor", "admin", "Rina"); err == nil {
		t.Fatal("a bad number was accepted")
	}
	if out, err := do("remove", "+62 811 0000 0001", "admin"); err != nil || !strings.Contains(out, "1 role") {
		t.Fatalf("remove: %q %v", out, err)
	}
	if out, _ := do("list"); !strings.Contains(out, "— pimpinan") || strings.Contains(out, "admin") {
		t.Fatalf("list after remove: %q", out)
	}
}
