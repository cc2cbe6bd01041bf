package conversation

import (
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
)

// dateCases run at validationNow, Monday 23 November 2026 09:00 WIB; want is the
// date in ISO form.
var dateCases = []validationCase{
	{name: "Indonesian month", in: "12 Desember 2026", want: "2026-12-12"},
	{name: "Indonesian abbreviation", in: "12 Des 2026", want: "2026-12-12"},
	{name: "abbreviation with dot", in: "12 des. 2026", want: "2026-12-12"},
	{name: "weekday and comma", in: "Sabtu, 12 Desember 2026", want: "2026-12-12"},
	{name: "weekday without comma", in: "sabtu 12 desember 2026", want: "2026-12-12"},
	{name: "weekday after", in: "12 Desember 2026 (Sabtu)", want: "2026-12-12"},
	{name: "tgl", in: "tgl 12 Desember 2026", want: "2026-12-12"},
	{name: "tanggal", in: "tanggal 12 des 2026", want: "2026-12-12"},
	{name: "hari and tanggal", in: "hari Sabtu, tanggal 12 Desember 2026", want: "2026-12-12"},
	{name: "Jum'at spelling", in: "Jum'at, 11 Desember 2026", want: "2026-12-11"},
	{name: "ISO", in: "2026-12-12", want: "2026-12-12"},
	{name: "slashes", in: "12/12/2026", want: "2026-12-12"},
	{name: "dashes", in: "12-12-2026", want: "2026-12-12"},
	{name: "dots", in: "12.12.2026", want: "2026-12-12"},
	{name: "spaced slashes", in: "12 / 12 / 2026", want: "2026-12-12"},
	{name: "day first even when ambiguous", in: "1/2/2027", want: "2027-02-01"},
	{name: "two-digit year", in: "12/12/26", want: "2026-12-12"},
	{name: "weekday and slashes", in: "Sabtu, 12/12/2026", want: "2026-12-12"},
	{name: "dashed words", in: "12-Des-2026", want: "2026-12-12"},
	{name: "spaced numbers", in: "12 12 2026", want: "2026-12-12"},
	{name: "English month first", in: "December 12, 2026", want: "2026-12-12"},
	{name: "English day first", in: "12 December 2026", want: "2026-12-12"},
	{name: "English abbreviation", in: "Dec 12 2026", want: "2026-12-12"},
	{name: "English weekday", in: "Saturday, 12 December 2026", want: "2026-12-12"},
	{name: "English ordinal", in: "12th of December 2026", want: "2026-12-12"},
	{name: "Pebruari", in: "1 Pebruari 2027", want: "2027-02-01"},
	{name: "Agt", in: "17 Agt 2027", want: "2027-08-17"},
	{name: "Nopember", in: "30 Nopember 2026", want: "2026-11-30"},
	{name: "29 February in a leap year", in: "29 Februari 2028", want: "2028-02-29"},
	{name: "capitals and zero-width", in: "\u200b12 DESEMBER 2026\u200b", want: "2026-12-12"},
	{name: "today", in: "hari ini", want: "2026-11-23"},
	{name: "today in English", in: "Today", want: "2026-11-23"},
	{name: "tomorrow", in: "besok", want: "2026-11-24"},
	{name: "tomorrow in English", in: "tomorrow", want: "2026-11-24"},
	{name: "the day after tomorrow", in: "Lusa", want: "2026-11-25"},
	{name: "three days from now", in: "3 hari lagi", want: "2026-11-26"},
	{name: "within three days", in: "dalam 3 hari", want: "2026-11-26"},
	{name: "in three days", in: "in 3 days", want: "2026-11-26"},
	{name: "forty days across the year", in: "40 hari lagi", want: "2027-01-02"},

	// Issue 11, point 8: a day and month without a year is the next such day,
	// today included; a weekday name is the next such day (see dateRelativeCases).
	{name: "no year", in: "12 Desember", want: "2026-12-12"},
	{name: "no year, already past this year", in: "1 Januari", want: "2027-01-01"},
	{name: "no year, today", in: "23 November", want: "2026-11-23"},
	{name: "no year, yesterday is next year's", in: "22 November", want: "2027-11-22"},
	{name: "no year, numeric", in: "12/12", want: "2026-12-12"},
	{name: "no year, numeric, next year", in: "15/2", want: "2027-02-15"},
	{name: "no year, numeric with dashes", in: "15-2", want: "2027-02-15"},
	{name: "no year, numeric with dots", in: "15.02", want: "2027-02-15"},
	{name: "no year, English", in: "December 12", want: "2026-12-12"},
	{name: "no year, English ordinal", in: "the 15th of January", want: "2027-01-15"},
	{name: "no year, ordinal", in: "15th January", want: "2027-01-15"},
	{name: "no year, with its weekday", in: "Senin, 15 Februari", want: "2027-02-15"},
	{name: "no year, wrong weekday", in: "Selasa, 15 Februari", code: "date_weekday_mismatch",
		args: []any{time.Date(2027, time.February, 15, 0, 0, 0, 0, loket.Jakarta), time.Tuesday}},
	{name: "29 February without a year, no leap day within a year", in: "29 Februari", code: "date_no_leap_day",
		args: []any{2027, 2028}},
	{name: "numeric month 13 without a year", in: "15/13", code: "date_invalid_month", args: []any{"13"}},
	{name: "no day", in: "Desember 2026", code: "date_no_day", args: []any{time.December, "2026"}},
	{name: "31 February", in: "31 Februari 2026", code: "date_invalid_day",
		args: []any{31, time.February, 2026, 28}},
	{name: "31 February without year", in: "31 Februari", code: "date_invalid_day"},
	{name: "29 February in a common year", in: "29/02/2027", code: "date_invalid_day"},
	{name: "31 November", in: "31 November 2026", code: "date_invalid_day"},
	{name: "32 December", in: "32 Desember 2026", code: "date_invalid_day"},
	{name: "day zero", in: "0/12/2026", code: "date_invalid_day"},
	{name: "month 13", in: "12/13/2026", code: "date_invalid_month", args: []any{"13"}},
	{name: "month 0", in: "2026-00-12", code: "date_invalid_month"},
	{name: "wrong weekday", in: "Jumat, 12 Desember 2026", code: "date_weekday_mismatch",
		args: []any{time.Date(2026, time.December, 12, 0, 0, 0, 0, loket.Jakarta), time.Friday}},
	{name: "weekday and a word", in: "Sabtu pagi", code: "date_unrecognised"},
	{name: "abbreviated weekday alone", in: "Sab", code: "date_weekday_only"},
	{name: "weekday and tanggal", in: "hari Sabtu tanggal", code: "date_weekday_only"},
	{name: "misspelt month", in: "12 Desembr 2026", code: "date_unknown_month", args: []any{"desembr"}},
	{name: "three-digit year", in: "12 Des 202", code: "date_bad_year", args: []any{"202"}},
	{name: "year 1800", in: "12 Des 1800", code: "date_bad_year"},
	{name: "bare number", in: "12", code: "date_unrecognised"},
	{name: "empty", in: "", code: "date_unrecognised"},
	{name: "bare month", in: "Desember", code: "date_unrecognised"},
	{name: "garbage", in: "kapan-kapan saja", code: "date_unrecognised"},
	{name: "tomorrow morning", in: "besok pagi", code: "date_unrecognised"},
	{name: "with a time", in: "12 Desember 2026 jam 10", code: "date_unrecognised"},
	{name: "thousand days", in: "1000 hari lagi", code: "date_unrecognised"},
	{name: "pasted paragraph", in: strings.Repeat("12 Desember 2026 ", 20), code: "date_too_long"},
}

