// Package sentencetest checks, for tests, that sentences render: whether every
// sentence has both renderings is the compiler's job (see loket.Sentence), what each
// renders is this package's.
package sentencetest

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/uns-dtik/loket"
)

// leftover matches what a rendering must never contain: a fmt error ("%!d(MISSING)"),
// a verb left unformatted ("%s", "%[2]d", "%.1f"), or a Go value printed raw ("{}",
// "<nil>").
var leftover = regexp.MustCompile(`%!|%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[sdvfqxT]|\{\}|<nil>`)

// Check renders each sentence in both languages and fails t for an empty rendering
// or one with leftovers. Name each sentence's fields, so a wrong field shows.
func Check(t testing.TB, sentences ...loket.Sentence) {
	t.Helper()
	for _, s := range sentences {
		for _, lang := range []loket.Lang{loket.Indonesian, loket.English} {
			got := loket.Say(lang, s)
			if got == "" || leftover.MatchString(got) {
				t.Errorf("%s %s: %q", lang, fmt.Sprintf("%T%+v", s, s), got)
			}
		}
	}
}
