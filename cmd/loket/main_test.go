package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/backoffice"
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
		"LOKET_LOG_FORMAT":   "xml",
		"LOKET_STANDBY_POLL": "sebentar",
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

func TestCommandLine(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"help"}, &out); err != nil || !strings.Contains(out.String(), "loket sim") || !strings.Contains(out.String(), "loket run") {
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

	sm := startSim(t)
	get, post := sm.get, sm.post
	next := func() sim.Outbound { t.Helper(); return sm.next("6281234567890", 10*time.Second) }

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
	post(`{"from":"6281234567890","text":"batal"}`)
	next()
	post(`{"from":"6281234567890","text":"ya"}`)
	next()

	// What happened shows in /metrics, without who it was. (The last reply is seen
	// a moment before its message is marked handled and counted.)
	wants := []string{
		`loket_messages_in_total{kind="text"} 10`, `loket_messages_in_total{kind="document"} 1`,
		`loket_messages_out_total{kind="text"} 11`,
		`loket_dialogs_total{outcome="started",service="ZM"} 1`, `loket_dialogs_total{outcome="abandoned",service="ZM"} 1`,
		`loket_queue_depth{queue="inbox"} 0`, `loket_store_stats_up 1`,
	}
	var metrics string
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		var code int
		if code, metrics = get("/metrics"); code != 200 {
			t.Fatalf("/metrics: %d", code)
		}
		missing := slices.DeleteFunc(slices.Clone(wants), func(w string) bool { return strings.Contains(metrics, w) })
		if len(missing) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("/metrics lacks %q", missing)
			break
		}
	}
	for _, private := range []string{"6281234567890", "Budi", "budi@"} {
		if strings.Contains(metrics, private) {
			t.Errorf("/metrics shows %q", private)
		}
	}
	if t.Failed() {
		t.Log(metrics)
	}
}

