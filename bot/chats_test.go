package bot

import (
	"testing"
	"time"

	"github.com/uns-dtik/loket"
)

// TestScheduleKeepsWhatsAppsOrder: a chat's messages go to the worker in the order
// they were sent, whatever order they were recorded in; messages that came late
// (redelivered after an outage) wait until earlier ones had time to land.
func TestScheduleKeepsWhatsAppsOrder(t *testing.T) {
	c := newChats()
	l := limits{burst: 20, window: 10 * time.Second, calm: time.Second}
	t0 := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	// Recorded B, then A: A was sent first but its redelivery landed second.
	rows := []loket.InboxMessage{
		{Seq: 1, Chat: "628111", MsgID: "B", SentAt: t0.Add(time.Second), ReceivedAt: t0.Add(20 * time.Second)},
		{Seq: 2, Chat: "628111", MsgID: "A", SentAt: t0, ReceivedAt: t0.Add(21 * time.Second)},
		{Seq: 3, Chat: "628222", MsgID: "C", SentAt: t0.Add(20 * time.Second), ReceivedAt: t0.Add(20 * time.Second)},
	}
	jobs, next := c.schedule(rows, t0.Add(22*time.Second), t0.Add(22*time.Second), l)
	if len(jobs) != 1 || jobs[0].chat != "628222" {
		t.Fatalf("jobs while the late chat settles: %+v", jobs)
	}
	if want := t0.Add(21*time.Second + settle); !next.Equal(want) {
		t.Fatalf("next wake-up %v, want %v", next, want)
	}
	c.finish("628222", handled, t0.Add(22*time.Second))
	jobs, _ = c.schedule(rows[:2], t0.Add(21*time.Second+settle), t0.Add(21*time.Second+settle), l)
	if len(jobs) != 1 || len(jobs[0].rows) != 2 || jobs[0].rows[0].MsgID != "A" || jobs[0].rows[1].MsgID != "B" {
		t.Fatalf("settled job: %+v, want A then B", jobs)
	}
}

// TestScheduleHoldsAChatWithAnUnrecordedMessage: while WhatsApp still holds a message
// of the chat (the inbox could not take it), the chat's later messages wait.
func TestScheduleHoldsAChatWithAnUnrecordedMessage(t *testing.T) {
	c := newChats()
	l := limits{burst: 20, window: 10 * time.Second, calm: time.Second}
	now := time.Now()
	c.unrecorded("628111", "A", now.Add(-time.Second), now, l)
	rows := []loket.InboxMessage{{Seq: 1, Chat: "628111", MsgID: "B", SentAt: now, ReceivedAt: now}}
	if jobs, _ := c.schedule(rows, now, now, l); len(jobs) != 0 {
		t.Fatalf("the chat went on while its earlier message was unrecorded: %+v", jobs)
	}
	c.recorded("628111", "A")
	if jobs, _ := c.schedule(rows, now, now, l); len(jobs) != 1 {
		t.Fatalf("the chat stayed held after its message was recorded: %+v", jobs)
	}
}

// TestOutageNoticeCountsFromTheMessagesArrival: a message the inbox could not take
// has waited since it arrived, not since the bot stopped trying to record it (a few
// seconds later): the notice is due LOKET_OUTAGE_NOTICE after the arrival. Counted
// from the give-up, a 4 s outage (CI's) often ended before the notice was due.
func TestOutageNoticeCountsFromTheMessagesArrival(t *testing.T) {
	c := newChats()
	l := limits{burst: 20, window: 10 * time.Second, calm: time.Second}
	arrived := time.Now().Add(-recordPatience)
	c.unrecorded("628111", "A", arrived.Add(-time.Second), arrived, l)
	if due := c.dueNotices(arrived.Add(2*time.Second), 2*time.Second); len(due) != 1 {
		t.Fatalf("due notices 2 s after the arrival: %v, want the chat", due)
	}
}

