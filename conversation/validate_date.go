package conversation

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/uns-dtik/loket"
)

// weekdayNames maps the full names of weekdays, Indonesian or English, as a
// weekday phrase ("Jumat depan") takes them; an abbreviation could be anything
// ("min", "sel"), so it is read only before or after a full date, whose own weekday
// checks it.
var weekdayNames = map[string]time.Weekday{
	"minggu": time.Sunday, "ahad": time.Sunday,
	"senin": time.Monday, "selasa": time.Tuesday, "rabu": time.Wednesday, "kamis": time.Thursday,
	"jumat": time.Friday, "jum'at": time.Friday, "jum’at": time.Friday, "jumaat": time.Friday,
	"sabtu":  time.Saturday,
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// weekdayAbbrevs maps the abbreviated weekday names, Indonesian or English.
var weekdayAbbrevs = map[string]time.Weekday{
	"min": time.Sunday, "mgg": time.Sunday, "sen": time.Monday, "sel": time.Tuesday, "rab": time.Wednesday,
	"kam": time.Thursday, "jum": time.Friday, "sab": time.Saturday,
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "tues": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// weekdayWord reads a weekday's name, full or abbreviated.
func weekdayWord(w string) (time.Weekday, bool) {
	if wd, ok := weekdayNames[w]; ok {
		return wd, true
	}
	wd, ok := weekdayAbbrevs[w]
	return wd, ok
}

// dateFillers are words that may stand before a date ("tgl 12 Des 2026",
// "hari Sabtu, 12 Desember 2026") and mean nothing.
var dateFillers = map[string]bool{"tgl": true, "tanggal": true, "hari": true, "date": true, "on": true, "the": true}

// relativeDays are the words for a day counted from today.
var relativeDays = map[string]int{
	"hari ini": 0, "today": 0, "sekarang": 0,
	"besok": 1, "esok": 1, "besuk": 1, "tomorrow": 1,
	"lusa": 2, "the day after tomorrow": 2, "day after tomorrow": 2,
}

// relativeCount matches "3 hari lagi", "dalam 3 hari", "in 3 days", "3 days from now".
var relativeCount = regexp.MustCompile(`^(?:(\d{1,3}) hari (?:lagi|ke depan|dari sekarang)|dalam (\d{1,3}) hari(?: lagi)?|in (\d{1,3}) days?|(\d{1,3}) days? from now)$`)

// ordinal matches an English ordinal day: 1st, 2nd, 3rd, 12th.
var ordinal = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)$`)

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// ParseDate reads a date as an Indonesian or English applicant types it and returns
// midnight of that day in Jakarta. Relative words ("besok", "lusa", "3 hari lagi",
// "tomorrow", "in 3 days") count from now's day in Jakarta. Absolute dates are
// "12 Desember 2026", "12 des. 2026", "December 12, 2026", "2026-12-12" and
// "12/12/2026", "12-12-2026", "12.12.2026" (always day, month, year), optionally led by
// "tgl"/"tanggal" and a weekday name, which must then be the date's weekday.
// Without a year ("15 Januari", "15/1") a date is the next such day, today included,
// and never more than a year ahead. A weekday named alone ("Jumat", "Jumat ini",
// "Senin depan", "next Monday") is read as validate_date_weekday.go says; a week
// ("minggu depan") or a day that could be either of two is refused with a question
// that names them. Whether the date is in the past is not checked here.
func ParseDate(s string, now time.Time) (time.Time, error) {
	today := dayOf(now)
	return readDate(s, today, today)
}

// dayOf is midnight, in Jakarta, of the day t falls on there.
func dayOf(t time.Time) time.Time {
	t = t.In(loket.Jakarta)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loket.Jakarta)
}

// readDate is ParseDate on today, reading a date typed without a year as the first
// such day on or after from: today, or for an end date the start date, so that
// "25 November" after a start of 20 November next year is that year's.
func readDate(s string, today, from time.Time) (time.Time, error) {
	s = trimInput(s)
	if len(s) > maxInput {
		return time.Time{}, loket.Refuse(dateTooLong{})
	}
	// A sentence's end is not part of the date: "besok.", "Senin?", "15/1!".
	s = strings.TrimRight(strings.ToLower(s), ".!? ")
	s = strings.Map(func(r rune) rune {
		switch {
		case isInvisible(r):
			return -1
		case r == ',' || r == '(' || r == ')':
			return ' '
		}
		return r
	}, s)
	words := strings.Fields(s)
	s = strings.Join(words, " ")

	if d, ok := relativeDays[s]; ok {
		return today.AddDate(0, 0, d), nil
	}
	if m := relativeCount.FindStringSubmatch(s); m != nil {
		return today.AddDate(0, 0, atoi(m[1]+m[2]+m[3]+m[4])), nil
	}
	if d, ok, err := weekdayPhrase(words, today, from); ok {
		return d, err
	}

	// A weekday name and filler words may lead; a weekday may also trail.
	weekday := time.Weekday(-1)
	for len(words) > 0 {
		w := strings.TrimRight(words[0], ".:")
		if wd, ok := weekdayWord(w); ok && weekday < 0 {
			weekday = wd
		} else if !dateFillers[w] {
			break
		}
		words = words[1:]
	}
	if k := len(words) - 1; k > 0 && weekday < 0 {
		if wd, ok := weekdayWord(strings.TrimRight(words[k], ".")); ok {
			weekday, words = wd, words[:k]
		}
	}
	if len(words) == 0 {
		if weekday >= 0 {
			return time.Time{}, loket.Refuse(dateWeekdayOnly{})
		}
		return time.Time{}, loket.Refuse(dateUnrecognised{})
	}

	day, month, year, err := dateParts(words)
	if err != nil {
		return time.Time{}, err
	}
	return makeDate(day, month, year, weekday, from)
}

// dateParts splits the words of an absolute date into day, month and year, each as
// typed (the month as its number).
func dateParts(words []string) (day, month, year string, err error) {
	joined := strings.Join(words, "")
	if parts, ok := numericDate(joined); ok {
		switch {
		case len(parts) == 3 && len(parts[0]) == 4:
			return parts[2], parts[1], parts[0], nil
		case len(parts) == 3:
			return parts[0], parts[1], parts[2], nil
		case len(parts[1]) == 4:
			return "", parts[0], parts[1], nil
		default:
			return parts[0], parts[1], "", nil
		}
	}

	// Words: "12 des. 2026", "december 12th 2026", "12-des-2026", "12 12 2026".
	var toks []string
	for _, w := range strings.FieldsFunc(strings.Join(words, " "), func(r rune) bool {
		return r == ' ' || r == '.' || r == '-' || r == '/'
	}) {
		if m := ordinal.FindStringSubmatch(w); m != nil {
			w = m[1]
		}
		if w != "of" {
			toks = append(toks, w)
		}
	}
	class := make([]byte, len(toks))
	for i, t := range toks {
		switch {
		case loket.IsDigits(t):
			class[i] = 'n'
		case loket.MonthOfWord(t) != 0:
			class[i] = 'm'
		case isLetters(t):
			class[i] = 'w'
		default:
			class[i] = '?'
		}
	}
	switch string(class) {
	case "nmn":
		if len(toks[0]) == 4 {
			return toks[2], monthNumber(toks[1]), toks[0], nil
		}
		return toks[0], monthNumber(toks[1]), toks[2], nil
	case "mnn":
		return toks[1], monthNumber(toks[0]), toks[2], nil
	case "nnn":
		if len(toks[0]) == 4 {
			return toks[2], toks[1], toks[0], nil
		}
		return toks[0], toks[1], toks[2], nil
	case "nm", "mn":
		num, m := toks[0], toks[1]
		if class[0] == 'm' {
			num, m = m, num
		}
		if len(num) == 4 {
			return "", monthNumber(m), num, nil
		}
		return num, monthNumber(m), "", nil
	case "nwn", "nw":
		return "", "", "", loket.Refuse(dateUnknownMonth{Typed: toks[1]})
	case "wnn":
		return "", "", "", loket.Refuse(dateUnknownMonth{Typed: toks[0]})
	}
	return "", "", "", loket.Refuse(dateUnrecognised{})
}

// numericDate splits "12/12/2026", "2026-12-12" or "12.12" into its numbers: two or
// three runs of digits joined by one kind of separator ('/', '-' or '.').
func numericDate(s string) ([]string, bool) {
	i := strings.IndexAny(s, "/-.")
	if i < 0 {
		return nil, false
	}
	parts := strings.Split(s, s[i:i+1])
	if len(parts) < 2 || len(parts) > 3 {
		return nil, false
	}
	for _, p := range parts {
		if !loket.IsDigits(p) || len(p) > 4 {
			return nil, false
		}
	}
	return parts, true
}

// monthNumber returns the number of a month name, as makeDate takes it.
func monthNumber(word string) string { return strconv.Itoa(int(loket.MonthOfWord(word))) }

func isLetters(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z') {
			return false
		}
	}
	return s != ""
}

// makeDate checks a date given as typed and returns it at midnight in Jakarta; a
// date without a year is the first such day on or after from.
func makeDate(day, month, year string, weekday time.Weekday, from time.Time) (time.Time, error) {
	if len(month) > 2 || atoi(month) < 1 || atoi(month) > 12 {
		return time.Time{}, loket.Refuse(dateInvalidMonth{Typed: month})
	}
	m := time.Month(atoi(month))
	if day == "" {
		if year == "" {
			return time.Time{}, loket.Refuse(dateUnrecognised{})
		}
		return time.Time{}, loket.Refuse(dateNoDay{Month: m, Year: year})
	}
	if len(day) > 2 {
		return time.Time{}, loket.Refuse(dateUnrecognised{})
	}
	d := atoi(day)
	if year == "" {
		return nextDate(d, m, weekday, from)
	}
	var y int
	switch len(year) {
	case 2:
		y = 2000 + atoi(year)
	case 4:
		y = atoi(year)
	}
	if y < 1900 || y > 2199 {
		return time.Time{}, loket.Refuse(dateBadYear{Typed: year})
	}
	if n := daysIn(y, m); d < 1 || d > n {
		return time.Time{}, loket.Refuse(dateInvalidDay{Day: d, Month: m, Year: y, Days: n})
	}
	return withWeekday(time.Date(y, m, d, 0, 0, 0, 0, loket.Jakarta), weekday)
}

// nextDate reads day d of month m, typed without a year, as its first occurrence on
// or after from. That is always within a year, except for 29 February: its next
// occurrence may be years ahead, which is far likelier a slip for 28 February or
// 1 March than meant, so the applicant is asked instead.
func nextDate(d int, m time.Month, weekday time.Weekday, from time.Time) (time.Time, error) {
	// 2024 is a leap year: only a day that no year has is refused here.
	if n := daysIn(2024, m); d < 1 || d > n {
		return time.Time{}, loket.Refuse(dateInvalidDay{Day: d, Month: m, Days: n})
	}
	y := from.Year()
	if m < from.Month() || m == from.Month() && d < from.Day() {
		y++
	}
	if d > daysIn(y, m) {
		leap := y + 1
		for daysIn(leap, time.February) != 29 {
			leap++
		}
		return time.Time{}, loket.Refuse(dateNoLeapDay{Year: y, Leap: leap})
	}
	return withWeekday(time.Date(y, m, d, 0, 0, 0, 0, loket.Jakarta), weekday)
}

// withWeekday returns t if weekday, the weekday typed with it (or -1), is its own.
func withWeekday(t time.Time, weekday time.Weekday) (time.Time, error) {
	if weekday >= 0 && t.Weekday() != weekday {
		return time.Time{}, loket.Refuse(dateWeekdayMismatch{Date: t, Typed: weekday})
	}
	return t, nil
}

// FormatDate writes the calendar day of t (in Jakarta) in words: "Sabtu, 12 Desember
// 2026" for lang "id" and "Saturday, 12 December 2026" for "en". Any other lang is
// taken as Indonesian.
func FormatDate(t time.Time, lang string) string {
	if lang == string(loket.English) {
		return dateEN(t)
	}
	return dateID(t)
}
