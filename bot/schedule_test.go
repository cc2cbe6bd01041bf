package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/backoffice"
	"github.com/uns-dtik/loket/conversation"
)

// TestSLARemindersAndDigest drives the scheduler with a fake clock: an overdue request
// reminds its holder once per working day (not at weekends or on holidays), the
// pimpinan gets one digest a day after 07:30, and an unanswered questionnaire gets one
// reminder after a day.
func TestSLARemindersAndDigest(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, pimpinan, andi, _ := staffTeam(t, h)
	applicant := h.chat("6281234567894")
	ref := fileZoom(t, applicant, 1)
	admin.await("Permohonan baru")

	cat, err := conversation.LoadCatalog("")
	if err != nil {
		t.Fatal(err)
	}
	var now time.Time
	filed := time.Now().In(loket.Jakarta)
	s := &backoffice.Scheduler{Store: h.env.DB, Services: cat, Now: func() time.Time { return now },
		Calendar: backoffice.Calendar{Holidays: map[string]bool{}}}
	tick := func(at time.Time) {
		t.Helper()
		now = at
		if err := s.Tick(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	// The first working day that makes the request overdue (ZM: 3 working days).
	day := time.Date(filed.Year(), filed.Month(), filed.Day(), 6, 0, 0, 0, loket.Jakarta)
	for s.Calendar.WorkingDaysBetween(filed, day) <= 3 || !s.Calendar.WorkingDay(day) {
		day = day.AddDate(0, 0, 1)
	}
	tick(day)
	reminder := admin.await("Pengingat SLA")
	// The admin's queue marks it overdue on that day.
	office := &backoffice.Office{Store: h.env.DB, Services: cat, Now: func() time.Time { return now }}
	queue, err := office.Handle(context.Background(), loket.Message{Kind: loket.KindText, Text: "/antrian", Phone: "+" + admin.phone, Chat: admin.phone})
	if err != nil || len(queue) != 1 || !strings.Contains(queue[0].Text, "lewat SLA") || !strings.Contains(queue[0].Text, ref) {
		t.Fatalf("/antrian on an overdue day: %v %v", queue, err)
	}
	expect(t, "reminder", reminder.Text, ref, "/verifikasi")
	tick(day.Add(2 * time.Hour)) // same day: no second reminder
	admin.quiet(300 * time.Millisecond)

	tick(time.Date(day.Year(), day.Month(), day.Day(), 7, 31, 0, 0, loket.Jakarta))
	digest := pimpinan.await("Ringkasan harian")
	expect(t, "digest", digest.Text, "Lewat tenggat SLA*: 1", ref)
	tick(time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, loket.Jakarta))
	pimpinan.quiet(300 * time.Millisecond)

	// The next working day reminds again; a holiday does not.
	next := day.AddDate(0, 0, 1)
	for !s.Calendar.WorkingDay(next) {
		next = next.AddDate(0, 0, 1)
	}
	s.Calendar.Holidays[next.Format("2006-01-02")] = true
	tick(next)
	admin.quiet(300 * time.Millisecond)
	delete(s.Calendar.Holidays, next.Format("2006-01-02"))
	tick(next.Add(time.Hour))
	admin.await("Pengingat SLA")

	// Done: the questionnaire waits a day, then one reminder.
	admin.command("/verifikasi "+ref, "sekarang: terverifikasi")
	pimpinan.command("/disposisi "+ref+" Andi Pratama", "sekarang: didisposisikan")
	andi.command("/selesai "+ref, "sekarang: selesai")
	applicant.await("(1/4)")
	tick(time.Now().Add(2 * time.Hour))
	applicant.quiet(300 * time.Millisecond)
	tick(time.Now().Add(25 * time.Hour))
	if got := applicant.await("Pengingat: kuesioner"); !strings.Contains(got.Text, "(1/4)") {
		t.Fatalf("questionnaire reminder: %q", got.Text)
	}
	tick(time.Now().Add(26 * time.Hour))
	applicant.quiet(300 * time.Millisecond)
}
