package main

import (
	"context"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket/store/storetest"
)

// TestBenchRunsEndToEnd runs `loket bench` with small numbers — two applicants, six
// requests with 1 MB letters, three of them Zoom requests (more than the two
// licences a day, so their events must fall on different days) — through every phase on the real stores, and checks
// that it prints each figure and leaves no scratch schema behind. It judges no
// speed: a timed assertion on this shared machine would fail at random.
func TestBenchRunsEndToEnd(t *testing.T) {
	env := storetest.New(t) // only for its connection, to look for leftovers
	var out syncBuffer
	if err := run(context.Background(), []string{"bench", "-chats", "2", "-requests", "6", "-letter-mb", "1", "-seed", "7"}, &out); err != nil {
		t.Fatalf("loket bench: %v\n%s", err, out.String())
	}
	report := out.String()
	t.Log(report)
	for _, want := range []string{
		"2 chats, 6 requests, letters 1.0 MB, seed 7", "machine: ", "PostgreSQL", "Redis",
		"msgs/s", "req/s", "p50 ms", "p95 ms", "p99 ms", "CPU µs/msg", "+children", "peak RSS",
		"\nfloor ", "\napplicants ", "\nverify ", "\ndispose ", "\ndone ", "\nquestionnaire ", "\nLoket, all ", "\npipeline only ",
		"Loket ÷ floor at 2 chats: messages/s ", "CPU per message ", "p99 latency ",
		"applicants by message (count, p50 / p99 ms): letter 6, ", "; kirim 6, ", "; others 72, ",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if !regexp.MustCompile(`\napplicants +84 +6 `).MatchString(report) {
		t.Errorf("six requests' dialogs should be 84 messages and 6 requests")
	}
	if !regexp.MustCompile(`\npipeline only +84 +- `).MatchString(report) || !regexp.MustCompile(` (0\.0*[1-9]|[1-9])[0-9.]* \(pipeline only\); `).MatchString(report) {
		t.Errorf("the pipeline alone should be as many messages as the applicants', filing nothing, with its ratio")
	}
	// The floor with its records in turn, after the pipeline, for at least as many
	// messages, with the pipeline's ratio to it and its own to the floor.
	if !regexp.MustCompile(`\nfloor, in turn +(8[4-9]|9[0-9]|[1-9][0-9]{2,}) +- `).MatchString(report) ||
		!regexp.MustCompile(`\nPipeline only ÷ floor in turn: messages/s (0\.0*[1-9]|[1-9])[0-9.]*; floor in turn ÷ floor: (0\.0*[1-9]|[1-9])[0-9.]*, `).MatchString(report) {
		t.Errorf("the floor in turn should follow the pipeline, for at least its 84 messages, with the pipeline's ratio to it and its own to the floor")
	}
	// Applicants 84, the desk's three steps 6 each, the questionnaires 6 × 4: the
	// pipeline alone is not among them.
	if !regexp.MustCompile(`\nLoket, all +126 +6 `).MatchString(report) {
		t.Errorf("Loket, all should be the applicants', the desk's and the questionnaires' 126 messages")
	}
	var left int
	if err := env.DB.Pool.QueryRow(context.Background(),
		`SELECT count(*) FROM information_schema.schemata WHERE schema_name = substring($1 from 'scratch schema (bench_[0-9a-f]+)')`,
		report).Scan(&left); err != nil || left != 0 {
		t.Errorf("the scratch schema is still there (%d, %v)", left, err)
	}
}

// TestBenchRefusesBadFlags: a wrong command line is refused before anything is
// opened, naming what is wrong.
func TestBenchRefusesBadFlags(t *testing.T) {
	for args, want := range map[string]string{
		"-requests 5 -duration 10s": "give one",
		"-chats 0":                  "-chats",
		"-letter-mb 12":             "at most 10",
		"-letter-mb 5-1":            "-letter-mb",
		"extra":                     `unexpected argument "extra"`,
		"-open 5":                   "at least 10",
		"-open 100 -requests 5":     "only -chats",
		"-open 100 -lockstep":       "only -chats",
	} {
		_, err := parseBenchArgs(strings.Fields(args))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error saying %q", args, err, want)
		}
	}
	o, err := parseBenchArgs(nil)
	if err != nil || o.chats != 50 || o.requests != 100 || o.letterMin != 1<<20 || o.letterMax != 5<<20 {
		t.Errorf("defaults: %+v, %v", o, err)
	}
}

