package backoffice

import (
	"time"

	"github.com/uns-dtik/loket"
)

// Calendar knows DTIK's working days: Monday to Friday, except the holidays.
type Calendar struct {
	// Holidays are dates (YYYY-MM-DD, Jakarta) that are not working days.
	Holidays map[string]bool
}

// WorkingDay reports whether day (in Jakarta) is a working day.
func (c Calendar) WorkingDay(day time.Time) bool {
	day = day.In(loket.Jakarta)
	if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	return !c.Holidays[day.Format("2006-01-02")]
}

// WorkingDaysBetween counts the working days after from's day up to and including
// to's day: a request filed on Friday is 1 working day old on Monday.
func (c Calendar) WorkingDaysBetween(from, to time.Time) int {
	from, to = from.In(loket.Jakarta), to.In(loket.Jakarta)
	day := time.Date(from.Year(), from.Month(), from.Day(), 12, 0, 0, 0, loket.Jakarta)
	last := time.Date(to.Year(), to.Month(), to.Day(), 12, 0, 0, 0, loket.Jakarta)
	n := 0
	for day = day.AddDate(0, 0, 1); !day.After(last); day = day.AddDate(0, 0, 1) {
		if c.WorkingDay(day) {
			n++
		}
	}
	return n
}

// Overdue reports whether r, still open, has taken more working days since it was
// filed than the target (slaDays; 0 means no target).
func (c Calendar) Overdue(r *loket.Request, slaDays int, now time.Time) bool {
	return slaDays > 0 && c.WorkingDaysBetween(r.CreatedAt, now) > slaDays
}
