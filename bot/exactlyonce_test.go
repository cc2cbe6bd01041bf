package bot_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uns-dtik/loket/bot/sim"
	"github.com/uns-dtik/loket/store"
)

// crashInbox is the real inbox with a crash window injected after each handling: the
// first failMarks "handled" marks fail, which is what the bot sees when it dies after
// the handler's change was committed and before the message was marked handled (or
// PostgreSQL lost the mark in a crash).
type crashInbox struct {
	*store.DB
	failMarks atomic.Int32
	// onFail, when set, runs at each injected failure (to land a message then).
	onFail func()
}

func (c *crashInbox) FinishInbox(ctx context.Context, seq int64, errText string) error {
	if errText == "" && c.failMarks.Add(-1) >= 0 {
		if c.onFail != nil {
			c.onFail()
		}
		return errInjected
	}
	return c.DB.FinishInbox(ctx, seq, errText)
}

// crashSessions is the real session store whose first failSaves saves fail: the
// dialog's change to PostgreSQL (a request, a letter, an answer) is committed, and
// the session that covers it is not.
type crashSessions struct {
	store.Sessions
	failSaves atomic.Int32
}

func (c *crashSessions) Save(ctx context.Context, chat string, data []byte, version int64, ttl time.Duration) error {
	if c.failSaves.Add(-1) >= 0 {
		return errInjected
	}
	return c.Sessions.Save(ctx, chat, data, version, ttl)
}

// count is how many messages phone was sent that contain want.
func (h *harness) count(phone, want string) int {
	n := 0
	for _, m := range h.sim.Sent(phone, 0) {
		if strings.Contains(m.Text, want) {
			n++
		}
	}
	return n
}

// once waits until phone was sent want, then checks it was sent exactly once.
func (h *harness) once(phone, want string) {
	h.t.Helper()
	h.sentEver(phone, want)
	time.Sleep(300 * time.Millisecond) // a second copy would come within the retry's backoff
	if n := h.count(phone, want); n != 1 {
		h.t.Fatalf("%s was sent %q %d times, want once", phone, want, n)
	}
}