func TestParseDate(t *testing.T) {
	for _, c := range dateCases {
		t.Run(c.name, func(t *testing.T) { checkDateCase(t, c, validationNow) })
	}
}

// checkDateCase reads c's answer on now and checks it against c: a date must be
// midnight in Jakarta.
func checkDateCase(t *testing.T, c validationCase, now time.Time) {
	t.Helper()
	d, err := ParseDate(c.in, now)
	got := ""
	if err == nil {
		got = d.Format("2006-01-02")
		if d.Location() != loket.Jakarta || !d.Equal(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loket.Jakarta)) {
			t.Fatalf("%q: %v is not midnight in loket.Jakarta", c.in, d)
		}
	}
	checkCase(t, c, got, err)
}

// TestParseDateCountsInJakarta checks that "today" is the day in Jakarta, whatever
// the zone of now.
func TestParseDateCountsInJakarta(t *testing.T) {
	for _, c := range []struct {
		name string
		now  time.Time
		want string
	}{
		{"late evening in loket.Jakarta", time.Date(2026, 11, 23, 16, 30, 0, 0, time.UTC), "2026-11-24"},
		{"just after midnight in loket.Jakarta", time.Date(2026, 11, 23, 17, 30, 0, 0, time.UTC), "2026-11-25"},
		{"new year's eve", time.Date(2026, 12, 31, 20, 0, 0, 0, loket.Jakarta), "2027-01-01"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := ParseDate("besok", c.now)
			if err != nil || d.Format("2006-01-02") != c.want {
				t.Fatalf("besok at %v = %v, %v; want %s", c.now, d, err, c.want)
			}
		})
	}
}

