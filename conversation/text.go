package conversation

import (
	"errors"
	"strconv"
	"strings"

	"github.com/uns-dtik/loket"
)

// The dialog's sentences are typed (sentences.go, refusals.go, letter_text.go) and
// rendered in text_id.go and text_en.go; the catalog holds each service's prompts.

// say renders s in the session's language.
func (t *turn) say(s loket.Sentence) string { return loket.Say(t.s.Lang, s) }

// sayError turns a refusal into a sentence in lang; any other error is not the
// applicant's fault and is returned for the caller to handle.
func sayError(lang loket.Lang, err error) (string, bool) {
	var refused *loket.Refusal
	if !errors.As(err, &refused) {
		return "", false
	}
	return loket.Say(lang, refused.Sentence), true
}

// monthYear joins a month's name and a year, leaving out a missing one (a month of
// 0 has the name "", a year of 0 is none): "Mei 2018", "2027", "Februari".
func monthYear(month string, year int) string {
	switch {
	case year == 0:
		return month
	case month == "":
		return strconv.Itoa(year)
	}
	return month + " " + strconv.Itoa(year)
}

// lines joins non-empty parts with blank lines between them.
func lines(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "\n\n")
}