// TestScheduleFloodGoesCalm: past the burst a chat gets one warning and then one
// message per calm interval until it has caught up.
func TestScheduleFloodGoesCalm(t *testing.T) {
	c := newChats()
	l := limits{burst: 3, window: time.Minute, calm: time.Second}
	now := time.Now()
	var rows []loket.InboxMessage
	for i := range 5 {
		rows = append(rows, loket.InboxMessage{Seq: int64(i + 1), Chat: "628111", SentAt: now.Add(time.Duration(i) * time.Millisecond), ReceivedAt: now})
	}
	jobs, _ := c.schedule(rows, now, now, l)
	if len(jobs) != 1 || len(jobs[0].rows) != 3 || !jobs[0].warn {
		t.Fatalf("first job: %+v, want the burst of 3 and a warning", jobs)
	}
	c.finish("628111", handled, now)
	if jobs, _ := c.schedule(rows[3:], now.Add(500*time.Millisecond), now.Add(500*time.Millisecond), l); len(jobs) != 0 {
		t.Fatalf("a calm chat went on before its interval: %+v", jobs)
	}
	jobs, _ = c.schedule(rows[3:], now.Add(time.Second), now.Add(time.Second), l)
	if len(jobs) != 1 || len(jobs[0].rows) != 1 || jobs[0].warn {
		t.Fatalf("calm job: %+v, want one message and no second warning", jobs)
	}
	c.finish("628111", handled, now.Add(time.Second))
	c.schedule(nil, now.Add(2*time.Second), now.Add(2*time.Second), l) // caught up
	if st := c.m["628111"]; st != nil && st.calm {
		t.Fatal("a chat that caught up is still calm")
	}
}

// TestScheduleSkipsRowsReadBeforeAJobEnded: rows read while a worker still had the
// chat may include the message it just marked handled; they wait for a fresh read.
func TestScheduleSkipsRowsReadBeforeAJobEnded(t *testing.T) {
	c := newChats()
	l := limits{burst: 20, window: 10 * time.Second, calm: time.Second}
	now := time.Now()
	rows := []loket.InboxMessage{{Seq: 1, Chat: "628111", SentAt: now, ReceivedAt: now}}
	if jobs, _ := c.schedule(rows, now, now, l); len(jobs) != 1 {
		t.Fatal("the first read gave no job")
	}
	readAt := now.Add(time.Millisecond) // the next read starts …
	c.finish("628111", handled, now.Add(2*time.Millisecond))
	if jobs, _ := c.schedule(rows, readAt, now.Add(3*time.Millisecond), l); len(jobs) != 0 { // … and ends after the job
		t.Fatalf("rows read before the job ended were handed out again: %+v", jobs)
	}
	if jobs, _ := c.schedule(rows, now.Add(4*time.Millisecond), now.Add(4*time.Millisecond), l); len(jobs) != 1 {
		t.Fatal("a fresh read gave no job")
	}
}

// TestScheduleQuarantinesSuspects: a message that was in hand when a process died is
// handled alone, once nothing else is in hand, so a crash counts against it only.
func TestScheduleQuarantinesSuspects(t *testing.T) {
	c := newChats()
	l := limits{burst: 20, window: 10 * time.Second, calm: time.Second}
	now := time.Now()
	rows := []loket.InboxMessage{
		{Seq: 1, Chat: "628111", SentAt: now, ReceivedAt: now},
		{Seq: 2, Chat: "628222", SentAt: now, ReceivedAt: now, Crashes: 1, Claimed: true},
		{Seq: 3, Chat: "628222", SentAt: now, ReceivedAt: now},
		{Seq: 4, Chat: "628333", SentAt: now, ReceivedAt: now},
	}
	jobs, _ := c.schedule(rows, now, now, l)
	if len(jobs) != 1 || jobs[0].chat != "628222" || len(jobs[0].rows) != 1 || jobs[0].rows[0].Seq != 2 {
		t.Fatalf("jobs = %+v, want the suspect alone", jobs)
	}
	if jobs, _ := c.schedule(rows, now, now, l); len(jobs) != 0 {
		t.Fatalf("jobs beside a suspect in hand: %+v", jobs)
	}
	c.finish("628222", handled, now)
	jobs, _ = c.schedule(append(rows[:1:1], rows[2:]...), now.Add(time.Millisecond), now.Add(time.Millisecond), l)
	if len(jobs) != 3 {
		t.Fatalf("after the suspect, jobs = %+v, want every chat again", jobs)
	}
}
