package backoffice

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uns-dtik/loket"
)

// The licence calendar on the staff's side (issue 12, part 4): /kalender shows a
// month of each service with a capacity, day by day; /disposisi on a request whose
// days are full warns and asks for the command again with "tetap". A request's days
// are full when the requests filed before it (loket.LicencePool: first filed, first
// served) hold every licence on one of them.

// confirmWords, first in a /disposisi note, dispose a request whose days are full.
var confirmWords = map[string]bool{"tetap": true, "anyway": true}

// licencesFree reports whether r may be dispositioned as to its licences: its
// service lends none, its days have one left, or note starts with a confirmation
// (taken off the note). Otherwise it answers with the full days and the command to
// repeat. who is how the pimpinan named the staff member.
func (h *handling) licencesFree(ctx context.Context, r *loket.Request, who, note string) (string, bool, error) {
	first, rest, _ := strings.Cut(note, " ")
	confirmed := confirmWords[strings.ToLower(first)]
	if confirmed {
		note = strings.TrimSpace(rest)
	}
	capacity := h.o.Services.Capacity(r.Service)
	if capacity == 0 || r.Period == nil || confirmed {
		return note, true, nil
	}
	loads, err := h.o.Store.DayLoads(ctx, r.Service, r.Period.From, r.Period.To, r.ID)
	if errors.Is(err, loket.ErrTooManyDays) {
		return note, true, nil // more than a year is not counted by the day: the pimpinan judges it
	}
	if err != nil {
		return note, false, err
	}
	var full []string
	for _, d := range loads {
		if d.Full(capacity) {
			full = append(full, fmt.Sprintf("• %s — %s", shortDay(d.Day), strings.Join(d.Refs, ", ")))
		}
	}
	if len(full) == 0 {
		return note, true, nil
	}
	again := strings.TrimSpace(fmt.Sprintf("/disposisi %s %s tetap %s", r.Ref, who, note))
	h.reply(say(disposeLicencesFull{Ref: r.Ref, Capacity: capacity, Days: strings.Join(full, "\n"), Again: again}))
	return note, false, nil
}

// freshWaiting brings the licence mark of each of reqs up to date. The store marks a
// request waiting when it is filed or resubmitted while one of its days is full, but
// the days change after: a request filed before it that is rejected or cancelled
// frees a licence for it, and one resubmitted onto its days takes one (first filed,
// first served). A request no longer open waits for nothing; one of more than
// loket.MaxLoadDays keeps its mark: it is not counted by the day, and staff judge it.
func (o *Office) freshWaiting(ctx context.Context, reqs ...*loket.Request) error {
	for _, r := range reqs {
		capacity := o.Services.Capacity(r.Service)
		if st, _ := lifecycleOf(o.Services, r.Service).Stage(r.Status); capacity == 0 || r.Period == nil || !st.Open {
			r.Waiting = false
			continue
		}
		loads, err := o.Store.DayLoads(ctx, r.Service, r.Period.From, r.Period.To, r.ID)
		if errors.Is(err, loket.ErrTooManyDays) {
			continue
		}
		if err != nil {
			return err
		}
		r.Waiting = slices.ContainsFunc(loads, func(d loket.DayLoad) bool { return d.Full(capacity) })
	}
	return nil
}

// licenceCalendar answers /kalender [bulan]: for each service with a capacity, every
// day of the month with its licences taken, by which references, and who waits.
func (h *handling) licenceCalendar(ctx context.Context, args string) error {
	month, ok := parseMonth(args, h.o.now())
	if !ok {
		h.reply(say(calendarUsage{Typed: args}))
		return nil
	}
	last := month.AddDate(0, 1, -1)
	var blocks []string
	for _, code := range h.o.Services.Codes() {
		capacity := h.o.Services.Capacity(code)
		if capacity == 0 {
			continue
		}
		loads, err := h.o.Store.DayLoads(ctx, code, month, last, 0)
		if err != nil {
			return err
		}
		rows := make([]string, len(loads))
		for i, d := range loads {
			rows[i] = calendarRow(d, capacity)
		}
		blocks = append(blocks, say(calendarMonth{Title: h.o.Services.ServiceTitle(code, loket.Indonesian), Month: month,
			Capacity: capacity, Rows: strings.Join(rows, "\n")}))
	}
	if len(blocks) == 0 {
		h.reply(say(calendarNone{}))
		return nil
	}
	h.reply(strings.Join(blocks, "\n\n"))
	return nil
}

