package conversation

import (
	"fmt"
	"testing"
	"time"
)

// The Indonesian date corpus of dateparser (github.com/scrapinghub/dateparser,
// BSD-3-Clause), at commit 315e396b35cf131df1b8df15144fe2d60aa6d74a:
//
//   - tests/test_languages.py, the "id" cases (lines 186-190, 1290-1297, 1688-1690,
//     2299-2301, 2414): the inputs and the date each means;
//   - tests/test_search.py, the Indonesian sentence (lines 423-428);
//   - dateparser/data/date_translation_data/id.py (from CLDR): every spelling of a
//     month and a weekday, and the relative words, among them "minggu" listed both
//     as Sunday and as week, "minggu ini" as this week and "minggu depan" / "mgg
//     depan" as in one week.
//
// Loket reads a date, never a time: where the corpus has a time the case keeps the
// date alone, and the time itself is refused. Past-relative words ("kemarin", "3
// minggu yang lalu") and durations ("5 minggu") are not dates an applicant gives
// for an event and are refused rather than guessed. The corpus's dates are read at
// validationNow (Monday 23 November 2026).
var dateparserCases = []validationCase{
	{name: "test_languages: 06 Sep 2015", in: "06 Sep 2015", want: "2015-09-06"},
	{name: "test_languages: 07 Feb 2015, its date", in: "07 Feb 2015", want: "2015-02-07"},
	{name: "test_languages: 07 Feb 2015 20:15, a time", in: "07 Feb 2015 20:15", code: "date_unrecognised"},
	{name: "test_languages: Minggu, 18 Mar 2018, its date", in: "Minggu, 18 Mar 2018", want: "2018-03-18"},
	{name: "test_languages: Minggu, 18 Mar 2018 07:30, a time", in: "Minggu, 18 Mar 2018 07:30", code: "date_unrecognised"},
	{name: "test_languages: 3 minggu yang lalu, past", in: "3 minggu yang lalu", code: "date_unrecognised"},
	{name: "test_languages: 5 minggu, a duration", in: "5 minggu", code: "date_unrecognised"},
	{name: "test_languages: hari ini", in: "hari ini", want: "2026-11-23"},
	{name: "test_languages: kemarin, past", in: "kemarin", code: "date_unrecognised"},
	{name: "test_languages: kemarin lusa, past", in: "kemarin lusa", code: "date_unrecognised"},
	{name: "test_languages: dalam 43 menit, a time", in: "dalam 43 menit", code: "date_unrecognised"},
	{name: "test_languages: 3 Juni 2015, its date", in: "3 Juni 2015", want: "2015-06-03"},
	{name: "test_languages: 01 Agustus 2015, its date", in: "01 Agustus 2015", want: "2015-08-01"},
	{name: "test_search: tanggal 15 Agustus 1945", in: "tanggal 15 Agustus 1945", want: "1945-08-15"},
	{name: "id.py: besok", in: "besok", want: "2026-11-24"},
	{name: "id.py: sekarang", in: "sekarang", want: "2026-11-23"},
	{name: "id.py: dalam 3 hari", in: "dalam 3 hari", want: "2026-11-26"},
	{name: "id.py: minggu ini is a week", in: "minggu ini", code: "date_week"},
	{name: "id.py: minggu depan is a week", in: "minggu depan", code: "date_week"},
	{name: "id.py: mgg depan is a week", in: "mgg depan", code: "date_week"},
	{name: "id.py: minggu is Sunday or week", in: "minggu", code: "date_sunday_or_week"},
	{name: "id.py: Ahad is Sunday", in: "Ahad", want: "2026-11-29"},
}

// dateparserMonths are id.py's spellings of each month.
var dateparserMonths = map[time.Month][]string{
	time.January: {"jan", "januari"}, time.February: {"feb", "februari"}, time.March: {"mar", "maret"},
	time.April: {"apr", "april"}, time.May: {"mei"}, time.June: {"jun", "juni"}, time.July: {"jul", "juli"},
	time.August: {"agu", "agustus", "Agu", "agt"}, time.September: {"sep", "september", "Sept"},
	time.October: {"okt", "oktober"}, time.November: {"nov", "november"}, time.December: {"des", "desember"},
}

// dateparserWeekdays are id.py's spellings of each weekday, full and abbreviated.
var dateparserWeekdays = map[time.Weekday][]string{
	time.Monday: {"sen", "senin"}, time.Tuesday: {"sel", "selasa"}, time.Wednesday: {"rab", "rabu"},
	time.Thursday: {"kam", "kamis"}, time.Friday: {"jum", "jumat"}, time.Saturday: {"sab", "sabtu"},
	time.Sunday: {"min", "minggu", "Ahad"},
}

func TestParseDateDateparserCorpus(t *testing.T) {
	cases := append([]validationCase(nil), dateparserCases...)
	for m, spellings := range dateparserMonths {
		for _, s := range spellings {
			// With a year, and without one (the next such day from 23 November 2026).
			full := time.Date(2027, m, 1, 0, 0, 0, 0, time.UTC)
			cases = append(cases, validationCase{name: "month " + s, in: "1 " + s + " 2027", want: full.Format(isoDate)})
			// The 1st of every month but December has passed by 23 November 2026.
			next := 2027
			if m == time.December {
				next = 2026
			}
			cases = append(cases, validationCase{name: "month without a year " + s, in: "1 " + s,
				want: time.Date(next, m, 1, 0, 0, 0, 0, time.UTC).Format(isoDate)})
		}
	}
	for wd, spellings := range dateparserWeekdays {
		// 23 to 29 November 2026 run from Monday to Sunday.
		date := 23 + (int(wd)+6)%7
		for _, s := range spellings {
			cases = append(cases, validationCase{name: "weekday before a date " + s,
				in: fmt.Sprintf("%s, %d November 2026", s, date), want: fmt.Sprintf("2026-11-%d", date)})
			if len(s) > 3 && s != "minggu" {
				cases = append(cases, validationCase{name: "weekday alone " + s, in: s, want: fmt.Sprintf("2026-11-%d", date)})
			}
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkDateCase(t, c, validationNow) })
	}
}
