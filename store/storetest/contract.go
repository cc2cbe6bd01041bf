package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
)

// Backend is a storage under contract: every interface of the root's that the rooms
// use, and the roster's import the checks need to fill it.
type Backend interface {
	loket.ApplicantRequests
	loket.LetterStore
	loket.ZoomRoster
	loket.QuestionnaireStore
	loket.StaffStore
	loket.DeskRequests
	loket.LifecycleStore
	loket.Notifier
	loket.ReminderStore
	loket.ReportStore
	loket.LicencePool
	ImportZoomRoster(ctx context.Context, emails []string) (int, error)
}

// Note is a notification as written to the outbox.
type Note struct {
	Text      string
	MsgID     string
	RequestID int64
}

// Subject is one fresh, empty storage for the contract's checks.
type Subject struct {
	Store    Backend
	Sessions loket.SessionStore
	// Sent lists the notifications written to chat so far, oldest first.
	Sent func(t testing.TB, chat string) []Note
}

// Subject is the contract's view of e's PostgreSQL and Redis.
func (e *Env) Subject() Subject {
	return Subject{Store: e.DB, Sessions: e.Sessions, Sent: func(t testing.TB, chat string) []Note {
		t.Helper()
		rows, err := e.DB.Pool.Query(context.Background(),
			`SELECT body, msg_id, coalesce(request_id, 0) FROM outbox WHERE recipient = $1 ORDER BY id`, chat)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []Note
		for rows.Next() {
			var n Note
			if err := rows.Scan(&n.Text, &n.MsgID, &n.RequestID); err != nil {
				t.Fatal(err)
			}
			out = append(out, n)
		}
		return out
	}}
}

// Contract checks that a storage behaves as the rooms rely on: store.DB with
// store.Sessions, and memstore's fakes, which the dialog's and the back office's unit
// tests run on. open gives each check a fresh, empty storage.
func Contract(t *testing.T, open func(t *testing.T) Subject) {
	checks := []struct {
		name  string
		check func(c *contract)
	}{
		{"filing", checkFiling}, {"letters", checkLetters}, {"unique fields", checkUnique},
		{"chat's requests", checkChatRequests}, {"moves", checkMoves}, {"resubmit", checkResubmit},
		{"staff", checkStaff}, {"last pimpinan", checkLastPimpinan}, {"staff welcome", checkWelcome}, {"questionnaire", checkQuestionnaire}, {"reminders", checkReminders},
		{"reports", checkReports}, {"roster", checkRoster}, {"sessions", checkSessions},
		{"licences", checkLicences}, {"complaints", checkComplaints},
	}
	for _, ch := range checks {
		t.Run(ch.name, func(t *testing.T) {
			t.Parallel()
			ch.check(&contract{T: t, Subject: open(t), ctx: context.Background()})
		})
	}
}

// contract is one check's storage, with the steps the checks share.
type contract struct {
	*testing.T
	Subject
	ctx context.Context
	n   int // drafts filed
}

const (
	applicant = "6281234567890"
	admin     = "+6281100000001"
)

// day is a working morning in Jakarta, hours after 9:00 of 23 November 2026.
func day(hours int) time.Time {
	return time.Date(2026, 11, 23, 9+hours, 0, 0, 0, loket.Jakarta)
}

// draft is a new request of service from chat, with a draft of its own. It always
// has answers, as the dialog's drafts do (the store's search reads them as a list).
func (c *contract) draft(service, chat string, fields ...loket.Field) loket.NewRequest {
	c.n++
	if len(fields) == 0 {
		fields = []loket.Field{{Key: "nip", Value: "198609262015051001"}}
	}
	return loket.NewRequest{DraftID: service + "-draft-" + string(rune('a'+c.n)), Service: service, Chat: chat,
		Phone: "+" + chat, Name: "Budi", Lang: loket.Indonesian, Fields: fields}
}

// file files n at now, announced to the admin, and fails the check on an error.
func (c *contract) file(n loket.NewRequest, now time.Time) *loket.Request {
	c.Helper()
	r, err := c.Store.FileRequest(c.ctx, n, now, tellAdmin)
	if err != nil {
		c.Fatalf("file %s: %v", n.DraftID, err)
	}
	return r
}

// tellAdmin announces a request to the admin, saying where it came from.
func tellAdmin(r *loket.Request, staff []loket.Staff) []loket.Notification {
	return []loket.Notification{{Chat: admin[1:], Text: r.Ref + " from " + string(r.Status) + " to " + staffNames(staff)}}
}

func staffNames(staff []loket.Staff) string {
	out := "staff:"
	for _, s := range staff {
		out += " " + s.Name
	}
	return out
}

