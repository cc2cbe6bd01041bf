package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestCommandLineSaysWhatIsMissing: a command with an argument missing or one too
// many says which, with the line that would work, before connecting to anything
// (the database here does not exist).
func TestCommandLineSaysWhatIsMissing(t *testing.T) {
	t.Setenv("LOKET_DATABASE_URL", "postgres://nobody@127.0.0.1:1/nowhere")
	for args, want := range map[string]string{
		"staff":                "say what to do: add, remove or list",
		"staff add":            "staff add: the number is missing",
		"staff add 0812 admin": "staff add: the name is missing",
		"staff add 0812":       "the role (admin, pimpinan or staf) is missing",
		"staff remove":         "staff remove: the number is missing",
		"staff list all":       `staff list: unexpected argument "all"`,
		"staff hapus 0812":     `staff: unknown subcommand "hapus"`,
		"zoom":                 "zoom: say what to do",
		"zoom import":          "zoom import: the roster file",
		"zoom import a.csv b":  `unexpected argument "b"`,
		"migrate extra":        `migrate: unexpected argument "extra"`,
		"run now":              `run: unexpected argument "now"`,
		"pair":                 "pair: the bot's own number (--phone) is missing",
		"pair 6281234567890":   "put --phone before the number",
		"pair --phone":         "the bot's own number is missing",
		"pair --phone 12ab":    `"12ab" is not a phone number`,
		"pair --phone=12ab":    `"12ab" is not a phone number`,
		"health --live":        `health: unknown option "--live"`,
		"check-letter a.pdf b": `check-letter: unexpected argument "b"`,
	} {
		err := run(context.Background(), strings.Fields(args), &bytes.Buffer{})
		var usage *usageError
		if !errors.As(err, &usage) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "usage: loket ") {
			t.Errorf("loket %s: %v\nwant %q and the usage", args, err, want)
		}
	}
}

// TestBadConfigSaysTheExpectedForm: a setting that does not parse names the variable,
// its value and the form it takes, not the parser's words.
func TestBadConfigSaysTheExpectedForm(t *testing.T) {
	t.Setenv("LOKET_SEND_PER_MINUTE", "zero")
	t.Setenv("LOKET_SESSION_TTL", "tiga hari")
	_, err := loadConfig()
	for _, want := range []string{`LOKET_SEND_PER_MINUTE="zero": must be a whole number such as 300`,
		`LOKET_SESSION_TTL="tiga hari": must be a duration such as 72h`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "strconv") {
		t.Errorf("the parser's words reach the operator: %v", err)
	}
}

// TestStartupErrorsAreSpecific: the "is it running?" hint only where the connection
// was refused; a Redis (here: every Sentinel) that does not answer is one line
// naming what was asked, not a line per retry.
func TestStartupErrorsAreSpecific(t *testing.T) {
	if os.Getenv("LOKET_STARTUP_CHILD") != "" {
		err := run(context.Background(), []string{"migrate"}, os.Stdout)
		if err != nil {
			os.Stderr.WriteString("loket: " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	refused := closedPort(t)
	cases := []struct {
		name string
		env  []string
		want string
		not  string
	}{
		{"PostgreSQL refusing", []string{"LOKET_DATABASE_URL=postgres://loket@" + refused + "/loket"}, "is PostgreSQL running?", ""},
		{"PostgreSQL refusing the role", []string{"LOKET_DATABASE_URL=postgres://no_such_role@127.0.0.1:5432/postgres"}, `role "no_such_role" does not exist`, "is PostgreSQL running?"},
		{"Sentinels away", []string{"LOKET_REDIS_ADDRS=" + refused + "," + closedPort(t), "LOKET_REDIS_MASTER=mymaster"}, `Redis: no answer within 5 s from the Sentinels`, "pool.go"},
	}
	for _, tc := range cases {
		cmd := exec.Command(os.Args[0], "-test.run=^TestStartupErrorsAreSpecific$")
		cmd.Env = append(os.Environ(), append(tc.env, "LOKET_STARTUP_CHILD=1")...)
		out, err := cmd.CombinedOutput()
		got := string(out)
		if err == nil || !strings.Contains(got, tc.want) || (tc.not != "" && strings.Contains(got, tc.not)) {
			t.Errorf("%s: %v\n%s\nwant %q, not %q", tc.name, err, got, tc.want, tc.not)
		}
		if lines := strings.Count(strings.TrimSpace(got), "\n") + 1; tc.name == "Sentinels away" && lines > 2 {
			t.Errorf("%s: %d lines of output, want one:\n%s", tc.name, lines, got)
		}
	}
}

// closedPort is a local address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
