package main

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/uns-dtik/loket/store/storetest"
)

// TestBenchRunsEndToEnd runs `loket bench` with small numbers — five applicants, a
// request each with 1 MB letters, three of them Zoom requests for the same days, one
// more than the catalog's two licences a day — through every phase on the real
// stores, and checks that it prints each figure and leaves no scratch schema behind.
// It judges no speed: a timed assertion on this shared machine would fail at random.
func TestBenchRunsEndToEnd(t *testing.T) {
	env := storetest.New(t) // only for its connection, to look for leftovers
	var out syncBuffer
	if err := run(context.Background(), []string{"bench", "-chats", "5", "-requests", "5", "-letter-mb", "1", "-seed", "7"}, &out); err != nil {
		t.Fatalf("loket bench: %v\n%s", err, out.String())
	}
	report := out.String()
	t.Log(report)
	for _, want := range []string{
		"5 chats, 5 requests, letters 1.0 MB, seed 7", "machine: ", "PostgreSQL", "Redis",
		"msgs/s", "req/s", "p50 ms", "p95 ms", "p99 ms", "CPU µs/msg", "+children", "peak RSS",
		"\nfloor ", "\napplicants ", "\nverify ", "\ndispose ", "\ndone ", "\nquestionnaire ", "\nLoket, all ",
		"Loket ÷ floor at 5 chats: messages/s ", "CPU per message ", "p99 latency ",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if !regexp.MustCompile(`\napplicants +70 +5 `).MatchString(report) {
		t.Errorf("five requests' dialogs should be 70 messages and 5 requests")
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
