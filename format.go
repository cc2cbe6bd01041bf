package loket

import (
	"fmt"
	"strings"
	"time"
)

// How Loket writes moments and reads digits, in one place so that the dialog, the
// back office and storage can never disagree on them.

// Jakarta is Western Indonesian Time (WIB, UTC+7): UNS works in it, so every date Loket
// reads or shows, every working day and every reference year is counted in it. It is
// a fixed zone so that no tzdata is needed; Indonesia has no daylight saving time.
var Jakarta = time.FixedZone("WIB", 7*3600)

// monthAbbrev are the short month names, Indonesian then English.
var monthAbbrev = [2][12]string{
	{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"},
	{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
}

// Month and weekday names, Indonesian then English; month 0 has no name.
var (
	monthNames = [2][13]string{
		{"", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"},
		{"", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	}
	weekdayNames = [2][7]string{
		{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"},
		{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	}
)

func langIndex(lang Lang) int {
	if lang == English {
		return 1
	}
	return 0
}

// MonthName is m's name in lang ("Desember"); "" for a month out of range.
func MonthName(m time.Month, lang Lang) string {
	if m < 0 || m > 12 {
		return ""
	}
	return monthNames[langIndex(lang)][m]
}

// WeekdayName is d's name in lang ("Sabtu").
func WeekdayName(d time.Weekday, lang Lang) string { return weekdayNames[langIndex(lang)][d%7] }

// FormatDate writes the day t falls on in Jakarta: "12 Desember 2026".
func FormatDate(t time.Time, lang Lang) string {
	t = t.In(Jakarta)
	return fmt.Sprintf("%d %s %d", t.Day(), MonthName(t.Month(), lang), t.Year())
}

// FormatDay writes the day t falls on in Jakarta with its weekday, as Loket echoes
// dates: "Sabtu, 12 Desember 2026".
func FormatDay(t time.Time, lang Lang) string {
	return WeekdayName(t.In(Jakarta).Weekday(), lang) + ", " + FormatDate(t, lang)
}

// FormatTime writes a moment in Jakarta as its readers write it: "23 Nov 2026 10.15 WIB"
// in Indonesian (a dot between hours and minutes), "23 Nov 2026 10:15 WIB" in English.
// The zone is always named: UNS has staff and applicants in WITA and WIT too, and the
// simulator's page may run in a browser anywhere, so a bare clock time would be read
// as the reader's own. Every time Loket shows a person goes through here.
func FormatTime(at time.Time, lang Lang) string {
	at = at.In(Jakarta)
	if lang == English {
		return fmt.Sprintf("%d %s %d %02d:%02d WIB", at.Day(), monthAbbrev[1][at.Month()-1], at.Year(), at.Hour(), at.Minute())
	}
	return fmt.Sprintf("%d %s %d %02d.%02d WIB", at.Day(), monthAbbrev[0][at.Month()-1], at.Year(), at.Hour(), at.Minute())
}

// IsDigits reports whether s is one or more ASCII digits and nothing else: a menu
// number, a NIP, a part of a date. Unicode digits (٣, ３) are not digits here.
func IsDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// monthWords maps every spelling of a month name, Indonesian or English, full or
// abbreviated (as DTIK writes them: "Agt", "Nop", "Peb", "Mrt"), in lower case and
// without a trailing dot.
var monthWords = map[string]time.Month{
	"jan": 1, "januari": 1, "january": 1,
	"feb": 2, "peb": 2, "februari": 2, "pebruari": 2, "february": 2,
	"mar": 3, "mrt": 3, "maret": 3, "march": 3,
	"apr": 4, "april": 4,
	"mei": 5, "may": 5,
	"jun": 6, "juni": 6, "june": 6,
	"jul": 7, "juli": 7, "july": 7,
	"agu": 8, "agt": 8, "ags": 8, "agus": 8, "agustus": 8, "aug": 8, "august": 8,
	"sep": 9, "sept": 9, "september": 9,
	"okt": 10, "oktober": 10, "oct": 10, "october": 10,
	"nov": 11, "nop": 11, "nopember": 11, "november": 11,
	"des": 12, "desember": 12, "dec": 12, "december": 12,
}

// MonthOfWord reads a month's name as people write it, Indonesian or English, full or
// abbreviated ("Agt.", "nop", "Dec"), in any case and with or without a trailing dot;
// 0 when w is none. The dialog's dates and the back office's months read it alike.
func MonthOfWord(w string) time.Month {
	return monthWords[strings.TrimSuffix(strings.ToLower(w), ".")]
}
