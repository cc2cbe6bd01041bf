package backoffice

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/internal/sentencetest"
)

// licenceServices lend two licences a day for ZM, none for the others.
type licenceServices struct{ services }

func (licenceServices) Capacity(code string) int {
	if code == "ZM" {
		return 2
	}
	return 0
}

// fileDays files a ZM request using days from to to of December 2026, as the dialog
// files it.
func (d *desk) fileDays(from, to int) *loket.Request {
	d.t.Helper()
	d.seq++
	day := func(n int) time.Time { return time.Date(2026, 12, n, 0, 0, 0, 0, loket.Jakarta) }
	r, err := d.db.FileRequest(context.Background(), loket.NewRequest{
		DraftID: fmt.Sprintf("ZM-%d", d.seq), Service: "ZM", Chat: "6281234567890", Phone: "+6281234567890", Name: "Budi",
		Fields: []loket.Field{{Key: "event", Value: "Semnas"}}, Period: &loket.Period{From: day(from), To: day(to)}, Capacity: 2,
	}, d.now, d.o.Announce)
	if err != nil {
		d.t.Fatal(err)
	}
	return r
}

func wants(t *testing.T, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Fatalf("got:\n%s\n\nwant it to contain %q", got, w)
		}
	}
}

// TestCalendarShowsEachDayOfTheMonth: /kalender lists every day of the month with
// the licences taken, by which references, and who waits beyond them.
func TestCalendarShowsEachDayOfTheMonth(t *testing.T) {
	t.Parallel()
	d := newDesk(t, nil)
	d.o.Services = licenceServices{services{"ZM": nil, "EM": nil}}
	a, b, c := d.fileDays(11, 12), d.fileDays(12, 12), d.fileDays(12, 13)
	got := d.command(pimpinanPhone, "/kalender desember")
	wants(t, got, "*Kalender lisensi — ZM*\nDesember 2026 · 2 lisensi per hari (terpakai/kapasitas)\n 1 Sel  0/2\n",
		"\n10 Kam  0/2\n11 Jum  1/2 · "+a.Ref+"\n12 Sab  2/2 *penuh* · "+a.Ref+", "+b.Ref+" · menunggu: "+c.Ref+"\n13 Min  1/2 · "+c.Ref+"\n",
		"\n31 Kam  0/2")
	if n := strings.Count(got, "\n") + 1; n != 2+31 {
		t.Fatalf("%d lines, want two heading lines and 31 days:\n%s", n, got)
	}
	if !c.Waiting || a.Waiting || b.Waiting {
		t.Fatalf("waiting marks %v %v %v, want only the third", a.Waiting, b.Waiting, c.Waiting)
	}
	// The same month by number, by the year first, by a two-digit year, in the
	// spellings the dialog's dates take ("Des.", as letters are dated), and as this
	// month (23 November).
	for _, args := range []string{"12", "12/2026", "2026-12", "des 2026", "dec", "dec 26", "Des. 2026", "desem"} {
		if again := d.command(adminPhone, "/kalender "+args); again != got {
			t.Fatalf("/kalender %s:\n%s\nwant the same as /kalender desember", args, again)
		}
	}
	wants(t, d.command(stafPhone, "/calendar"), "November 2026", "\n30 Sen  0/2")
	wants(t, d.command(stafPhone, "/kalender januari"), "Januari 2027")
	// Indonesian abbreviations the back office writes every day.
	for args, want := range map[string]string{"agt": "Agustus 2027", "nop": "November 2026", "peb 27": "Februari 2027",
		"mrt": "Maret 2027", "sept": "September 2027", "Okt.": "Oktober 2027"} {
		wants(t, d.command(stafPhone, "/kalender "+args), want)
	}
	wants(t, d.command(stafPhone, "/kalender juni 2026"), "Juni 2026")
	wants(t, d.command(stafPhone, "/kalender besok"), `Bulan "besok" tidak dikenali`)
	wants(t, d.command(stafPhone, "/kalender 13"), `Bulan "13" tidak dikenali`)
	wants(t, d.command(stafPhone, "/bantuan"), "/kalender [bulan]")

	d.o.Services = services{"ZM": nil}
	wants(t, d.command(stafPhone, "/kalender"), "Tidak ada layanan dengan kuota")
}

