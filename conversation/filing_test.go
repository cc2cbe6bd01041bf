package conversation_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation"
)

// eventService has the shapes that can go stale while a draft waits: a unique
// username and a start and end date.
const eventService = `
services:
  - code: EV
    sop: "SOP#99"
    title: {id: Akun acara, en: Event account}
    next_steps: {id: Admin memverifikasi., en: The admin verifies.}
    sla: 2 working days
    fields:
      - key: username
        kind: username
        domain: mail.uns.ac.id
        unique: true
        label: {id: Username, en: Username}
        prompt: {id: "Tulis username. Contoh: semnas", en: "Type a username. Example: semnas"}
      - key: start_date
        kind: date
        not_past: true
        label: {id: Tanggal awal, en: Start date}
        prompt: {id: "Tanggal awal? Contoh: 12 Desember 2026", en: "Start date? Example: 12 December 2026"}
      - key: end_date
        kind: date
        not_past: true
        after: start_date
        label: {id: Tanggal akhir, en: End date}
        prompt: {id: "Tanggal akhir? Contoh: 13 Desember 2026", en: "End date? Example: 13 December 2026"}
`

// records is what the tests read and move in the store besides the dialog.
type records interface {
	RequestByRef(context.Context, string) (*loket.Request, error)
	MoveRequest(context.Context, loket.Move) error
}

// request reads the request ref.
func (d *dialog) request(ref string) *loket.Request {
	d.t.Helper()
	r, err := d.c.Store.(records).RequestByRef(context.Background(), ref)
	if err != nil {
		d.t.Fatal(err)
	}
	return r
}

// fileEvent files eventService's request EV-2026-0001 from d's chat.
func (d *dialog) fileEvent() *loket.Request {
	d.t.Helper()
	d.say("1", "Langkah 1 dari 3")
	d.say("semnas", "Langkah 2 dari 3")
	d.say("10 Desember 2026", "Langkah 3 dari 3")
	d.say("13 Desember 2026", "Ringkasan")
	d.say("kirim", "EV-2026-0001")
	return d.request("EV-2026-0001")
}

// move moves the submitted request r to status to, as staff of role would (done
// opens the questionnaire).
func (d *dialog) move(r *loket.Request, to loket.Status, role, note string) {
	d.t.Helper()
	m := loket.Move{RequestID: r.ID, From: loket.StatusSubmitted, To: to, Actor: "+6281100000001", Role: role,
		Note: note, At: d.now, AskQuestionnaire: to == loket.StatusDone}
	if err := d.c.Store.(records).MoveRequest(context.Background(), m); err != nil {
		d.t.Fatal(err)
	}
}

func eventDialog(t *testing.T) *dialog {
	t.Helper()
	cat, err := conversation.ParseCatalog([]byte(eventService))
	if err != nil {
		t.Fatal(err)
	}
	return newDialog(t, cat)
}

// TestBackDuringARecheckKeepsTheRest: changing the start date re-asks the end date;
// going back to the summary instead leaves it empty, and "kirim" asks for just that
// one field and returns to the summary, not to every later step.
func TestBackDuringARecheckKeepsTheRest(t *testing.T) {
	t.Parallel()
	d := eventDialog(t)
	d.say("1", "Langkah 1 dari 3")
	d.say("semnas", "Langkah 2 dari 3")
	d.say("12 Desember 2026", "Langkah 3 dari 3")
	d.say("13 Desember 2026", "Ringkasan permohonan")
	d.say("ubah 2", "Langkah 2 dari 3")
	d.say("20 Desember 2026", "Tanggal akhir* perlu diisi ulang")
	d.say("kembali", "Ringkasan permohonan", "3. Tanggal akhir: —")
	d.say("kirim", "*Tanggal akhir* belum terisi", "Langkah 3 dari 3")
	d.say("21 Desember 2026", "Ringkasan permohonan", "1. Username: semnas@mail.uns.ac.id", "3. Tanggal akhir: Senin, 21 Desember 2026")
	d.say("kirim", "EV-2026-0001")
}

// TestStaleAnswersAreAskedAgainAtFiling: a draft left for days is not filed with a
// start date that has passed, nor with a username someone filed meanwhile.
func TestStaleAnswersAreAskedAgainAtFiling(t *testing.T) {
	t.Parallel()
	d := eventDialog(t)
	d.say("1", "Langkah 1 dari 3")
	d.say("semnas", "Langkah 2 dari 3")
	d.say("besok", "Selasa, 24 November 2026")
	d.say("besok", "Ringkasan permohonan")

	// Meanwhile another applicant files the same username.
	other := &dialog{t: t, c: d.c, now: d.now, chat: "6285700001111"}
	other.c = &conversation.Conversation{Catalog: d.c.Catalog, Store: d.c.Store, Sessions: d.c.Sessions, Now: func() time.Time { return other.now },
		Announce: d.c.Announce, Resubmit: d.c.Resubmit}
	other.say("1", "Langkah 1 dari 3")
	other.say("semnas", "Langkah 2 dari 3")
	other.say("1 Desember 2026", "Langkah 3 dari 3")
	other.say("2 Desember 2026", "Ringkasan")
	other.say("kirim", "EV-2026-0001")

	d.now = d.now.Add(3 * 24 * time.Hour)
	d.say("lanjutkan", "Ringkasan permohonan")
	d.say("kirim", "*Username* perlu diisi ulang", "sudah diajukan", "Langkah 1 dari 3")
	d.say("semnas2", "Ringkasan permohonan")
	d.say("kirim", "*Tanggal awal* perlu diisi ulang", "sudah lewat", "Langkah 2 dari 3")
	d.say("30 November 2026", "Tanggal akhir* perlu diisi ulang", "Langkah 3 dari 3")
	d.say("30 November 2026", "Ringkasan permohonan")
	got := d.say("kirim", "EV-2026-0002")
	if strings.Contains(got, "perlu diisi ulang") {
		t.Fatalf("filed with a complaint:\n%s", got)
	}
	if r := d.request("EV-2026-0002"); r.Field("username") != "semnas2" || r.Field("start_date") != "2026-11-30" {
		t.Fatalf("filed %+v", r)
	}
}

// TestMenuDuringADraftNeverDropsItSilently: after "menu" an answer holding a service's
// keyword is an answer, and choosing another service asks before the draft is dropped.
func TestMenuDuringADraftNeverDropsItSilently(t *testing.T) {
	t.Parallel()
	d := newDialog(t, nil)
	d.say("2", "Langkah 1 dari 11")
	d.say("ya", "Langkah 2 dari 11")
	d.say("webinar2026", "Langkah 3 dari 11", "Nama kegiatan")
	d.say("menu", "tetap tersimpan")
	d.say("Webinar Nasional 2026", "✓ Nama kegiatan: Webinar Nasional 2026", "Langkah 4 dari 11")
	d.say("menu", "tetap tersimpan")
	d.say("1", "akan dihapus", "Aktivasi Email Kegiatan", "Lisensi Zoom")
	d.say("entah", "Balas *ya* untuk menghapus draf")
	d.say("tidak", "draf tidak dibatalkan", "Langkah 4 dari 11")
	d.say("menu", "tetap tersimpan")
	d.say("1", "akan dihapus")
	d.say("ya", "Lisensi Zoom Temporary", "Langkah 1 dari 11")
}
