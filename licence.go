package loket

import (
	"context"
	"errors"
	"time"
)

// The licence pool: a service that lends a limited number of something per day (the
// temporary Zoom 1000 licences of SOP#18) says in the catalog how many it holds
// (capacity) and which two date answers bound a request's days (its period). Filing
// records the period and decides, under a per-service lock, whether the request is
// within capacity or waits for a licence; the dialog, /kalender and /disposisi count
// the requests per day through LicencePool.

// Period is the days a request uses, both ends included, as dates at midnight in
// Jakarta.
type Period struct {
	From, To time.Time
}

// Days returns how many days p spans, both ends included.
func (p Period) Days() int {
	return int(p.To.Sub(p.From).Hours()/24+0.5) + 1
}

// DayLoad is one day of a licence pool: the references of the requests that use it,
// in filing order.
type DayLoad struct {
	Day  time.Time // midnight in Jakarta
	Refs []string
}

// Full reports whether the day's requests take every one of capacity licences.
func (d DayLoad) Full(capacity int) bool { return capacity > 0 && len(d.Refs) >= capacity }

// LicencePool counts a service's requests per day.
type LicencePool interface {
	// DayLoads returns every day from from to to (both included, at most
	// MaxLoadDays), each with the requests of service whose period holds it and whose
	// status still claims the service (Requests.Claiming), in filing order; with
	// before set, only those filed before that request (first filed, first served).
	// One query.
	DayLoads(ctx context.Context, service string, from, to time.Time, before int64) ([]DayLoad, error)
}

// MaxLoadDays bounds the days one DayLoads call counts: a long period is refused
// instead of counted day by day without end.
const MaxLoadDays = 400

// ErrTooManyDays is returned by DayLoads for a span longer than MaxLoadDays.
var ErrTooManyDays = errors.New("loket: too many days to count at once")

// Date is the calendar day of t as a Period end or a DayLoad's Day: midnight in
// Jakarta.
func Date(t time.Time) time.Time {
	t = t.In(Jakarta)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, Jakarta)
}
