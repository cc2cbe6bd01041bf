package storetest

import (
	"errors"
	"time"

	"github.com/uns-dtik/loket"
)

// done moves a new request of chat to done at day(hours), asking its questionnaire.
func (c *contract) done(chat string, hours int) *loket.Request {
	c.Helper()
	r := c.file(c.draft("ZM", chat), day(hours-1))
	m := loket.Move{RequestID: r.ID, From: loket.StatusSubmitted, To: loket.StatusDone, Actor: admin, At: day(hours), AskQuestionnaire: true}
	if err := c.Store.MoveRequest(c.ctx, m); err != nil {
		c.Fatal(err)
	}
	return r
}

// open is chat's open questionnaire as seq meets it, nil for none.
func (c *contract) open(chat string, seq int64) *loket.Questionnaire {
	c.Helper()
	q, err := c.Store.OpenQuestionnaire(c.ctx, chat, day(-24), seq)
	if err != nil {
		c.Fatal(err)
	}
	return q
}

func (c *contract) answer(r *loket.Request, step int, answer any, seq int64) {
	c.Helper()
	if err := c.Store.AnswerQuestionnaire(c.ctx, r.ID, step, answer, day(8), seq); err != nil {
		c.Fatal(err)
	}
}

func checkQuestionnaire(c *contract) {
	if q := c.open(applicant, 1); q != nil {
		c.Fatalf("a questionnaire before any request is done: %+v", q)
	}
	first, second := c.done(applicant, 1), c.done(applicant, 2)
	if q := c.open(applicant, 10); q == nil || q.RequestID != first.ID || q.Ref != first.Ref || q.Step != 0 || !q.AskedAt.Equal(day(1)) {
		c.Fatalf("the open questionnaire %+v; want the oldest, at its first step", q)
	}
	c.answer(first, 0, 4, 10)
	c.answer(first, 0, 1, 11) // answered already: changes nothing
	if q := c.open(applicant, 10); q == nil || q.Step != 0 {
		c.Fatalf("message 10 again meets %+v; want the step it answered", q)
	}
	if q := c.open(applicant, 12); q == nil || q.Step != 1 {
		c.Fatalf("message 12 meets %+v; want the next step", q)
	}
	c.answer(first, 1, 5, 12)
	c.answer(first, 2, 3, 13)
	c.answer(first, 3, nil, 14) // the comment skipped closes it
	if q := c.open(applicant, 14); q == nil || q.RequestID != first.ID || q.Step != 3 {
		c.Fatalf("the closing message again meets %+v; want the last step", q)
	}
	if q := c.open(applicant, 15); q == nil || q.RequestID != second.ID {
		c.Fatalf("after the first closed: %+v; want the second", q)
	}
	if err := c.Store.AnswerQuestionnaire(c.ctx, first.ID, loket.QuestionnaireSteps, nil, day(8), 16); err == nil {
		c.Fatal("a step past the last was taken")
	}
	speed, ease, satisfaction, n, err := c.Store.QuestionnaireAverages(c.ctx)
	if err != nil || n != 1 || speed != 4 || ease != 5 || satisfaction != 3 {
		c.Fatalf("averages %v %v %v over %d, %v; want 4 5 3 over 1", speed, ease, satisfaction, n, err)
	}
	if q := c.open("6289999999999", 1); q != nil {
		c.Fatalf("another chat meets %+v", q)
	}
}

func checkReminders(c *contract) {
	first, second := c.done(applicant, 1), c.done("6289999999999", 3)
	c.done("6288888888888", 6) // asked after the window
	waiting, err := c.Store.UnansweredQuestionnaires(c.ctx, day(0), day(3))
	if err != nil || len(waiting) != 2 || waiting[0].RequestID != first.ID || waiting[1].Chat != "6289999999999" || waiting[1].Lang != loket.Indonesian {
		c.Fatalf("unanswered %+v, %v; want the two asked in (from, to], oldest first", waiting, err)
	}
	note := []loket.Notification{{Chat: applicant, Text: "isi kuesioner"}}
	for i, want := range []bool{true, false} {
		if wrote, err := c.Store.NotifyOnce(c.ctx, loket.QuestionnaireKey(first.ID), first.ID, note, day(4)); err != nil || wrote != want {
			c.Fatalf("NotifyOnce #%d wrote %v, %v; want %v", i+1, wrote, err, want)
		}
	}
	if told := c.Sent(c, applicant); len(told) != 1 || told[0].RequestID != first.ID {
		c.Fatalf("the applicant was reminded %+v; want once", told)
	}
	if waiting, _ = c.Store.UnansweredQuestionnaires(c.ctx, day(0), day(3)); len(waiting) != 1 || waiting[0].RequestID != second.ID {
		c.Fatalf("after the reminder, unanswered %+v; want only the other", waiting)
	}
}

