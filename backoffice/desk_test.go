package backoffice

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/memstore"
)

// services is a catalog written in test code: each service's approvers, nothing else.
type services map[string][]loket.Role

func (s services) ServiceTitle(code string, _ loket.Lang) string { return code }
func (s services) FieldLabel(_, key string, _ loket.Lang) string { return key }
func (s services) ResultText(*loket.Request, loket.Lang) string  { return "" }
func (s services) Question(int, string, loket.Lang) string       { return "" }
func (s services) SLADays(string) int                            { return 0 }
func (s services) Approvers(code string) []loket.Role            { return s[code] }
func (s services) Capacity(string) int                           { return 0 }
func (s services) Codes() []string {
	var out []string
	for code := range s {
		out = append(out, code)
	}
	return out
}

// desk is an Office on memstore's fakes with an admin, a pimpinan and a staf: the
// back office's rules are tested without PostgreSQL (the bot's end-to-end tests run
// them on it).
type desk struct {
	t   *testing.T
	o   *Office
	db  *memstore.DB
	now time.Time
	seq int64
}

const (
	adminPhone    = "+6281100000001"
	pimpinanPhone = "+6281100000002"
	stafPhone     = "+6281100000003"
)

func newDesk(t *testing.T, s services) *desk {
	db := memstore.New()
	ctx := context.Background()
	for _, m := range []struct {
		phone, name string
		role        loket.Role
	}{{adminPhone, "Rina", loket.RoleAdmin}, {pimpinanPhone, "Ary", loket.RolePimpinan}, {stafPhone, "Andi Pratama", loket.RoleStaf}} {
		if err := db.AddStaff(ctx, m.phone, m.role, m.name, nil); err != nil {
			t.Fatal(err)
		}
	}
	d := &desk{t: t, db: db, now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	d.o = &Office{Store: db, Services: s, Now: func() time.Time { return d.now }}
	return d
}

// file files a request of service as an applicant would, announced by the office.
func (d *desk) file(service string) *loket.Request {
	d.t.Helper()
	d.seq++
	r, err := d.db.FileRequest(context.Background(), loket.NewRequest{
		DraftID: fmt.Sprintf("%s-%d", service, d.seq), Service: service, Chat: "6281234567890", Phone: "+6281234567890",
	}, d.now, d.o.Announce)
	if err != nil {
		d.t.Fatal(err)
	}
	return r
}

// command sends a staff command from phone and returns the answer.
func (d *desk) command(phone, text string) string {
	d.t.Helper()
	d.seq++
	msg := loket.Message{Seq: d.seq, Chat: strings.TrimPrefix(phone, "+"), Phone: phone, Kind: loket.KindText, Text: text}
	replies, err := d.o.Handle(context.Background(), msg)
	if err != nil || len(replies) == 0 {
		d.t.Fatalf("%s: %v, %v", text, replies, err)
	}
	return replies[0].Text
}

func (d *desk) status(ref string) loket.Status {
	d.t.Helper()
	r, err := d.db.RequestByRef(context.Background(), ref)
	if err != nil {
		d.t.Fatal(err)
	}
	return r.Status
}

// TestApproversDecidePermissions: a service whose catalog approvers are the admin
// alone is dispositioned by the admin, not the pimpinan, and waits in the admin's
// queue once verified, while a service with the SOPs' approvers works as before —
// from test code alone, on one office.
func TestApproversDecidePermissions(t *testing.T) {
	t.Parallel()
	d := newDesk(t, services{"ZM": nil, "VP": {loket.RoleAdmin}})
	zm, vp := d.file("ZM"), d.file("VP")
	for _, r := range []*loket.Request{zm, vp} {
		if got := d.command(adminPhone, "/verifikasi "+r.Ref); !strings.Contains(got, "sekarang") {
			t.Fatalf("admin verifying %s: %q", r.Ref, got)
		}
	}
	if got := d.command(pimpinanPhone, "/antrian"); !strings.Contains(got, zm.Ref) || strings.Contains(got, vp.Ref) {
		t.Errorf("pimpinan's queue, want %s and not %s:\n%s", zm.Ref, vp.Ref, got)
	}
	if got := d.command(adminPhone, "/antrian"); !strings.Contains(got, vp.Ref) || strings.Contains(got, zm.Ref) {
		t.Errorf("admin's queue, want %s and not %s:\n%s", vp.Ref, zm.Ref, got)
	}
	if got := d.command(pimpinanPhone, "/disposisi "+vp.Ref+" Andi"); d.status(vp.Ref) != loket.StatusVerified {
		t.Fatalf("the pimpinan dispositioned %s, whose only approver is the admin: %q", vp.Ref, got)
	}
	if got := d.command(pimpinanPhone, "/tolak "+vp.Ref+" tidak lengkap"); d.status(vp.Ref) != loket.StatusVerified {
		t.Fatalf("the pimpinan rejected %s, whose only approver is the admin: %q", vp.Ref, got)
	}
	d.command(adminPhone, "/disposisi "+vp.Ref+" Andi")
	d.command(pimpinanPhone, "/disposisi "+zm.Ref+" Andi")
	if d.status(vp.Ref) != loket.StatusDisposed || d.status(zm.Ref) != loket.StatusDisposed {
		t.Fatalf("after the dispositions: %s %s, %s %s", vp.Ref, d.status(vp.Ref), zm.Ref, d.status(zm.Ref))
	}
	// The admin, the last approver of VP, may also close it; of ZM only the staf or the pimpinan.
	d.command(adminPhone, "/selesai "+zm.Ref)
	d.command(adminPhone, "/selesai "+vp.Ref)
	if d.status(vp.Ref) != loket.StatusDone || d.status(zm.Ref) != loket.StatusDisposed {
		t.Fatalf("after the admin's /selesai: %s %s, %s %s", vp.Ref, d.status(vp.Ref), zm.Ref, d.status(zm.Ref))
	}
}

// TestResubmitGoesThroughTheMachine: the applicant's corrected draft is a resubmit
// event of the service's machine — which says where it leads — recorded by the store
// with the admins told; sent again (a message handled twice) it changes nothing, and
// once the request has moved on it is too late.
func TestResubmitGoesThroughTheMachine(t *testing.T) {
	t.Parallel()
	d := newDesk(t, services{"ZM": nil})
	ctx := context.Background()
	r := d.file("ZM")
	d.command(adminPhone, "/revisi "+r.Ref+" stempel tidak terbaca")
	n := loket.NewRequest{DraftID: "revision-1", Service: "ZM", Chat: r.Chat, Phone: r.Phone,
		Fields: []loket.Field{{Key: "name", Value: "Budi"}}}
	for range 2 {
		got, err := d.o.Resubmit(ctx, n, r.ID, d.now)
		if err != nil || got.Status != loket.StatusSubmitted || got.Field("name") != "Budi" {
			t.Fatalf("resubmit = %+v, %v", got, err)
		}
	}
	if m := d.o.machines.all["ZM"]; m == nil || m.fsm.Current() != string(loket.StatusSubmitted) {
		t.Fatalf("the ZM machine did not take the resubmission: %+v", m)
	}
	events, err := d.db.Timeline(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := events[len(events)-1]
	if len(events) != 3 || last.From != loket.StatusRevision || last.To != loket.StatusSubmitted || last.Actor != r.Phone || last.Role != "pemohon" {
		t.Fatalf("timeline %+v", events)
	}
	var told int
	for _, s := range d.db.Outbox() {
		if s.Chat == strings.TrimPrefix(adminPhone, "+") && strings.Contains(s.Text, "diperbaiki") {
			told++
		}
	}
	if told != 1 {
		t.Fatalf("the admin was told of the correction %d times, want once", told)
	}
	d.command(adminPhone, "/tolak "+r.Ref+" tetap tidak terbaca")
	n.DraftID = "revision-2"
	if _, err := d.o.Resubmit(ctx, n, r.ID, d.now); !errors.Is(err, loket.ErrMoved) {
		t.Fatalf("resubmitting a rejected request: %v, want ErrMoved", err)
	}
}
