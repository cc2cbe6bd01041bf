package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"strings"
)

// newLogger makes the process's logger: text or JSON (LOKET_LOG_FORMAT) at the given
// level, with phone numbers, NIPs and WhatsApp IDs masked in every line.
func newLogger(w io.Writer, level, format string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	opts := &slog.HandlerOptions{Level: l}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if format == "json" {
		h = slog.NewJSONHandler(w, opts)
	}
	return slog.New(masking{h})
}

// longNumber is a run of eight or more digits, possibly broken by spaces or dashes
// as people write them (0812-3456-7890, 19860926 201505 1 001): a phone number, a
// NIP, or the number in a WhatsApp ID. Dots do not join digits (IP addresses stay
// readable), and a date (2026-11-28) is left alone.
var (
	longNumber = regexp.MustCompile(`\+?\d(?:[ \-]?\d){7,}`)
	isDate     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// maskNumbers keeps the first two and last two digits of each long number, so an
// operator can still tell two apart, and hides the rest.
func maskNumbers(s string) string {
	return longNumber.ReplaceAllStringFunc(s, func(n string) string {
		if isDate.MatchString(n) {
			return n
		}
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, n)
		return digits[:2] + strings.Repeat("•", len(digits)-4) + digits[len(digits)-2:]
	})
}

// masking is a slog.Handler that masks long numbers in the message and every string
// value (errors and other values are formatted first) before the real handler sees
// them: logs are read by more people than the request data is.
type masking struct{ slog.Handler }

func (m masking) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, maskNumbers(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(maskAttr(a))
		return true
	})
	return m.Handler.Handle(ctx, out)
}

func (m masking) WithAttrs(attrs []slog.Attr) slog.Handler {
	masked := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		masked[i] = maskAttr(a)
	}
	return masking{m.Handler.WithAttrs(masked)}
}

func (m masking) WithGroup(name string) slog.Handler { return masking{m.Handler.WithGroup(name)} }

func maskAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, maskNumbers(v.String()))
	case slog.KindGroup:
		group := v.Group()
		masked := make([]any, len(group))
		for i, g := range group {
			masked[i] = maskAttr(g)
		}
		return slog.Group(a.Key, masked...)
	case slog.KindAny:
		return slog.String(a.Key, maskNumbers(fmt.Sprint(v.Any())))
	}
	return slog.Attr{Key: a.Key, Value: v}
}

// redisLog takes go-redis's own log lines (a dial that failed, a pool retrying) to
// slog at debug level: the error that matters reaches the caller once, and a Redis
// that is away must not print a line per retry to the operator's terminal.
type redisLog struct{ log *slog.Logger }

func (l redisLog) Printf(ctx context.Context, format string, v ...any) {
	l.log.DebugContext(ctx, "redis: "+fmt.Sprintf(format, v...))
}