// move moves r from from to to at at, and fails the check on an error.
func (c *contract) move(r *loket.Request, from, to loket.Status, at time.Time) {
	c.Helper()
	if err := c.Store.MoveRequest(c.ctx, loket.Move{RequestID: r.ID, From: from, To: to, Actor: admin, Role: "admin", At: at}); err != nil {
		c.Fatalf("move %s to %s: %v", r.Ref, to, err)
	}
}

// texts are the notifications' texts.
func texts(notes []Note) []string {
	var out []string
	for _, n := range notes {
		out = append(out, n.Text)
	}
	return out
}

func checkFiling(c *contract) {
	if err := c.Store.AddStaff(c.ctx, admin, loket.RoleAdmin, "Rina", nil, nil); err != nil {
		c.Fatal(err)
	}
	newYear := c.draft("ZM", applicant)
	// 20:00 UTC on 31 December is already the new year in Jakarta.
	if r := c.file(newYear, time.Date(2026, 12, 31, 20, 0, 0, 0, time.UTC)); r.Ref != "ZM-2027-0001" {
		c.Fatalf("filed in Jakarta's new year as %s, want ZM-2027-0001", r.Ref)
	}
	first := c.file(c.draft("ZM", applicant, loket.Field{Key: "name", Value: "Budi"}), day(0))
	second := c.file(c.draft("ZM", applicant), day(1))
	other := c.file(c.draft("EM", applicant), day(1))
	if first.Ref != "ZM-2026-0001" || second.Ref != "ZM-2026-0002" || other.Ref != "EM-2026-0001" {
		c.Fatalf("references %s %s %s, want ZM-2026-0001 ZM-2026-0002 EM-2026-0001", first.Ref, second.Ref, other.Ref)
	}
	if first.Status != loket.StatusSubmitted || first.Field("name") != "Budi" || first.Chat != applicant ||
		!first.CreatedAt.Equal(day(0)) || !first.UpdatedAt.Equal(day(0)) || first.Letter != nil {
		c.Fatalf("filed %+v", first)
	}
	again, err := c.Store.FileRequest(c.ctx, loket.NewRequest{DraftID: newYear.DraftID, Service: "ZM", Chat: applicant}, day(2), tellAdmin)
	if err != nil || again.Ref != "ZM-2027-0001" {
		c.Fatalf("the same draft filed again: %+v, %v; want ZM-2027-0001 as it was", again, err)
	}
	events, err := c.Store.Timeline(c.ctx, first.ID)
	if err != nil || len(events) != 1 || events[0].From != "" || events[0].To != loket.StatusSubmitted ||
		events[0].Role != loket.ApplicantRole || events[0].Actor != "+"+applicant || !events[0].At.Equal(day(0)) {
		c.Fatalf("filing's timeline %+v, %v", events, err)
	}
	told := c.Sent(c, admin[1:])
	if len(told) != 4 || told[1].Text != "ZM-2026-0001 from  to staff: Rina" || told[1].RequestID != first.ID {
		c.Fatalf("the admin was told %+v; want each filing announced once, from no status", told)
	}
}

func checkChatRequests(c *contract) {
	mine := []*loket.Request{c.file(c.draft("ZM", applicant), day(0)), c.file(c.draft("EM", applicant), day(1)),
		c.file(c.draft("ZM", applicant), day(2))}
	theirs := c.file(c.draft("ZM", "6289999999999"), day(3))
	if _, err := c.Store.ChatRequest(c.ctx, applicant, theirs.Ref); !errors.Is(err, loket.ErrNotFound) {
		c.Fatalf("another chat's request: %v, want ErrNotFound", err)
	}
	if r, err := c.Store.ChatRequest(c.ctx, applicant, mine[1].Ref); err != nil || r.ID != mine[1].ID {
		c.Fatalf("own request: %+v, %v", r, err)
	}
	list, err := c.Store.ChatRequests(c.ctx, applicant, 2)
	if err != nil || len(list) != 2 || list[0].ID != mine[2].ID || list[1].ID != mine[1].ID {
		c.Fatalf("the two newest of the chat's requests: %+v, %v", list, err)
	}
	if r, err := c.Store.RequestByRef(c.ctx, theirs.Ref); err != nil || r.ID != theirs.ID {
		c.Fatalf("staff reading %s: %+v, %v", theirs.Ref, r, err)
	}
	if _, err := c.Store.RequestByRef(c.ctx, "ZM-2026-9999"); !errors.Is(err, loket.ErrNotFound) {
		c.Fatalf("an unknown reference: %v, want ErrNotFound", err)
	}
}
