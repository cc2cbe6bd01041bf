package conversation

import (
	"slices"
	"strings"
	"time"

	"github.com/uns-dtik/loket"
)

// A weekday named without a date (issue 11, point 8). Applicants write "Jumat",
// "Senin depan" or "next Friday" as often as a date; each is read as one day when
// every reasonable reading gives that day, and asked about, naming the days it may
// be, when they differ. The echo of the answer, with weekday and year, lets the
// applicant see the reading, and `kembali` corrects it.
//
// Two things make readings differ. "depan" / "next" means, to some, the next such
// day and, to others, that day in next week: "Jumat depan" said on a Wednesday is
// the Friday two days on or nine. And a week starts on Monday for some (the working
// week, ISO 8601) and on Sunday for others (the first column of Indonesian wall
// calendars), so on a Sunday "Senin depan" may be tomorrow or the Monday after.

// dayPick is how the words beside a weekday's name choose among the days of that
// name.
type dayPick int

const (
	// pickNear: "Jumat", "Jumat ini", "this Friday" — the next Friday, today
	// included, as a date without a year is the next such day, today included. "Ini"
	// looks forward: "Senin ini" said on a Wednesday is the coming Monday.
	pickNear dayPick = iota
	// pickAfter: "Jumat besok", "besok Jumat" (Javanese Indonesian) — the next
	// Friday after today.
	pickAfter
	// pickNext: "Jumat depan", "next Friday" — the next Friday after today, asked
	// about when that Friday is in this week by either count of weeks.
	pickNext
	// pickThisWeek: "Jumat minggu ini", "Friday this week".
	pickThisWeek
	// pickNextWeek: "Jumat minggu depan", "Friday next week".
	pickNextWeek
)

// pickBefore are the words that may stand before a weekday's name.
var pickBefore = map[string]dayPick{
	"this": pickNear, "coming": pickNear, "this coming": pickNear, "next": pickNext, "besok": pickAfter,
}

// pickAfterName are the words that may follow a weekday's name; those naming a week
// ("minggu depan"), standing alone, are a week rather than a day.
var pickAfterName = map[string]dayPick{
	"ini": pickNear, "besok": pickAfter,
	"depan": pickNext, "mendatang": pickNext, "yang akan datang": pickNext,
	"minggu ini": pickThisWeek, "pekan ini": pickThisWeek, "mgg ini": pickThisWeek, "this week": pickThisWeek,
	"minggu depan": pickNextWeek, "pekan depan": pickNextWeek, "mgg depan": pickNextWeek, "next week": pickNextWeek,
}

// weekStarts are the days a week may start on: Monday, then Sunday.
var weekStarts = [2]time.Weekday{time.Monday, time.Sunday}

// weekdayPhrase reads words (lower case) that name a weekday without a date, or a
// week. ok is false when they are something else — a date behind a weekday, say —
// left to the rest of ParseDate; with ok, err is the refusal when the words name a
// week or could be either of two days. A weekday named alone is the first such day
// on or after from, as a date without a year is (for an end date, the start date);
// words that count ("depan", "ini", "besok", a week) count from today.
func weekdayPhrase(words []string, today, from time.Time) (d time.Time, ok bool, err error) {
	var toks []string
	for _, w := range words {
		if w = strings.Trim(w, ".:"); w != "" {
			toks = append(toks, w)
		}
	}
	if p, named := pickAfterName[strings.Join(toks, " ")]; named && p >= pickThisWeek {
		from := weekStart(today, time.Monday).AddDate(0, 0, 7*int(p-pickThisWeek))
		return time.Time{}, true, loket.Refuse(dateWeek{From: from, To: from.AddDate(0, 0, 6)})
	}
	// "hari Minggu" is a day; "minggu" alone is Sunday or a week.
	day := false
	if len(toks) > 0 && (toks[0] == "hari" || toks[0] == "on") {
		day, toks = true, toks[1:]
	}
	pick, before := pickNear, false
	for n := 2; n >= 1 && !before; n-- {
		if len(toks) > n {
			pick, before = pickBefore[strings.Join(toks[:n], " ")]
			if before {
				toks = toks[n:]
			}
		}
	}
	if len(toks) == 0 {
		return time.Time{}, false, nil
	}
	alone := !before
	if rest := strings.Join(toks[1:], " "); rest != "" {
		p, after := pickAfterName[rest]
		if !after || before {
			return time.Time{}, false, nil
		}
		pick, alone = p, false
	}
	if (toks[0] == "minggu" || toks[0] == "mgg") && !day && !before {
		return time.Time{}, true, loket.Refuse(dateSundayOrWeek{Sunday: onOrAfter(today, time.Sunday)})
	}
	wd, named := weekdayNames[toks[0]]
	if !named {
		return time.Time{}, false, nil
	}
	if alone {
		return onOrAfter(from, wd), true, nil
	}
	days := pick.days(wd, today)
	if len(days) > 1 {
		return time.Time{}, true, loket.Refuse(dateWhichDay{First: days[0], Second: days[1]})
	}
	return days[0], true, nil
}

// days are the days named wd that p may mean, read on today, in order, each once:
// at most two, since they all fall within thirteen days of each other.
func (p dayPick) days(wd time.Weekday, today time.Time) []time.Time {
	switch p {
	case pickNear:
		return []time.Time{onOrAfter(today, wd)}
	case pickAfter:
		return []time.Time{onOrAfter(today.AddDate(0, 0, 1), wd)}
	}
	var days []time.Time
	weeks := 1
	switch p {
	case pickNext:
		days = append(days, onOrAfter(today.AddDate(0, 0, 1), wd))
	case pickThisWeek:
		weeks = 0
	}
	for _, first := range weekStarts {
		days = append(days, onOrAfter(weekStart(today, first).AddDate(0, 0, 7*weeks), wd))
	}
	slices.SortFunc(days, func(a, b time.Time) int { return a.Compare(b) })
	return slices.CompactFunc(days, time.Time.Equal)
}

// weekStart is the first day of the week holding day, for weeks starting on first.
func weekStart(day time.Time, first time.Weekday) time.Time {
	return day.AddDate(0, 0, -int((day.Weekday()-first+7)%7))
}

// onOrAfter is the first day named wd on or after day.
func onOrAfter(day time.Time, wd time.Weekday) time.Time {
	return day.AddDate(0, 0, int((wd-day.Weekday()+7)%7))
}
