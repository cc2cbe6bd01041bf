package backoffice

import (
	"context"
	"errors"
	"fmt"
	"slices"
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
func (s services) ApplicantName(r *loket.Request) string         { return r.Field("applicant_name") }
func (s services) Capacity(string) int                           { return 0 }

// Lifecycle: a service coded KL in test code is a complaint, as the catalog's is.
func (s services) Lifecycle(code string) *loket.Lifecycle {
	if code == "KL" {
		return &loket.Complaints
	}
	return &loket.Requests
}
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
		if err := db.AddStaff(ctx, m.phone, m.role, m.name, nil, nil); err != nil {
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

// TestHelpListsEveryCommandTheSenderMayUse: /bantuan names, for each role, exactly
// the commands that role may give — /cari and /statistik for everyone, the lifecycle's
// commands as the services' approvers allow, /staf for a pimpinan — one line each.
func TestHelpListsEveryCommandTheSenderMayUse(t *testing.T) {
	t.Parallel()
	everyone := []string{"antrian", "lihat", "cari", "statistik", "bantuan"}
	cases := []struct {
		name     string
		services services
		phone    string
		may      []string
	}{
		{"admin", services{"ZM": nil}, adminPhone, []string{"verifikasi", "revisi", "tolak"}},
		{"pimpinan", services{"ZM": nil}, pimpinanPhone, []string{"tolak", "disposisi", "selesai", "staf"}},
		{"staf", services{"ZM": nil}, stafPhone, []string{"selesai"}},
		// A service approved by the admin alone lets the admin disposition and close too.
		{"admin, sole approver of VP", services{"ZM": nil, "VP": {loket.RoleAdmin}}, adminPhone,
			[]string{"verifikasi", "revisi", "tolak", "disposisi", "selesai"}},
	}
	all := []string{"antrian", "lihat", "verifikasi", "revisi", "tolak", "disposisi", "selesai", "cari", "statistik", "staf", "bantuan"}
	for _, c := range cases {
		help := newDesk(t, c.services).command(c.phone, "/bantuan")
		listed := map[string]bool{}
		for _, line := range strings.Split(help, "\n") {
			if name, ok := strings.CutPrefix(strings.Fields(line + " x")[0], "/"); ok {
				listed[name] = true
			}
		}
		for _, name := range all {
			if want := slices.Contains(everyone, name) || slices.Contains(c.may, name); listed[name] != want {
				t.Errorf("%s: /%s listed %v, want %v:\n%s", c.name, name, listed[name], want, help)
			}
		}
	}
}

// TestQueueAndShowSayWhoAndWhere: /antrian names the applicant as the form does, the
// WhatsApp display name only when the form names nobody; /lihat says the status, as
// the applicant's `status` does.
func TestQueueAndShowSayWhoAndWhere(t *testing.T) {
	t.Parallel()
	d := newDesk(t, services{"ZM": nil})
	ctx := context.Background()
	named, err := d.db.FileRequest(ctx, loket.NewRequest{DraftID: "named", Service: "ZM", Chat: "6281234567890",
		Phone: "+6281234567890", Name: "budi wa", Fields: []loket.Field{{Key: "applicant_name", Value: "Dr. Budi Santoso"}}}, d.now, d.o.Announce)
	if err != nil {
		t.Fatal(err)
	}
	unnamed, err := d.db.FileRequest(ctx, loket.NewRequest{DraftID: "unnamed", Service: "ZM", Chat: "6281234567891",
		Phone: "+6281234567891", Name: "siti wa"}, d.now, d.o.Announce)
	if err != nil {
		t.Fatal(err)
	}
	queue := d.command(adminPhone, "/antrian")
	for _, want := range []string{named.Ref, "Dr. Budi Santoso", unnamed.Ref, `nama WhatsApp "siti wa"`} {
		if !strings.Contains(queue, want) {
			t.Errorf("the queue lacks %q:\n%s", want, queue)
		}
	}
	if strings.Contains(queue, "budi wa") {
		t.Errorf("the queue names a request's applicant by WhatsApp name, not by the form:\n%s", queue)
	}
	d.command(adminPhone, "/verifikasi "+named.Ref)
	if got := d.command(pimpinanPhone, "/lihat "+named.Ref); !strings.Contains(got, "Status: *terverifikasi*") {
		t.Errorf("/lihat does not say the status:\n%s", got)
	}
}

// TestWelcomeListsWhatTheRoleHolds: a staff member given a role is told of what waits
// for that role as the lifecycle table and each service's approvers say — a verified
// request of a service the admin alone approves, not one waiting for the pimpinan —
// and a staf member, whom nothing is dispositioned to yet, is told nothing.
func TestWelcomeListsWhatTheRoleHolds(t *testing.T) {
	t.Parallel()
	d := newDesk(t, services{"ZM": nil, "VP": {loket.RoleAdmin}})
	zm, vp := d.file("ZM"), d.file("VP")
	d.command(adminPhone, "/verifikasi "+zm.Ref)
	d.command(adminPhone, "/verifikasi "+vp.Ref)
	ctx := context.Background()
	for _, c := range []StaffChange{{Phone: "+6281100000006", Role: loket.RoleAdmin, Name: "Dewi"},
		{Phone: "+6281100000007", Role: loket.RoleStaf, Name: "Budi"}} {
		if err := d.o.AddStaff(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
	}
	var dewi, budi []string
	for _, s := range d.db.Outbox() {
		switch s.Chat {
		case "6281100000006":
			dewi = append(dewi, s.Text)
		case "6281100000007":
			budi = append(budi, s.Text)
		}
	}
	if len(dewi) != 1 || !strings.Contains(dewi[0], vp.Ref) || strings.Contains(dewi[0], zm.Ref) || !strings.Contains(dewi[0], "/antrian") {
		t.Errorf("the new admin was told %q; want one message with %s and /antrian, without %s", dewi, vp.Ref, zm.Ref)
	}
	if len(budi) != 0 {
		t.Errorf("a new staf member with nothing dispositioned to them was told %q", budi)
	}
}
