package loket

import (
	"strings"
	"testing"
	"time"
)

func TestEveryStatusHasAnEventLine(t *testing.T) {
	for _, lang := range []Lang{Indonesian, English} {
		for _, to := range Lifecycles.Statuses() {
			e := Event{At: time.Now(), From: StatusSubmitted, To: to, Note: "surat lengkap"}
			got := EventLine(lang, e, "Rina")
			if strings.Contains(got, "→") || !strings.Contains(got, "Rina") || !strings.HasSuffix(got, ": surat lengkap") {
				t.Errorf("%s, to %s: %q", lang, to, got)
			}
		}
	}
	if got := EventLine(Indonesian, Event{To: StatusSubmitted}, "pemohon"); got != "diajukan oleh pemohon" {
		t.Errorf("filing: %q", got)
	}
	if got := EventLine(English, Event{From: StatusDone, To: "archived"}, "x"); got != "done → archived (x)" {
		t.Errorf("a status without words: %q", got)
	}
}
