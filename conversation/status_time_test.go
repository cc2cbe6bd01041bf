package conversation

import (
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
)

// TestStatusTimesSayWIB: the applicant's status detail shows when the request was
// filed in Jakarta's time and says so, in both languages.
func TestStatusTimesSayWIB(t *testing.T) {
	m := statusDetail{Ref: "ZM-2026-0007", Title: "Lisensi Zoom", Status: statusName{Status: loket.StatusSubmitted, Holder: loket.RoleAdmin}, Filed: day.Add(10*time.Hour + 15*time.Minute)}
	for lang, want := range map[loket.Lang]string{loket.Indonesian: "Diajukan: 12 Des 2026 10.15 WIB", loket.English: "Filed: 12 Dec 2026 10:15 WIB"} {
		if got := loket.Say(lang, m); !strings.Contains(got, want) {
			t.Errorf("%s: want %q in\n%s", lang, want, got)
		}
	}
}