// TestEveryHandlerAppliesOnceAcrossACrash walks every kind of handler that changes
// something — staff moves, /lihat, /staf, batal, the questionnaire, a letter, filing,
// a resubmission — with a crash injected between its change and the record of its
// handling, and checks each change happened once and was answered once, as if
// nothing had happened.
func TestEveryHandlerAppliesOnceAcrossACrash(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	inbox := &crashInbox{DB: h.env.DB}
	sessions := &crashSessions{Sessions: store.Sessions{Redis: h.env.Redis, Prefix: h.env.Prefix}}
	h.inbox, h.sessions = inbox, sessions
	h.restart()
	admin, _, pimpinan, andi, _ := staffTeam(t, h)
	applicant := h.chat("6281234567801")
	ctx := context.Background()

	// Filing: the request is committed, the session covering "kirim" is not.
	toLetterStep(applicant)
	// A letter: stored, and the session naming it not saved.
	sessions.failSaves.Store(1)
	applicant.send(sim.Inbound{Document: letter()})
	sessions.failSaves.Store(1)
	ref := fmt.Sprintf("ZM-%d-0001", thisYear())
	applicant.say("kirim", ref)
	h.once(applicant.phone, "dengan nomor *"+ref+"*")
	h.once(admin.phone, "Permohonan baru")
	if n := countRows(t, h, `SELECT count(*) FROM letters`); n != 1 {
		t.Fatalf("%d letters stored, want 1", n)
	}

	// Each failure is armed once every mark before it is made (waitMarked): armed
	// earlier, it would hit the mark of the message before.
	staffStep := func(c *chat, command, answer string) {
		t.Helper()
		waitMarked(t, h)
		inbox.failMarks.Store(1)
		c.command(command, answer)
		h.once(c.phone, answer)
		if inbox.failMarks.Load() > 0 {
			t.Fatalf("%q: the injected crash never happened", command)
		}
		if n := h.count(c.phone, "sudah berstatus"); n != 0 {
			t.Fatalf("%q was applied twice: %s was told it had happened already", command, c.phone)
		}
	}
	staffStep(admin, "/verifikasi "+ref+" surat lengkap", "sekarang: terverifikasi")
	h.once(applicant.phone, "sudah diverifikasi")
	h.once(pimpinan.phone, "menunggu disposisi")

	before := len(h.sim.Sent(admin.phone, 0))
	waitMarked(t, h)
	inbox.failMarks.Store(1)
	admin.command("/lihat "+ref, "Riwayat")
	h.sentEver(admin.phone, "Surat permohonan "+ref) // before or after the answer: it goes through the outbox
	time.Sleep(300 * time.Millisecond)
	docs := 0
	for _, m := range h.sim.Sent(admin.phone, 0)[before:] {
		if m.Document != nil {
			docs++
		}
	}
	if docs != 1 {
		t.Fatalf("/lihat sent the letter %d times, want once", docs)
	}

	staffStep(pimpinan, "/disposisi "+ref+" Andi Pratama mohon segera", "sekarang: didisposisikan")
	h.once(andi.phone, "Disposisi dari")
	staffStep(andi, "/selesai "+ref+" lisensi aktif", "sekarang: selesai")
	h.once(applicant.phone, "sudah selesai")

	// The questionnaire: each answer committed, the session not saved.
	applicant.await("Kuesioner layanan")
	for _, step := range []struct{ answer, next string }{
		{"5", "mudah"}, {"4", "puas"}, {"3", "saran"}, {"mantap", "Terima kasih atas penilaian"},
	} {
		sessions.failSaves.Store(1)
		applicant.say(step.answer, step.next)
	}
	var speed, ease, satisfaction int
	var comment string
	if err := h.env.DB.Pool.QueryRow(ctx, `SELECT speed, ease, satisfaction, comment FROM questionnaires`).Scan(&speed, &ease, &satisfaction, &comment); err != nil {
		t.Fatal(err)
	}
	if speed != 5 || ease != 4 || satisfaction != 3 || comment != "mantap" {
		t.Fatalf("questionnaire = %d %d %d %q, want 5 4 3 \"mantap\"", speed, ease, satisfaction, comment)
	}

	staffStep(pimpinan, "/staf tambah 081100000009 staf Sari Dewi", "sekarang berperan staf")
	staffStep(pimpinan, "/staf hapus 081100000009", "peran dicabut")

	// An applicant's cancellation.
	second := fileZoom(t, applicant, 2)
	waitMarked(t, h)
	inbox.failMarks.Store(1)
	applicant.command("batal "+second, "sudah dibatalkan")
	h.once(applicant.phone, "*"+second+"* sudah dibatalkan")
	if n := h.count(applicant.phone, "tidak dapat dibatalkan"); n != 0 {
		t.Fatal("the cancellation was applied twice")
	}

	// A resubmission after a revision.
	third := fileZoom(t, applicant, 3)
	staffStep(admin, "/revisi "+third+" stempel tidak terbaca", "sekarang: perlu revisi")
	applicant.command("perbaiki "+third, "dibuka kembali", "Langkah 11 dari 11")
	sessions.failSaves.Store(1)
	applicant.send(sim.Inbound{Document: letter()})
	sessions.failSaves.Store(1)
	applicant.command("kirim", "Perbaikan permohonan *"+third+"*")
	h.once(applicant.phone, "Perbaikan permohonan *"+third+"*")
	if n := h.count(applicant.phone, "tidak lagi menunggu perbaikan"); n != 0 {
		t.Fatal("the resubmission was applied twice")
	}
	h.once(admin.phone, "Permohonan diperbaiki pemohon")
	if n := countRows(t, h, `SELECT count(*) FROM letters`); n != 4 {
		t.Fatalf("%d letters stored, want 4 (one per request, one corrected)", n)
	}
	if n := countRows(t, h, `SELECT count(*) FROM request_events WHERE from_status = 'revision'`); n != 1 {
		t.Fatalf("%d resubmission events, want 1", n)
	}
}

func countRows(t *testing.T, h *harness, query string) int {
	t.Helper()
	var n int
	if err := h.env.DB.Pool.QueryRow(context.Background(), query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