// TestStaffCommands manages staff from the shell, as the first set-up does.
func TestStaffCommands(t *testing.T) {
	do, _ := staffShell(t)
	if out, err := do("add", "6281100000001", "admin", "Rina", "Wulandari"); err != nil || !strings.Contains(out, "+6281100000001") {
		t.Fatalf("add: %q %v", out, err)
	}
	if _, err := do("add", "081100000001", "pimpinan", "Rina Wulandari"); err != nil {
		t.Fatal(err)
	}
	if out, _ := do("list"); !strings.Contains(out, "Rina Wulandari — +6281100000001 — admin, pimpinan") || strings.Contains(out, "*") {
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

// TestStaffAddedFromTheShellAreToldWhatWaits: the README's order — apply, then
// `loket staff add` — tells the new admin, once, of the request no admin was there
// to be told of.
func TestStaffAddedFromTheShellAreToldWhatWaits(t *testing.T) {
	do, env := staffShell(t)
	ctx := context.Background()
	r, err := env.DB.FileRequest(ctx, loket.NewRequest{DraftID: "before-staff", Service: "ZM", Chat: "6281234567890",
		Phone: "+6281234567890", Name: "budi", Lang: loket.Indonesian,
		Fields: []loket.Field{{Key: "applicant_name", Value: "Dr. Budi Santoso"}}}, time.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // added twice: told once
		if _, err := do("add", "081100000001", "admin", "Rina Wulandari"); err != nil {
			t.Fatal(err)
		}
	}
	var told []string
	rows, err := env.DB.Pool.Query(ctx, `SELECT body FROM outbox WHERE recipient = '6281100000001' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			t.Fatal(err)
		}
		told = append(told, body)
	}
	if len(told) != 1 || !strings.Contains(told[0], r.Ref) || !strings.Contains(told[0], "Dr. Budi Santoso") || !strings.Contains(told[0], "/antrian") {
		t.Fatalf("the admin added after the filing was told %q; want one message naming %s, its applicant and /antrian", told, r.Ref)
	}
}

// staffShell runs `loket staff …` on a fresh database, as an operator would.
func staffShell(t *testing.T) (func(args ...string) (string, error), *storetest.Env) {
	env := storetest.New(t)
	t.Setenv("LOKET_DATABASE_URL", env.DatabaseURL)
	t.Setenv("LOKET_REDIS_PREFIX", env.Prefix)
	return func(args ...string) (string, error) {
		var out bytes.Buffer
		err := run(context.Background(), append([]string{"staff"}, args...), &out)
		return out.String(), err
	}, env
}

// TestCheckLetterByHand: `loket check-letter` says what the bot would decide, through
// the same child process; a file that kills its child is a refusal, not a crash.
func TestCheckLetterByHand(t *testing.T) {
	var out bytes.Buffer
	if err := checkLetter(context.Background(), bytes.NewReader(sim.SampleLetterPDF()), &out); err != nil || !strings.Contains(out.String(), "accepted: 1 page(s)") {
		t.Fatalf("sample letter: %v %q", err, out.String())
	}
	selfBased := sim.AssemblePDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /ColorSpace << /CS0 4 0 R >> >> >>",
		"[/Indexed 4 0 R 1 <000000FFFFFF>]")
	if err := checkLetter(context.Background(), bytes.NewReader(selfBased), &out); err == nil || !strings.Contains(err.Error(), "refused (letter_unreadable)") {
		t.Fatalf("a file that overflows the child: %v", err)
	}
}

// TestVersionIsStamped: `loket version` names the version and commit the Makefile
// stamps with -ldflags, since Go's own VCS stamping is off in many builds.
func TestVersionIsStamped(t *testing.T) {
	defer func(v, c string) { buildVersion, buildCommit = v, c }(buildVersion, buildCommit)
	for _, tc := range []struct{ version, commit, want string }{
		{"v1.2.0", "56a345596cb2", "loket v1.2.0 (commit 56a345596cb2)\n"},
		{"", "56a345596cb2-dirty", "loket commit 56a345596cb2-dirty\n"},
		{"v1.2.0", "", "loket v1.2.0\n"},
	} {
		buildVersion, buildCommit = tc.version, tc.commit
		var out strings.Builder
		if err := run(context.Background(), []string{"version"}, &out); err != nil {
			t.Fatal(err)
		}
		if out.String() != tc.want {
			t.Errorf("stamped %q/%q: loket version = %q, want %q", tc.version, tc.commit, out.String(), tc.want)
		}
	}
}

// TestStaffCLIKeepsAPimpinan: the shell changes staff by the same rule as /staf — it
// refuses to remove the only pimpinan, and reads numbers as chat does.
func TestStaffCLIKeepsAPimpinan(t *testing.T) {
	do, env := staffShell(t)
	if _, err := do("add", "6281100000002", "pimpinan", "Ary Setyawan"); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"remove", "6281100000002"}, {"remove", "081100000002", "pimpinan"}} {
		if out, err := do(args...); err == nil || !strings.Contains(err.Error(), "pimpinan") {
			t.Fatalf("%v: the only pimpinan was removed: %q %v", args, out, err)
		}
	}
	if out, _ := do("list"); !strings.Contains(out, "Ary Setyawan — +6281100000002 — pimpinan") {
		t.Fatalf("list: %q", out)
	}
	// A number without its leading 0 is Indonesian, as in chat.
	if out, err := do("add", "81100000005", "pimpinan", "Dewi"); err != nil || !strings.Contains(out, "+6281100000005") {
		t.Fatalf("add 811…: %q %v", out, err)
	}
	if out, err := do("remove", "6281100000002"); err != nil || !strings.Contains(out, "1 role") {
		t.Fatalf("remove with another pimpinan left: %q %v", out, err)
	}
	// Chat refuses the same removal the shell just did not make possible.
	office := &backoffice.Office{Store: env.DB}
	replies, err := office.Handle(context.Background(), loket.Message{Kind: loket.KindText, Text: "/staf hapus 081100000005",
		Phone: "+6281100000005", Chat: "6281100000005"})
	if err != nil || len(replies) != 1 || !strings.Contains(replies[0].Text, "satu-satunya pimpinan") {
		t.Fatalf("/staf hapus of the only pimpinan: %v %v", replies, err)
	}
	if _, err := do("remove", "+62 811-0000-0005"); err == nil {
		t.Fatal("the shell removed the pimpinan chat may not")
	}
}
