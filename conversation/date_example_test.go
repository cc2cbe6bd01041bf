package conversation_test

import (
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
)

// TestDateExamplesFollowTheRules (issue 11, point 5): a date prompt's example is
// one the step would accept — a week from today for the start date, the day after
// the start date for the end date — in the applicant's language, and it moves when
// the start date does. The catalog's fixed "13 Desember 2026" once followed a start
// of 28 Desember.
func TestDateExamplesFollowTheRules(t *testing.T) {
	t.Parallel()
	d := newDialog(t, nil)
	d.answer(zoomApplicant)
	d.say("Seminar Nasional 2026", "Langkah 7 dari 11", "Contoh: 30 November 2026, atau besok")
	got := d.say("28 Desember 2026", "Langkah 8 dari 11", "Contoh: 29 Desember 2026")
	if strings.Contains(got, "13 Desember") {
		t.Fatalf("the end date's example is still the catalog's fixed date:\n%s", got)
	}
	d.say("bantuan", "Contoh: 29 Desember 2026")
	d.say("english", "Example: 29 December 2026")
	d.say("indonesia")
	d.say("kembali", "Langkah 7 dari 11")
	d.say("5 Januari 2027", "Langkah 8 dari 11", "Contoh: 6 Januari 2027")

	// A refusal's example obeys the rule it states: after 12 December 2026 the old
	// "12 Desember 2026" would itself be in the past.
	d.now = time.Date(2027, 3, 1, 9, 0, 0, 0, loket.Jakarta)
	d.say("lanjutkan")
	d.say("kembali", "Langkah 7 dari 11", "Contoh: 8 Maret 2027")
	got = d.say("1 Maret 2026", "sudah lewat", "8 Maret 2027")
	if strings.Contains(got, "Desember 2026") {
		t.Fatalf("the refusal of a past date offers a past example:\n%s", got)
	}
}

// exchange is an answer and what the bot's reply to it must contain.
type exchange struct{ text, want string }

// zoomApplicant answers the Zoom licence dialog up to the event's name (step 6).
var zoomApplicant = []exchange{
	{"1", "Langkah 1 dari 11"}, {"ya", "Langkah 2 dari 11"}, {"Dr. Siti Aminah, M.Kom.", "Langkah 3 dari 11"},
	{"19860926 201505 2 001", "Langkah 4 dari 11"}, {"6", "Langkah 5 dari 11"},
	{"siti@staff.uns.ac.id", "Langkah 6 dari 11"},
}

// answer says each exchange's text in turn, checking the replies.
func (d *dialog) answer(exchanges []exchange) {
	d.t.Helper()
	for _, e := range exchanges {
		d.say(e.text, e.want)
	}
}
