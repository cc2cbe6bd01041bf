package loket

import (
	"testing"
	"time"
)

// TestFormatTime: a moment is written in Jakarta and says so ("WIB"), in both
// languages: staff and applicants outside Java, and the simulator's page in a browser
// elsewhere, must not read it as their own clock.
func TestFormatTime(t *testing.T) {
	at := time.Date(2026, 12, 31, 17, 5, 0, 0, time.UTC) // already 1 January in Jakarta
	if got := FormatTime(at, Indonesian); got != "1 Jan 2027 00.05 WIB" {
		t.Errorf("Indonesian: %q", got)
	}
	if got := FormatTime(time.Date(2026, 5, 4, 9, 30, 0, 0, Jakarta), English); got != "4 May 2026 09:30 WIB" {
		t.Errorf("English: %q", got)
	}
	if got := FormatTime(time.Date(2026, 5, 4, 9, 30, 0, 0, Jakarta), Indonesian); got != "4 Mei 2026 09.30 WIB" {
		t.Errorf("Indonesian May: %q", got)
	}
}

func TestIsDigits(t *testing.T) {
	for s, want := range map[string]bool{"0": true, "198503": true, "": false, "12a": false, "-1": false, "１２": false, "1 2": false} {
		if IsDigits(s) != want {
			t.Errorf("IsDigits(%q) = %v", s, !want)
		}
	}
}

func TestFormatDay(t *testing.T) {
	day := time.Date(2026, 12, 11, 20, 0, 0, 0, time.UTC) // Saturday 12 December in Jakarta
	for lang, want := range map[Lang]string{Indonesian: "Sabtu, 12 Desember 2026", English: "Saturday, 12 December 2026"} {
		if got := FormatDay(day, lang); got != want {
			t.Errorf("FormatDay(%s) = %q, want %q", lang, got, want)
		}
	}
	if MonthName(0, Indonesian) != "" || MonthName(13, English) != "" {
		t.Error("a month out of range has a name")
	}
}
