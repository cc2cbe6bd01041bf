package conversation

import (
	"testing"
	"time"

	"github.com/uns-dtik/loket"
)

// TestDateWithASentencesEnd: a date typed as a sentence ("besok.", "Senin?") is read
// as without its punctuation.
func TestDateWithASentencesEnd(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, loket.Jakarta) // a Monday
	for in, want := range map[string]string{"besok.": "2026-11-24", "hari ini.": "2026-11-23", "15/1.": "2027-01-15",
		"12 Desember 2026.": "2026-12-12", "besok!": "2026-11-24", "Jumat?": "2026-11-27", "15.02.": "2027-02-15"} {
		d, err := ParseDate(in, now)
		if err != nil || d.Format("2006-01-02") != want {
			t.Errorf("ParseDate(%q) = %s, %v; want %s", in, d.Format("2006-01-02"), err, want)
		}
	}
}