func TestFormatDate(t *testing.T) {
	d := time.Date(2026, 12, 12, 0, 0, 0, 0, loket.Jakarta)
	for _, c := range []struct {
		name string
		t    time.Time
		lang string
		want string
	}{
		{"Indonesian", d, "id", "Sabtu, 12 Desember 2026"},
		{"English", d, "en", "Saturday, 12 December 2026"},
		{"unknown language is Indonesian", d, "", "Sabtu, 12 Desember 2026"},
		{"UTC instant shown in loket.Jakarta", time.Date(2026, 12, 11, 17, 0, 0, 0, time.UTC), "id", "Sabtu, 12 Desember 2026"},
		{"Friday in August", time.Date(2027, 8, 20, 0, 0, 0, 0, loket.Jakarta), "id", "Jumat, 20 Agustus 2027"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := FormatDate(c.t, c.lang); got != c.want {
				t.Fatalf("FormatDate = %q, want %q", got, c.want)
			}
		})
	}
}

func FuzzParseDate(f *testing.F) {
	for _, c := range dateCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s, validationNow)
		if err != nil {
			checkValidationError(t, s, err)
			return
		}
		if d.Location() != loket.Jakarta || !d.Equal(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loket.Jakarta)) {
			t.Fatalf("ParseDate(%q) = %v, not midnight in loket.Jakarta", s, d)
		}
		for _, again := range []string{FormatDate(d, "id"), FormatDate(d, "en"), d.Format("2006-01-02"), d.Format("02/01/2006")} {
			if got, err := ParseDate(again, validationNow); err != nil || !got.Equal(d) {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v (from %q)", again, got, err, d, s)
			}
		}
	})
}

// relativeCase is a date read on a given day: dates without a year and weekday
// names depend on it.
type relativeCase struct {
	now time.Time
	validationCase
}

// jakartaDay is 09:00 WIB on the given day.
func jakartaDay(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 9, 0, 0, 0, loket.Jakarta)
}

func midnight(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, loket.Jakarta)
}

// The rules of issue 11, point 8, on the days that test them. A weekday alone, or
// with "ini"/"this", is the next such day, today included ("Senin" said on a Monday
// is today, as "Senin ini" and "23 November" are); "depan"/"next" is the next such
// day after today, and is asked about when it may mean the week after (a Friday
// named on a Wednesday, or on a Sunday whatever the day, since a week starts on
// Monday for some and on Sunday for others); "minggu" alone is Sunday or a week,
// "minggu depan" a week: both are asked about.
var (
	monday    = jakartaDay(2026, time.November, 23)
	wednesday = jakartaDay(2026, time.November, 25)
	saturday  = jakartaDay(2026, time.November, 28)
	sunday    = jakartaDay(2026, time.November, 29)
	yearEnd   = jakartaDay(2026, time.December, 30) // a Wednesday
)

