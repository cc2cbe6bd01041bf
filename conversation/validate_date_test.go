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

	{name: "no year", in: "12 Desember", code: "date_no_year", args: []any{12, time.December, 2026}},
	{name: "no year, already past", in: "1 Januari", code: "date_no_year", args: []any{1, time.January, 2027}},
	{name: "no year, numeric", in: "12/12", code: "date_no_year"},
	{name: "no year, English", in: "December 12", code: "date_no_year"},
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
	{name: "weekday only", in: "Sabtu", code: "date_weekday_only"},
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
		t.Run(c.name, func(t *testing.T) {
			d, err := ParseDate(c.in, validationNow)
			got := ""
			if err == nil {
				got = d.Format("2006-01-02")
				if d.Location() != loket.Jakarta || !d.Equal(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loket.Jakarta)) {
					t.Fatalf("%q: %v is not midnight in loket.Jakarta", c.in, d)
				}
			}
			checkCase(t, c, got, err)
		})
	}
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
