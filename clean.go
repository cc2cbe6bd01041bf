package loket

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// What applicants send is untrusted: it is stored, and shown to staff next to text
// the bot writes. These two functions are applied where a message enters Loket, so
// nothing behind that edge ever meets a NUL byte (which PostgreSQL refuses), a
// control character, or a bidirectional override that makes a file name or a note
// read differently from how it is stored ("surat\u202efdp.exe" shows as
// "suratexe.pdf").

// Display-name and file-name limits, in characters.
const (
	MaxNameLength     = 60
	MaxFileNameLength = 100
)

// isBidiControl reports the embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069). The marks U+200E and U+200F are left alone: they change no order.
func isBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// CleanText removes from free text what must never be stored or forwarded: invalid
// UTF-8, NUL and every other C0 and C1 control character except line feed and tab
// (a carriage return before a line feed goes; a lone one becomes a line feed), and
// bidirectional embeddings, overrides and isolates. Everything else is kept as typed.
func CleanText(s string) string {
	if isClean(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "")
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch {
		case r == '\r':
			if !strings.HasPrefix(s[i+1:], "\n") {
				b.WriteByte('\n')
			}
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case unicode.IsControl(r) || isBidiControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isClean reports whether CleanText would return s unchanged, without allocating:
// the common case.
func isClean(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || r == '\r' || r != '\n' && r != '\t' && unicode.IsControl(r) || isBidiControl(r) {
			return false
		}
	}
	return true
}

// CleanLine makes s a one-line label of at most max characters (display names, file
// names): it is CleanText, then line breaks, tabs and zero-width characters become
// spaces or go, runs of spaces fold into one, and the ends are trimmed. A label cut
// short ends in "…".
func CleanLine(s string, max int) string {
	s = CleanText(s)
	var b strings.Builder
	space, n := false, 0
	for _, r := range s {
		switch {
		case r == 0x200B || r == 0x200C || r == 0x200D || r == 0x2060 || r == 0xFEFF:
			continue
		case unicode.IsSpace(r):
			space = n > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			n++
			space = false
		}
		if n >= max {
			return strings.TrimRight(string([]rune(b.String())[:max-1]), " ") + "…"
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// CleanFileName is CleanLine for a file name an applicant's app sent: only its last
// path element counts (no directory a viewer could be led into), at most
// MaxFileNameLength characters.
func CleanFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return CleanLine(name, MaxFileNameLength)
}
