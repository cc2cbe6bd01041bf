package storetest

import (
	"errors"
	"slices"
	"time"

	"github.com/uns-dtik/loket"
)

// date is midnight in Jakarta of a day of December 2026.
func date(d int) time.Time { return time.Date(2026, 12, d, 0, 0, 0, 0, loket.Jakarta) }

// licence is a request of a service with two licences a day, using days from to to.
func (c *contract) licence(chat string, from, to int) loket.NewRequest {
	n := c.draft("ZM", chat)
	n.Period, n.Capacity = &loket.Period{From: date(from), To: date(to)}, 2
	return n
}

// refsPerDay are the references DayLoads gives each day, checked day by day.
func (c *contract) refsPerDay(service string, from, to int, before int64) [][]string {
	c.Helper()
	loads, err := c.Store.DayLoads(c.ctx, service, date(from), date(to), before)
	if err != nil {
		c.Fatal(err)
	}
	var out [][]string
	for i, d := range loads {
		if !d.Day.Equal(date(from + i)) {
			c.Fatalf("day %d of the loads is %v, want %v", i, d.Day, date(from+i))
		}
		out = append(out, d.Refs)
	}
	if len(out) != to-from+1 {
		c.Fatalf("%d days counted from the %d to the %d", len(out), from, to)
	}
	return out
}

func checkLicences(c *contract) {
	a := c.file(c.licence(applicant, 10, 12), day(0))
	b := c.file(c.licence(applicant, 12, 13), day(0))
	if a.Waiting || b.Waiting || a.Period == nil || !a.Period.From.Equal(date(10)) || !a.Period.To.Equal(date(12)) {
		c.Fatalf("the first two of a pool of two: %+v, %+v; want both within capacity, period 10-12 December", a, b)
	}
	third := c.file(c.licence(applicant, 13, 14), day(1))
	if third.Waiting {
		c.Fatal("a request whose days hold one licence each waits; want it within capacity")
	}
	full := c.file(c.licence(applicant, 11, 12), day(1))
	if !full.Waiting {
		c.Fatal("a request on the 12th, which two requests hold, is within capacity; want it waiting")
	}
	if r, _ := c.Store.RequestByRef(c.ctx, full.Ref); !r.Waiting || r.Period == nil || !r.Period.To.Equal(date(12)) {
		c.Fatalf("read back: %+v; want waiting, to the 12th", r)
	}
	other := c.draft("EM", applicant) // a service without days: no period, never waits
	if r := c.file(other, day(1)); r.Period != nil || r.Waiting {
		c.Fatalf("a request without days: %+v", r)
	}
	got := c.refsPerDay("ZM", 9, 14, 0)
	want := [][]string{{}, {a.Ref}, {a.Ref, full.Ref}, {a.Ref, b.Ref, full.Ref}, {b.Ref, third.Ref}, {third.Ref}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		c.Fatalf("refs per day %q, want %q", got, want)
	}
	// Only requests filed before one count for it: first filed, first served.
	if got := c.refsPerDay("ZM", 12, 12, full.ID); !slices.Equal(got[0], []string{a.Ref, b.Ref}) {
		c.Fatalf("before %s the 12th holds %q", full.Ref, got[0])
	}
	// A request that no longer claims its days frees them; one done keeps them.
	c.move(a, loket.StatusSubmitted, loket.StatusRejected, day(2))
	c.move(b, loket.StatusSubmitted, loket.StatusVerified, day(2))
	if got := c.refsPerDay("ZM", 12, 12, 0); !slices.Equal(got[0], []string{b.Ref, full.Ref}) {
		c.Fatalf("after %s was rejected the 12th holds %q", a.Ref, got[0])
	}
	if got := c.refsPerDay("EM", 12, 12, 0); len(got[0]) != 0 {
		c.Fatalf("another service's day holds %q", got[0])
	}
	// A correction after revision moves the request's days and is decided again, in
	// its place by filing: on the 12th only b was filed before it.
	c.move(third, loket.StatusSubmitted, loket.StatusRevision, day(3))
	n := c.licence(applicant, 12, 12)
	n.DraftID, n.Chat = "revision-days", third.Chat
	m := loket.Move{RequestID: third.ID, From: loket.StatusRevision, To: loket.StatusSubmitted, Actor: "+" + applicant, Role: "pemohon", At: day(4)}
	moved, err := c.Store.ResubmitRequest(c.ctx, n, m, nil)
	if err != nil || moved.Waiting || !moved.Period.From.Equal(date(12)) {
		c.Fatalf("moved to the 12th: %+v, %v; want within capacity", moved, err)
	}
	if got := c.refsPerDay("ZM", 12, 12, 0); !slices.Equal(got[0], []string{b.Ref, third.Ref, full.Ref}) {
		c.Fatalf("the 12th holds %q after the correction", got[0])
	}
	if got := c.refsPerDay("ZM", 13, 14, 0); !slices.Equal(got[0], []string{b.Ref}) || len(got[1]) != 0 {
		c.Fatalf("the days the correction left still hold %q", got)
	}
	if _, err := c.Store.DayLoads(c.ctx, "ZM", date(1), date(1).AddDate(0, 0, loket.MaxLoadDays), 0); !errors.Is(err, loket.ErrTooManyDays) {
		c.Fatalf("counting more than %d days: %v, want ErrTooManyDays", loket.MaxLoadDays, err)
	}
	// A period of more than MaxLoadDays is not counted day by day: it is filed,
	// marked waiting for staff to judge (filing it failed, for ever).
	long := c.licence(applicant, 1, 1)
	long.Period.To = date(1).AddDate(0, 0, loket.MaxLoadDays+30)
	if r := c.file(long, day(1)); !r.Waiting {
		c.Fatalf("a request of %d days: %+v; want it filed, waiting", loket.MaxLoadDays+30, r)
	}
}
