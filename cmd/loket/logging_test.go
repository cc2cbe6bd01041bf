package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

// TestLogsMaskNumbers: a phone number, a NIP or a WhatsApp ID never reaches the log
// whole, whatever carries it — the message, a string, an error, a group, a logger's
// own attributes — in text and in JSON.
func TestLogsMaskNumbers(t *testing.T) {
	private := []string{"6281234567890", "198609262015051001", "0812-3456-7890", "205981277929522"}
	for _, format := range []string{"text", "json"} {
		var out bytes.Buffer
		log := newLogger(&out, "debug", format).With("chat", "6281234567890")
		log.Info("reply to +6281234567890 failed", "to", "205981277929522@lid",
			"err", errors.New("send to 6281234567890@s.whatsapp.net: timeout"),
			slog.Group("request", "nip", "19860926 201505 1 001", "contact", "0812-3456-7890"),
			"seq", 1234567, "attempt", 3, "at", "2026-11-28", "addr", "dial tcp 157.240.13.54:443")
		line := out.String()
		for _, p := range private {
			if strings.Contains(strings.NewReplacer(" ", "", "-", "").Replace(line), strings.NewReplacer("-", "").Replace(p)) {
				t.Errorf("%s: %s is in the log: %s", format, p, line)
			}
		}
		for _, kept := range []string{"62•••••••••90", "19••••••••••••••01", "seq", "1234567", "attempt", "2026-11-28", "157.240.13.54:443"} {
			if !strings.Contains(line, kept) {
				t.Errorf("%s: %q is missing from %s", format, kept, line)
			}
		}
		if format == "json" {
			var v map[string]any
			if err := json.Unmarshal(out.Bytes(), &v); err != nil {
				t.Errorf("not JSON: %v: %s", err, line)
			}
		}
	}
}
