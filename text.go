package loket

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Texts is a table of the sentences a room says, by code: Indonesian first, then
// English (empty where the Indonesian serves both, e.g. for staff). Keeping them in
// one table per room lets a reviewer read everything the bot says in one place.
type Texts map[string][2]string

// Say returns code's sentence in lang with args formatted in, and whether the code
// exists. A sentence given no args is returned as written.
func (t Texts) Say(lang Lang, code string, args ...any) (string, bool) {
	pair, ok := t[code]
	if !ok {
		return "", false
	}
	format := pair[0]
	if lang == English && pair[1] != "" {
		format = pair[1]
	}
	if len(args) == 0 {
		return format, true
	}
	return fmt.Sprintf(format, args...), true
}

// EventTexts says what an audit event did, by the status it moved the request to
// ("filed" for the filing itself); %s is who did it, as the reader should see them.
var EventTexts = Texts{
	"filed":                 {"diajukan oleh %s", "filed by %s"},
	string(StatusSubmitted): {"diajukan ulang oleh %s", "resubmitted by %s"},
	string(StatusRevision):  {"dikembalikan untuk perbaikan oleh %s", "returned for correction by %s"},
	string(StatusVerified):  {"diverifikasi oleh %s", "verified by %s"},
	string(StatusDisposed):  {"didisposisikan oleh %s", "assigned by %s"},
	string(StatusDone):      {"diselesaikan oleh %s", "completed by %s"},
	string(StatusRejected):  {"ditolak oleh %s", "rejected by %s"},
	string(StatusCancelled): {"dibatalkan oleh %s", "cancelled by %s"},
}

// EventLine is one timeline row's words for e: what happened, by actor, and the note.
func EventLine(lang Lang, e Event, actor string) string {
	what := "filed"
	if e.From != "" {
		what = string(e.To)
	}
	line, ok := EventTexts.Say(lang, what, actor)
	if !ok {
		line = fmt.Sprintf("%s → %s (%s)", e.From, e.To, actor)
	}
	if e.Note != "" {
		line += ": " + e.Note
	}
	return line
}

// Missing returns, of codes, those the table has no sentence for.
func (t Texts) Missing(codes ...string) []string {
	var missing []string
	for _, code := range codes {
		if _, ok := t[code]; !ok {
			missing = append(missing, code)
		}
	}
	return missing
}

// CodesInSource lists, per Go file in dir (tests excluded), the sentence codes that
// pattern's first group captures from its source. A room's test checks them against its
// Texts with Missing, so a code typed in a call but absent from the table is caught
// before a user ever sees the bare code.
func CodesInSource(dir string, pattern *regexp.Regexp) (map[string][]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	codes := map[string][]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, m := range pattern.FindAllStringSubmatch(string(src), -1) {
			codes[f] = append(codes[f], m[1])
		}
	}
	return codes, nil
}