var dateRelativeCases = []relativeCase{
	{monday, validationCase{name: "weekday said on that day is today", in: "Senin", want: "2026-11-23"}},
	{monday, validationCase{name: "ini on that day is today", in: "Senin ini", want: "2026-11-23"}},
	{monday, validationCase{name: "depan on that day is next week", in: "senin depan", want: "2026-11-30"}},
	{monday, validationCase{name: "besok after the weekday (Javanese)", in: "Senin besok", want: "2026-11-30"}},
	{monday, validationCase{name: "besok before the weekday", in: "besok Senin", want: "2026-11-30"}},
	{monday, validationCase{name: "mendatang", in: "Senin mendatang", want: "2026-11-30"}},
	{monday, validationCase{name: "tomorrow's weekday", in: "Selasa", want: "2026-11-24"}},
	{monday, validationCase{name: "depan for tomorrow's weekday is asked", in: "Selasa depan", code: "date_which_day",
		args: []any{midnight(2026, 11, 24), midnight(2026, 12, 1)}}},
	{monday, validationCase{name: "yang akan datang is as depan", in: "Selasa yang akan datang", code: "date_which_day"}},
	{monday, validationCase{name: "later this week", in: "Jumat", want: "2026-11-27"}},
	{monday, validationCase{name: "later this week with ini", in: "Jumat ini", want: "2026-11-27"}},
	{monday, validationCase{name: "hari and a comma", in: "hari Jumat,", want: "2026-11-27"}},
	{monday, validationCase{name: "Jum'at", in: "Jum'at", want: "2026-11-27"}},
	{monday, validationCase{name: "capitals", in: "JUMAT", want: "2026-11-27"}},
	{monday, validationCase{name: "depan later this week is asked", in: "Jumat depan", code: "date_which_day",
		args: []any{midnight(2026, 11, 27), midnight(2026, 12, 4)}}},
	{monday, validationCase{name: "weekday of next week", in: "Jumat minggu depan", want: "2026-12-04"}},
	{monday, validationCase{name: "weekday of next week, pekan", in: "Jumat pekan depan", want: "2026-12-04"}},
	{monday, validationCase{name: "weekday of this week", in: "Rabu minggu ini", want: "2026-11-25"}},
	{monday, validationCase{name: "weekday of this week, pekan", in: "Rabu pekan ini", want: "2026-11-25"}},
	{monday, validationCase{name: "Sunday with hari", in: "hari Minggu", want: "2026-11-29"}},
	{monday, validationCase{name: "Ahad", in: "Ahad", want: "2026-11-29"}},
	{monday, validationCase{name: "hari Minggu depan is asked", in: "hari Minggu depan", code: "date_which_day",
		args: []any{midnight(2026, 11, 29), midnight(2026, 12, 6)}}},
	{monday, validationCase{name: "minggu alone", in: "minggu", code: "date_sunday_or_week", args: []any{midnight(2026, 11, 29)}}},
	{monday, validationCase{name: "Minggu with a dot", in: "Minggu.", code: "date_sunday_or_week"}},
	{monday, validationCase{name: "mgg alone", in: "mgg", code: "date_sunday_or_week"}},
	{monday, validationCase{name: "minggu besok", in: "minggu besok", code: "date_sunday_or_week"}},
	{monday, validationCase{name: "minggu depan is a week", in: "minggu depan", code: "date_week",
		args: []any{midnight(2026, 11, 30), midnight(2026, 12, 6)}}},
	{monday, validationCase{name: "pekan depan is a week", in: "pekan depan", code: "date_week"}},
	{monday, validationCase{name: "minggu ini is a week", in: "minggu ini", code: "date_week",
		args: []any{midnight(2026, 11, 23), midnight(2026, 11, 29)}}},
	{monday, validationCase{name: "next week is a week", in: "next week", code: "date_week"}},
	{monday, validationCase{name: "English weekday today", in: "Monday", want: "2026-11-23"}},
	{monday, validationCase{name: "this Monday", in: "this Monday", want: "2026-11-23"}},
	{monday, validationCase{name: "next Monday", in: "next Monday", want: "2026-11-30"}},
	{monday, validationCase{name: "next Friday is asked", in: "next Friday", code: "date_which_day"}},
	{monday, validationCase{name: "Friday next week", in: "Friday next week", want: "2026-12-04"}},
	{monday, validationCase{name: "Friday this week", in: "Friday this week", want: "2026-11-27"}},
	{monday, validationCase{name: "on Friday", in: "on Friday", want: "2026-11-27"}},
	{monday, validationCase{name: "this coming Friday", in: "this coming Friday", want: "2026-11-27"}},
	{monday, validationCase{name: "Sunday in English", in: "Sunday", want: "2026-11-29"}},
	{monday, validationCase{name: "weekday and a time", in: "Senin pagi", code: "date_unrecognised"}},
	{monday, validationCase{name: "depan twice", in: "Senin depan depan", code: "date_unrecognised"}},
	{monday, validationCase{name: "abbreviation with depan", in: "Sen depan", code: "date_unrecognised"}},

	{wednesday, validationCase{name: "Monday named on a Wednesday", in: "Senin", want: "2026-11-30"}},
	{wednesday, validationCase{name: "ini looks forward", in: "Senin ini", want: "2026-11-30"}},
	{wednesday, validationCase{name: "depan past the weekend", in: "Senin depan", want: "2026-11-30"}},
	{wednesday, validationCase{name: "Monday of this week has passed", in: "Senin minggu ini", want: "2026-11-23"}},
	{wednesday, validationCase{name: "today's weekday", in: "Rabu", want: "2026-11-25"}},
	{wednesday, validationCase{name: "today's weekday depan", in: "Rabu depan", want: "2026-12-02"}},
	{wednesday, validationCase{name: "Friday depan on a Wednesday", in: "Jumat depan", code: "date_which_day",
		args: []any{midnight(2026, 11, 27), midnight(2026, 12, 4)}}},

	{saturday, validationCase{name: "Monday depan on a Saturday", in: "Senin depan", want: "2026-11-30"}},
	{saturday, validationCase{name: "tomorrow's Sunday", in: "hari Minggu", want: "2026-11-29"}},
	{saturday, validationCase{name: "Sunday depan on a Saturday", in: "hari Minggu depan", code: "date_which_day",
		args: []any{midnight(2026, 11, 29), midnight(2026, 12, 6)}}},
	{saturday, validationCase{name: "Saturday depan on a Saturday", in: "Sabtu depan", want: "2026-12-05"}},

	{sunday, validationCase{name: "Monday on a Sunday", in: "Senin", want: "2026-11-30"}},
	{sunday, validationCase{name: "Monday depan on a Sunday is asked", in: "Senin depan", code: "date_which_day",
		args: []any{midnight(2026, 11, 30), midnight(2026, 12, 7)}}},
	{sunday, validationCase{name: "Monday of this week on a Sunday is asked", in: "Senin minggu ini", code: "date_which_day",
		args: []any{midnight(2026, 11, 23), midnight(2026, 11, 30)}}},
	{sunday, validationCase{name: "Sunday on a Sunday", in: "hari Minggu", want: "2026-11-29"}},
	{sunday, validationCase{name: "Sunday depan on a Sunday", in: "hari Minggu depan", want: "2026-12-06"}},

	{yearEnd, validationCase{name: "2 January on 30 December", in: "2 Januari", want: "2027-01-02"}},
	{yearEnd, validationCase{name: "today on 30 December", in: "30 Desember", want: "2026-12-30"}},
	{yearEnd, validationCase{name: "yesterday on 30 December", in: "29 Desember", want: "2027-12-29"}},
	{yearEnd, validationCase{name: "31/12 on 30 December", in: "31/12", want: "2026-12-31"}},
	{yearEnd, validationCase{name: "1/1 on 30 December", in: "1/1", want: "2027-01-01"}},
	{yearEnd, validationCase{name: "Monday across the year", in: "Senin", want: "2027-01-04"}},
	{yearEnd, validationCase{name: "Friday across the year", in: "Jumat", want: "2027-01-01"}},
	{yearEnd, validationCase{name: "next week across the year", in: "minggu depan", code: "date_week",
		args: []any{midnight(2027, 1, 4), midnight(2027, 1, 10)}}},

	// 29 February without a year is read only when it comes within a year (the
	// rule for every date without a year); otherwise the applicant is asked, since
	// a date years ahead is almost surely a slip for 28 February or 1 March.
	{jakartaDay(2028, time.February, 1), validationCase{name: "29 February ahead in a leap year", in: "29 Februari", want: "2028-02-29"}},
	{jakartaDay(2028, time.February, 29), validationCase{name: "29 February on the day", in: "29/2", want: "2028-02-29"}},
	{jakartaDay(2027, time.March, 1), validationCase{name: "29 February next year, a leap year", in: "29 Februari", want: "2028-02-29"}},
	{jakartaDay(2028, time.March, 1), validationCase{name: "29 February just passed", in: "29 Februari", code: "date_no_leap_day",
		args: []any{2029, 2032}}},
	{jakartaDay(2028, time.March, 1), validationCase{name: "30 February in no year", in: "30 Februari", code: "date_invalid_day",
		args: []any{30, time.February, 0, 29}}},
}

func TestParseDateRelativeToToday(t *testing.T) {
	for _, c := range dateRelativeCases {
		t.Run(c.now.Weekday().String()+" "+c.name, func(t *testing.T) { checkDateCase(t, c.validationCase, c.now) })
	}
}
