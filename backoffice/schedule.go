package backoffice

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/uns-dtik/loket"
)

// ScheduleStore is what the scheduler needs of storage: who the staff are, and the
// once-only reminders (store.DB satisfies it; memstore.DB in unit tests).
type ScheduleStore interface {
	loket.StaffDirectory
	loket.ReminderStore
}

// Scheduler sends what time, not people, causes: SLA reminders to whoever holds an
// overdue request (once per working day), the pimpinan's daily digest, and the one
// reminder of an unanswered questionnaire. Its clock is injectable, so tests are
// deterministic; each message is written at most once (store.NotifyOnce).
type Scheduler struct {
	Store    ScheduleStore
	Services Services
	Calendar Calendar
	// DigestAt is when the digest goes out on working days, as the time after
	// midnight in Jakarta (0 is midnight); nil means DefaultDigestAt.
	DigestAt *time.Duration
	Now      func() time.Time
}

// DefaultDigestAt is when the digest goes out when the scheduler is not told: 07:30,
// before the working day starts.
const DefaultDigestAt = 7*time.Hour + 30*time.Minute

// Run ticks every interval until ctx ends. A failed tick is logged and tried again
// at the next one: nothing it would send is marked sent before it is written.
func (s *Scheduler) Run(ctx context.Context, every time.Duration) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			slog.Error("scheduler tick failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Tick does everything that is due now.
func (s *Scheduler) Tick(ctx context.Context) error {
	now := time.Now()
	if s.Now != nil {
		now = s.Now()
	}
	staff, err := s.Store.ListStaff(ctx)
	if err != nil {
		return err
	}
	open, err := s.Store.Awaiting(ctx, loket.Lifecycles.AwaitingStaff())
	if err != nil {
		return err
	}
	if err := s.remindOverdue(ctx, now, open, staff); err != nil {
		return err
	}
	if err := s.digest(ctx, now, open, staff); err != nil {
		return err
	}
	return s.remindQuestionnaires(ctx, now)
}

func (s *Scheduler) overdue(r *loket.Request, now time.Time) bool {
	return s.Calendar.Overdue(r, s.Services.SLADays(r.Service), now)
}

func (s *Scheduler) remindOverdue(ctx context.Context, now time.Time, open []*loket.Request, staff []loket.Staff) error {
	if !s.Calendar.WorkingDay(now) {
		return nil
	}
	day := now.In(loket.Jakarta).Format("2006-01-02")
	for _, r := range open {
		if !s.overdue(r, now) {
			continue
		}
		st, _ := lifecycleOf(s.Services, r.Service).Stage(r.Status)
		text := say(slaReminder{Ref: r.Ref, Title: s.Services.ServiceTitle(r.Service, loket.Indonesian), Status: r.Status, Next: st.Next,
			Days: s.Calendar.WorkingDaysBetween(r.CreatedAt, now), SLA: s.Services.SLADays(r.Service)})
		var notes []loket.Notification
		for _, phone := range holder(s.Services, r).Phones(r, staff) {
			notes = append(notes, loket.Notification{Chat: loket.ChatOf(phone), Text: text})
		}
		if _, err := s.Store.NotifyOnce(ctx, fmt.Sprintf("sla:%d:%s", r.ID, day), r.ID, notes, now); err != nil {
			return err
		}
	}
	return nil
}

func (s *Scheduler) digest(ctx context.Context, now time.Time, open []*loket.Request, staff []loket.Staff) error {
	at := DefaultDigestAt
	if s.DigestAt != nil {
		at = *s.DigestAt
	}
	local := now.In(loket.Jakarta)
	due := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loket.Jakarta).Add(at)
	if local.Before(due) || !s.Calendar.WorkingDay(now) {
		return nil
	}
	var fresh, waiting, late []string
	for _, r := range open {
		row := fmt.Sprintf("• %s — %s (%s, %s)", r.Ref, s.Services.ServiceTitle(r.Service, loket.Indonesian),
			say(statusWord{r.Status}), say(waited{now.Sub(r.CreatedAt)}))
		switch {
		case s.overdue(r, now):
			late = append(late, row)
		case now.Sub(r.CreatedAt) < 24*time.Hour:
			fresh = append(fresh, row)
		default:
			waiting = append(waiting, row)
		}
	}
	text := say(digest{Day: now, Fresh: fresh, Waiting: waiting, Late: late})
	var notes []loket.Notification
	for _, st := range staff {
		if st.Has(loket.RolePimpinan) {
			notes = append(notes, loket.Notification{Chat: loket.ChatOf(st.Phone), Text: text})
		}
	}
	_, err := s.Store.NotifyOnce(ctx, "digest:"+local.Format("2006-01-02"), 0, notes, now)
	return err
}

func (s *Scheduler) remindQuestionnaires(ctx context.Context, now time.Time) error {
	due, err := s.Store.UnansweredQuestionnaires(ctx, now.Add(-loket.QuestionnaireLifetime), now.Add(-loket.QuestionnaireReminderAfter))
	if err != nil {
		return err
	}
	for _, q := range due {
		text := sayIn(q.Lang, questionnaireReminder{}) + "\n" + s.Services.Question(q.Step, q.Ref, q.Lang)
		note := []loket.Notification{{Chat: q.Chat, Text: text}}
		if _, err := s.Store.NotifyOnce(ctx, loket.QuestionnaireKey(q.RequestID), q.RequestID, note, now); err != nil {
			return err
		}
	}
	return nil
}