// TestDispositionOnFullDaysWarnsFirst: /disposisi of a request whose days the
// requests filed before it fill answers with the full days and the command to send
// with "tetap"; that one goes through, with the rest of the note kept. A request
// filed within capacity is dispositioned at once, and the waiting mark shows in the
// admin's notification, /antrian and /lihat.
func TestDispositionOnFullDaysWarnsFirst(t *testing.T) {
	t.Parallel()
	d := newDesk(t, nil)
	d.o.Services = licenceServices{services{"ZM": nil}}
	a, b, c := d.fileDays(11, 12), d.fileDays(12, 12), d.fileDays(12, 13)
	for _, r := range []*loket.Request{a, b, c} {
		d.command(adminPhone, "/verifikasi "+r.Ref)
	}
	var announced string
	for _, s := range d.db.Outbox() {
		if s.RequestID == c.ID && s.Chat == strings.TrimPrefix(adminPhone, "+") {
			announced = s.Text
		}
	}
	wants(t, announced, "*Menunggu ketersediaan lisensi*")
	wants(t, d.command(pimpinanPhone, "/antrian"), c.Ref+"* — ZM ⏳ menunggu ketersediaan lisensi")
	if q := d.command(pimpinanPhone, "/antrian"); strings.Contains(q, b.Ref+"* — ZM ⏳") {
		t.Fatalf("a request within capacity is marked waiting:\n%s", q)
	}
	wants(t, d.command(pimpinanPhone, "/lihat "+c.Ref), "*Menunggu ketersediaan lisensi*")

	got := d.command(pimpinanPhone, "/disposisi "+c.Ref+" Andi mohon segera")
	wants(t, got, "⚠️ *"+c.Ref+"* belum didisposisikan", "(2 per hari)", "• Sab 12 Des 2026 — "+a.Ref+", "+b.Ref,
		"Untuk tetap mendisposisikan, kirim:\n/disposisi "+c.Ref+" Andi tetap mohon segera")
	if d.status(c.Ref) != loket.StatusVerified {
		t.Fatal("dispositioned before the warning was answered")
	}
	wants(t, d.command(pimpinanPhone, "/disposisi "+b.Ref+" Andi"), b.Ref)
	if d.status(b.Ref) != loket.StatusDisposed {
		t.Fatalf("%s, within capacity, was not dispositioned at once", b.Ref)
	}
	d.command(pimpinanPhone, "/disposisi "+c.Ref+" Andi tetap mohon segera")
	events, _ := d.db.Timeline(context.Background(), c.ID)
	if last := events[len(events)-1]; d.status(c.Ref) != loket.StatusDisposed || last.Note != "mohon segera" {
		t.Fatalf("after 'tetap': %s, note %q", d.status(c.Ref), last.Note)
	}
	// A request filed before the others frees the day when it is rejected.
	d2 := newDesk(t, nil)
	d2.o.Services = licenceServices{services{"ZM": nil}}
	x, y, z := d2.fileDays(1, 1), d2.fileDays(1, 1), d2.fileDays(1, 1)
	for _, r := range []*loket.Request{x, y, z} {
		d2.command(adminPhone, "/verifikasi "+r.Ref)
	}
	d2.command(adminPhone, "/tolak "+x.Ref+" bukan kegiatan resmi")
	d2.command(pimpinanPhone, "/disposisi "+z.Ref+" Andi")
	if d2.status(z.Ref) != loket.StatusDisposed {
		t.Fatalf("%s was held back by a rejected request", z.Ref)
	}
}

// TestAWaitingMarkGoesWhenALicenceFrees: a request filed while its day was full is
// marked waiting; once a request filed before it is rejected, its day has a licence
// for it, and /antrian, /lihat and the staf member's notification say so no more.
// A request still beyond capacity keeps its mark.
func TestAWaitingMarkGoesWhenALicenceFrees(t *testing.T) {
	t.Parallel()
	d := newDesk(t, nil)
	d.o.Services = licenceServices{services{"ZM": nil}}
	x, y, z, w := d.fileDays(1, 1), d.fileDays(1, 1), d.fileDays(1, 1), d.fileDays(1, 1)
	if !z.Waiting || !w.Waiting {
		t.Fatal("the third and fourth requests of a day of two licences were not marked waiting")
	}
	for _, r := range []*loket.Request{x, y, z, w} {
		d.command(adminPhone, "/verifikasi "+r.Ref)
	}
	d.command(adminPhone, "/tolak "+x.Ref+" bukan kegiatan resmi")
	queue := d.command(pimpinanPhone, "/antrian")
	if strings.Contains(queue, z.Ref+"* — ZM ⏳") {
		t.Fatalf("%s holds a licence now, yet /antrian marks it waiting:\n%s", z.Ref, queue)
	}
	wants(t, queue, w.Ref+"* — ZM ⏳ menunggu ketersediaan lisensi")
	if got := d.command(pimpinanPhone, "/lihat "+z.Ref); strings.Contains(got, "Menunggu ketersediaan lisensi") {
		t.Fatalf("/lihat %s still says it waits:\n%s", z.Ref, got)
	}
	wants(t, d.command(pimpinanPhone, "/lihat "+w.Ref), "*Menunggu ketersediaan lisensi*")
	d.command(pimpinanPhone, "/disposisi "+z.Ref+" Andi")
	told := false
	for _, s := range d.db.Outbox() {
		if s.RequestID == z.ID && s.Chat == strings.TrimPrefix(stafPhone, "+") {
			told = true
			if strings.Contains(s.Text, "Menunggu ketersediaan lisensi") {
				t.Fatalf("the staf member is told %s waits for a licence:\n%s", z.Ref, s.Text)
			}
		}
	}
	if !told {
		t.Fatalf("the staf member was not told of %s", z.Ref)
	}
	// Rejected, a request waits for nothing.
	d.command(adminPhone, "/tolak "+w.Ref+" tanggal penuh")
	if got := d.command(adminPhone, "/lihat "+w.Ref); strings.Contains(got, "Menunggu ketersediaan lisensi") {
		t.Fatalf("/lihat of a rejected request says it waits:\n%s", got)
	}
}

// TestLicenceSentencesRender: the calendar's staff sentences render whole.
func TestLicenceSentencesRender(t *testing.T) {
	for _, s := range []staffSentence{
		calendarMonth{Title: "Budi", Month: at, Capacity: 2, Rows: "Budi"}, calendarFull{}, calendarWaiting{Refs: "Budi"},
		calendarNone{}, calendarUsage{Typed: "Budi"}, disposeLicencesFull{Ref: "Budi", Capacity: 2, Days: "Budi", Again: "Budi"},
		licenceWaitLine{}, licenceWaitMark{},
	} {
		sentencetest.Check(t, staffOnly{s})
	}
}