// calendarRow is one day: "12 Sab  2/2 penuh · ZM-2026-0003, ZM-2026-0005 · menunggu:
// ZM-2026-0008". The first capacity requests filed hold the licences, the rest wait.
func calendarRow(d loket.DayLoad, capacity int) string {
	taken := min(len(d.Refs), capacity)
	row := fmt.Sprintf("%2d %s  %d/%d", d.Day.Day(), weekdayShort(d.Day.Weekday()), taken, capacity)
	if d.Full(capacity) {
		row += " " + say(calendarFull{})
	}
	if taken > 0 {
		row += " · " + strings.Join(d.Refs[:taken], ", ")
	}
	if len(d.Refs) > taken {
		row += " · " + say(calendarWaiting{Refs: strings.Join(d.Refs[taken:], ", ")})
	}
	return row
}

// shortDay is a day as staff read it in a list: "Sab 12 Des 2026".
func shortDay(d time.Time) string {
	return fmt.Sprintf("%s %d %s %d", weekdayShort(d.Weekday()), d.Day(), loket.MonthName(d.Month(), loket.Indonesian)[:3], d.Year())
}

// weekdayShort is a weekday's short Indonesian name: "Sab".
func weekdayShort(d time.Weekday) string { return loket.WeekdayName(d, loket.Indonesian)[:3] }

// parseMonth reads /kalender's month: none (this month), a name, its abbreviation or
// its start in either language ("desember", "des", "Agt.", "nop", "dec"), or a
// number, each with an optional year ("12 2026", "12/2026", "2026-12", "dec 26"). A
// month without a year is its next occurrence, this month included: licences are
// planned ahead. It returns the first of the month, midnight in Jakarta.
func parseMonth(args string, now time.Time) (time.Time, bool) {
	now = now.In(loket.Jakarta)
	words := strings.Fields(strings.NewReplacer("/", " ", "-", " ").Replace(strings.ToLower(args)))
	if len(words) == 2 && len(words[0]) == 4 && loket.IsDigits(words[0]) { // 2026-12
		words[0], words[1] = words[1], words[0]
	}
	if len(words) == 0 {
		return time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loket.Jakarta), true
	}
	if len(words) > 2 {
		return time.Time{}, false
	}
	month := monthOf(words[0])
	if month == 0 {
		return time.Time{}, false
	}
	year := now.Year()
	if month < now.Month() {
		year++
	}
	if len(words) == 2 {
		y, err := strconv.Atoi(words[1])
		if err == nil && len(words[1]) == 2 {
			y += 2000 // "dec 26"
		}
		if err != nil || y < 2000 || y > 2199 {
			return time.Time{}, false
		}
		year = y
	}
	return time.Date(year, month, 1, 0, 0, 0, 0, loket.Jakarta), true
}

// monthOf reads a month's number (1-12), a spelling the dialog's dates take
// (loket.MonthOfWord: "agt", "nop", "Des."), or the start of a full name (three
// letters at least: "desem"); 0 if none.
func monthOf(w string) time.Month {
	if n, err := strconv.Atoi(w); err == nil {
		if n >= 1 && n <= 12 {
			return time.Month(n)
		}
		return 0
	}
	if m := loket.MonthOfWord(w); m != 0 {
		return m
	}
	if len(w) < 3 {
		return 0
	}
	for m := time.January; m <= time.December; m++ {
		for _, lang := range []loket.Lang{loket.Indonesian, loket.English} {
			if strings.HasPrefix(strings.ToLower(loket.MonthName(m, lang)), w) {
				return m
			}
		}
	}
	return 0
}