func checkReports(c *contract) {
	a := c.file(c.draft("ZM", applicant, loket.Field{Key: "unit", Value: "fmipa", Shown: "FMIPA Kimia"}), day(0))
	b := c.file(c.draft("EM", "6289999999999"), day(1))
	c.move(a, loket.StatusSubmitted, loket.StatusVerified, day(2))
	c.move(b, loket.StatusSubmitted, loket.StatusVerified, day(5))
	for text, want := range map[string][]int64{
		"zm-2026": {a.ID}, "budi": {b.ID, a.ID}, "0812 3456 7890": {a.ID}, "kimia": {a.ID}, "%": nil, "FMIPA": {a.ID},
	} {
		found, err := c.Store.Search(c.ctx, text, 20)
		var ids []int64
		for _, r := range found {
			ids = append(ids, r.ID)
		}
		if err != nil || len(ids) != len(want) || len(want) > 0 && ids[0] != want[0] {
			c.Errorf("search %q found %v, %v; want %v, newest first", text, ids, err, want)
		}
	}
	counts, err := c.Store.Counts(c.ctx)
	if err != nil || len(counts) != 2 || counts[0] != (loket.Count{Service: "EM", Status: loket.StatusVerified, N: 1}) {
		c.Fatalf("counts %+v, %v", counts, err)
	}
	medians, err := c.Store.StageMedians(c.ctx, []string{"ZM", "EM"})
	if err != nil || medians[loket.StatusSubmitted] != 3*time.Hour || len(medians) != 1 {
		c.Fatalf("stage medians %v, %v; want submitted 3h (2h and 4h)", medians, err)
	}
	medians, err = c.Store.StageMedians(c.ctx, []string{"ZM"})
	if err != nil || medians[loket.StatusSubmitted] != 2*time.Hour || len(medians) != 1 {
		c.Fatalf("stage medians of ZM %v, %v; want submitted 2h, EM's left out", medians, err)
	}
}

func checkRoster(c *contract) {
	if loaded, found, err := c.Store.InZoomRoster(c.ctx, "budi@staff.uns.ac.id"); err != nil || loaded || found {
		c.Fatalf("before an import: loaded %v, found %v, %v", loaded, found, err)
	}
	if n, err := c.Store.ImportZoomRoster(c.ctx, []string{"Budi@staff.uns.ac.id", "budi@staff.uns.ac.id", "ani@uns.ac.id"}); err != nil || n != 2 {
		c.Fatalf("import: %d, %v; want 2 distinct", n, err)
	}
	if loaded, found, _ := c.Store.InZoomRoster(c.ctx, "BUDI@staff.uns.ac.id"); !loaded || !found {
		c.Fatal("an address on the roster, in other case, is not found")
	}
	if loaded, found, _ := c.Store.InZoomRoster(c.ctx, "eko@uns.ac.id"); !loaded || found {
		c.Fatal("an address not on the roster is found")
	}
}

func checkSessions(c *contract) {
	s := c.Sessions
	if data, v, err := s.Load(c.ctx, applicant); err != nil || data != nil || v != 0 {
		c.Fatalf("no session: %q, %d, %v", data, v, err)
	}
	if err := s.Save(c.ctx, applicant, []byte("one"), 0, time.Hour); err != nil {
		c.Fatal(err)
	}
	data, v, err := s.Load(c.ctx, applicant)
	if err != nil || string(data) != "one" || v != 1 {
		c.Fatalf("saved: %q, %d, %v", data, v, err)
	}
	if err := s.Save(c.ctx, applicant, []byte("stale"), 0, time.Hour); !errors.Is(err, loket.ErrConflict) {
		c.Fatalf("a save from a stale version: %v, want ErrConflict", err)
	}
	if err := s.Save(c.ctx, applicant, []byte("two"), 1, time.Hour); err != nil {
		c.Fatal(err)
	}
	if data, v, _ := s.Load(c.ctx, applicant); string(data) != "two" || v != 2 {
		c.Fatalf("saved again: %q, %d", data, v)
	}
	if data, _, _ := s.Load(c.ctx, "6289999999999"); data != nil {
		c.Fatalf("another chat's session: %q", data)
	}
	if err := s.Save(c.ctx, "6289999999999", []byte("brief"), 0, time.Millisecond); err != nil {
		c.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	if data, v, _ := s.Load(c.ctx, "6289999999999"); data != nil || v != 0 {
		c.Fatalf("a session past its time to live: %q, %d", data, v)
	}
}