// TestRampSpreadsTheApplicants: applicant i starts at the lead's (i×14/50)th
// answer, so that 50 applicants are spread over a dialog's 14 steps; with
// -lockstep all start at once; a lead that stops early lets the rest go.
func TestRampSpreadsTheApplicants(t *testing.T) {
	started := func(r *ramp) (n int) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // wait returns the context's error for a gate still shut
		for i := range 50 {
			select {
			case <-r.gates[min(i*r.steps/r.chats, r.steps)]:
				n++
			default:
				if err := r.wait(ctx, i); err == nil {
					t.Fatalf("applicant %d may start before its gate opened", i)
				}
			}
		}
		return n
	}
	r := newRamp(50, 14, false)
	if n := started(r); n != 4 {
		t.Errorf("before the lead's first answer %d applicants may start, want 4 (i×14/50 = 0)", n)
	}
	for range 7 {
		r.leadAnswered()
	}
	if n := started(r); n != 29 {
		t.Errorf("after 7 answers %d may start, want 29 (i×14/50 ≤ 7)", n)
	}
	r.leadDone()
	if n := started(r); n != 50 {
		t.Errorf("after the lead stopped %d may start, want all 50", n)
	}
	if n := started(newRamp(50, 14, true)); n != 50 {
		t.Errorf("in lockstep %d may start at once, want all 50", n)
	}
	full := newRamp(50, 14, false)
	for range 20 { // a dialog longer than the ramp's steps
		full.leadAnswered()
	}
	if n := started(full); n != 50 {
		t.Errorf("after the lead's whole dialog %d may start, want all 50", n)
	}
}

// TestBenchOpenDialogs: `loket bench -open` leaves dialogs open and reads the
// process's memory at each step.
func TestBenchOpenDialogs(t *testing.T) {
	var out syncBuffer
	if err := run(context.Background(), []string{"bench", "-open", "20", "-chats", "4"}, &out); err != nil {
		t.Fatalf("loket bench -open: %v\n%s", err, out.String())
	}
	report := out.String()
	for _, want := range []string{"4 chats, 20 dialogs left open", "\n10 ", "\n20 ", "RSS from 10 to 20 open dialogs: "} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
}

// TestChildrenCPUCountsRunningChildren: the letter checker's children run for many
// letters, so the bench must count the CPU of children that have not ended, which
// getrusage does not.
func TestChildrenCPUCountsRunningChildren(t *testing.T) {
	_, before, _ := cpuTimes()
	spin := exec.Command("/bin/sh", "-c", "while :; do :; done")
	if err := spin.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = spin.Process.Kill(); _ = spin.Wait() }()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if _, now, _ := cpuTimes(); now-before >= 50*time.Millisecond {
			return
		}
	}
	t.Fatal("a running child's CPU was not counted in 10 s of its spinning")
}

// TestServersCPUCountsPostgreSQL: the bench counts the CPU PostgreSQL spends on this
// machine, where most of a message's cost is (a statement costs there, not here).
func TestServersCPUCountsPostgreSQL(t *testing.T) {
	env := storetest.New(t)
	_, _, before := cpuTimes()
	// A statement that keeps its backend busy for a few hundred milliseconds.
	if _, err := env.DB.Pool.Exec(context.Background(), `SELECT count(*) FROM generate_series(1, 5000000)`); err != nil {
		t.Fatal(err)
	}
	if _, _, after := cpuTimes(); after.since(before) < 50*time.Millisecond {
		t.Fatalf("PostgreSQL's CPU counted %v for a statement that keeps it busy (its server must run on this machine)", after.since(before))
	}
}

// TestServersCPUOfAnEndedProcess: a server process that ends during a phase (an
// autovacuum worker) takes its time with it; its earlier time does not count against
// the processes still running, as it did when the totals were subtracted.
func TestServersCPUOfAnEndedProcess(t *testing.T) {
	before := serverCPU{"100": 5 * time.Second, "200": time.Second}
	after := serverCPU{"200": 3 * time.Second, "300": time.Second}
	if got := after.since(before); got != 3*time.Second {
		t.Fatalf("since = %v, want 3s: 2s more of process 200, 1s of the new 300", got)
	}
}
