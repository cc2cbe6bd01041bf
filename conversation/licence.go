package conversation

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/uns-dtik/loket"
)

// The licence calendar on the applicant's side (issue 12, part 4). A service whose
// catalog gives it a capacity (DTIK's temporary Zoom 1000 licences: two a day) and a
// period (the date fields bounding a request's days) is counted at the date steps:
// when a chosen day is full the applicant is told which, and offered the nearest free
// days of the same length. Nothing is blocked: the request may still be filed, and
// filing marks it waiting for a licence (loket.Request.Waiting).

// PeriodFields names the date fields that bound a request's days: From the first,
// To the last (the same field for a one-day service).
type PeriodFields struct {
	From string `yaml:"from"`
	To   string `yaml:"to"`
}

// windowSearch is how far around the chosen days the nearest free window is looked
// for: a month either way is as far as an event is usually moved.
const windowSearch = 31

// checkPeriod checks the service's capacity and period: a capacity needs the days it
// counts, and those are date fields, the last one declared after the first (so a
// period never ends before it starts).
func (s *Service) checkPeriod() error {
	switch {
	case s.Capacity < 0:
		return fmt.Errorf("capacity %d must be 0 (no limit) or more", s.Capacity)
	case s.Period == nil && s.Capacity > 0:
		return errors.New("capacity needs a period: the date fields bounding a request's days")
	case s.Period == nil:
		return nil
	}
	from, to := s.field(s.Period.From), s.field(s.Period.To)
	if from == nil || from.Kind != "date" {
		return fmt.Errorf("period: from %q is not a date field", s.Period.From)
	}
	if to == nil || to.Kind != "date" {
		return fmt.Errorf("period: to %q is not a date field", s.Period.To)
	}
	if to != from && to.After != from.Key {
		return fmt.Errorf("period: to %q must be declared after: %s", to.Key, from.Key)
	}
	return nil
}

// Capacity returns how many requests of service code a day holds, 0 for no limit
// (the back office's /kalender and /disposisi ask it).
func (c *Catalog) Capacity(code string) int {
	if s := c.Service(code); s != nil {
		return s.Capacity
	}
	return 0
}

// period returns the days answers choose, nil when the service has none or they are
// not both answered yet.
func (s *Service) period(answers map[string]loket.Field) *loket.Period {
	if s.Period == nil {
		return nil
	}
	from, err1 := time.ParseInLocation(isoDate, answers[s.Period.From].Value, loket.Jakarta)
	to, err2 := time.ParseInLocation(isoDate, answers[s.Period.To].Value, loket.Jakarta)
	if err1 != nil || err2 != nil || to.Before(from) {
		return nil
	}
	return &loket.Period{From: from, To: to}
}

// licenceNotice is what the applicant is told when answering f completes or changes
// the draft's days on a service with a capacity: "" while each chosen day has a
// licence left, else the full days and the nearest free window. The chosen days are
// counted first; the month around them, where the window is looked for, only when
// one of them is full, which is seldom: most answers cost one count of a day or two.
func (t *turn) licenceNotice(ctx context.Context, svc *Service, f *Field) (string, error) {
	if svc.Capacity == 0 || svc.Period == nil || (f.Key != svc.Period.From && f.Key != svc.Period.To) {
		return "", nil
	}
	p := svc.period(t.s.Answers)
	if p == nil {
		return "", nil
	}
	// A correction counts only what was filed before it, as filing does: its own
	// request does not fill its days.
	loads, err := t.c.Store.DayLoads(ctx, svc.Code, p.From, p.To, t.s.RevisionOf)
	if errors.Is(err, loket.ErrTooManyDays) {
		return "", nil // a period of more than a year: staff judge it, filing marks it
	}
	if err != nil {
		return "", err
	}
	var full []time.Time
	for _, d := range loads {
		if d.Full(svc.Capacity) {
			full = append(full, d.Day)
		}
	}
	if len(full) == 0 {
		return "", nil
	}
	today := loket.Date(t.now)
	lo, hi := p.From.AddDate(0, 0, -windowSearch), p.To.AddDate(0, 0, windowSearch)
	if lo.Before(today) {
		lo = today
	}
	if p.From.Before(lo) {
		lo = p.From
	}
	notice := licenceFull{Days: full, Capacity: svc.Capacity, Field: svc.number(svc.Period.From)}
	around, err := t.c.Store.DayLoads(ctx, svc.Code, lo, hi, t.s.RevisionOf)
	switch {
	case err == nil:
		notice.Window = nearestWindow(around, *p, svc.Capacity, today)
	case errors.Is(err, loket.ErrTooManyDays):
		// A period of nearly a year, with its month around it past the count's
		// bound: the full days are said, and nothing of a window.
		notice.Unsearched = true
	default:
		return "", err
	}
	return t.say(notice), nil
}

// nearestWindow returns the free days of p's length closest to p among loads (one
// entry a day, consecutive), none before today; nil when there are none. Of two as
// close, the later wins: an event is more easily postponed than brought forward.
func nearestWindow(loads []loket.DayLoad, p loket.Period, capacity int, today time.Time) *loket.Period {
	length := p.Days()
	var best *loket.Period
	bestShift := 0
	for i := 0; i+length <= len(loads); i++ {
		start := loads[i].Day
		if start.Before(today) || start.Equal(p.From) {
			continue
		}
		free := true
		for _, d := range loads[i : i+length] {
			free = free && !d.Full(capacity)
		}
		shift := int(start.Sub(p.From).Hours() / 24)
		if shift < 0 {
			shift = -shift
		}
		if free && (best == nil || shift <= bestShift) {
			best, bestShift = &loket.Period{From: start, To: loads[i+length-1].Day}, shift
		}
	}
	return best
}
