package backoffice

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
)

// slaServices are services whose target is one working day.
type slaServices struct{ services }

func (slaServices) SLADays(string) int { return 1 }

// TestSchedulerSendsEachReminderOnce drives the scheduler on memstore's fakes with
// a clock of its own: an overdue request reminds the admin once that working day, the
// pimpinan's digest goes once after DefaultDigestAt, and an unanswered questionnaire
// gets its one reminder a day after it was asked — however often it ticks.
func TestSchedulerSendsEachReminderOnce(t *testing.T) {
	t.Parallel()
	d := newDesk(t, services{"ZM": nil})
	r := d.file("ZM")
	done := d.file("ZM")
	if err := d.db.MoveRequest(context.Background(), loket.Move{RequestID: done.ID, From: loket.StatusSubmitted,
		To: loket.StatusDone, Actor: adminPhone, At: d.now, AskQuestionnaire: true}); err != nil {
		t.Fatal(err)
	}
	s := &Scheduler{Store: d.db, Services: slaServices{services{"ZM": nil}}, Calendar: Calendar{Holidays: map[string]bool{}},
		Now: func() time.Time { return d.now }}
	// The first working morning r is overdue on: Wednesday 25 November, when the
	// questionnaire asked on Monday afternoon is a day old too.
	day := time.Date(2026, 11, 24, 6, 0, 0, 0, loket.Jakarta)
	for !s.Calendar.WorkingDay(day) || !s.Calendar.Overdue(r, 1, day) {
		day = day.AddDate(0, 0, 1)
	}
	for _, at := range []time.Time{day, day.Add(time.Hour), day.Add(90 * time.Minute), day.Add(3 * time.Hour)} {
		d.now = at
		if err := s.Tick(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	for who, want := range map[string]int{adminPhone: 1, pimpinanPhone: 1, "+6281234567890": 1, stafPhone: 0} {
		if got := d.toldSince(who, day); got != want {
			t.Errorf("%s was told %d times on %s, want %d", who, got, day.Format("2006-01-02"), want)
		}
	}
}

// toldSince counts the notifications written to phone's chat at or after since.
func (d *desk) toldSince(phone string, since time.Time) int {
	n := 0
	for _, s := range d.db.Outbox() {
		if s.Chat == strings.TrimPrefix(phone, "+") && !s.At.Before(since) {
			n++
		}
	}
	return n
}
