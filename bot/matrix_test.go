package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
)

// requestIn files a ZM request for applicant straight into the store and moves it on
// to status, the way staff would have: the matrix below needs many requests, each in
// the state its command applies to, and typing each through the dialog adds nothing
// the end-to-end tests do not already show.
func requestIn(t *testing.T, h *harness, applicant *chat, status loket.Status, n int) string {
	t.Helper()
	ctx := context.Background()
	now := time.Now()
	r, err := h.env.DB.FileRequest(ctx, loket.NewRequest{
		DraftID: fmt.Sprintf("matrix-%d", n), Service: "ZM", Chat: applicant.phone, Phone: "+" + applicant.phone,
		Name: applicant.name, Lang: loket.Indonesian,
		Fields: []loket.Field{{Key: "name", Value: "Dr. Budi Santoso"}, {Key: "event", Value: "Semnas Matriks"}},
	}, now, nil)
	if err != nil {
		t.Fatal(err)
	}
	path := map[loket.Status][]loket.Status{
		loket.StatusSubmitted: nil,
		loket.StatusVerified:  {loket.StatusVerified},
		loket.StatusDisposed:  {loket.StatusVerified, loket.StatusDisposed},
	}[status]
	from := loket.StatusSubmitted
	for _, to := range path {
		m := loket.Move{RequestID: r.ID, From: from, To: to, Actor: "+6281100000002", Role: "pimpinan", At: now}
		if to == loket.StatusDisposed {
			m.Assignee = "+6281100000003" // Andi Pratama
		}
		if err := h.env.DB.MoveRequest(ctx, m); err != nil {
			t.Fatal(err)
		}
		from = to
	}
	return r.Ref
}

// TestEveryCommandFromEveryRole is the authorisation matrix, through the simulator:
// every staff command from an admin, a pimpinan, the assigned staff member, another
// staff member and a non-staff number, each on a request in the state the command
// applies to, so the answer depends on the sender alone.
func TestEveryCommandFromEveryRole(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, pimpinan, andi, andiW := staffTeam(t, h)
	outsider := h.chat("6285712340000")
	applicant := h.chat("6281234567890")
	senders := map[string]*chat{"admin": admin, "pimpinan": pimpinan, "staf": andi, "other staf": andiW, "non-staff": outsider}

	const (
		applicantHelp = "Perintah: *menu*"
		onlyAdmin     = "Hanya admin yang dapat memverifikasi"
	)
	type answers map[string]string // sender → what the answer contains
	cases := []struct {
		command string // REF is replaced by a fresh request's reference
		state   loket.Status
		want    answers
	}{
		{"/antrian", "", answers{"admin": "Antrian Anda", "pimpinan": "Antrian Anda", "staf": "Antrian Anda", "other staf": "Antrian Anda kosong", "non-staff": applicantHelp}},
		{"/queue", "", answers{"admin": "Antrian Anda", "non-staff": applicantHelp}},
		{"/lihat REF", loket.StatusSubmitted, answers{"admin": "Riwayat", "pimpinan": "Riwayat", "staf": "Riwayat", "other staf": "Riwayat", "non-staff": applicantHelp}},
		{"/verifikasi REF", loket.StatusSubmitted, answers{"admin": "sekarang: terverifikasi", "pimpinan": onlyAdmin, "staf": onlyAdmin, "other staf": onlyAdmin, "non-staff": applicantHelp}},
		{"/verify REF", loket.StatusVerified, answers{"admin": "sudah berstatus *terverifikasi*", "pimpinan": onlyAdmin}},
		{"/revisi REF stempel kabur", loket.StatusSubmitted, answers{"admin": "sekarang: perlu revisi", "pimpinan": "Hanya admin yang dapat meminta revisi", "staf": "Hanya admin yang dapat meminta revisi", "non-staff": applicantHelp}},
		{"/tolak REF bukan kegiatan UNS", loket.StatusSubmitted, answers{"admin": "sekarang: ditolak", "pimpinan": "sekarang: ditolak", "staf": "Hanya admin atau pimpinan", "non-staff": applicantHelp}},
		{"/tolak REF", loket.StatusSubmitted, answers{"admin": "Alasan penolakan wajib diisi", "pimpinan": "Alasan penolakan wajib diisi"}},
		{"/disposisi REF Andi Pratama", loket.StatusVerified, answers{"pimpinan": "sekarang: didisposisikan", "admin": "Hanya pimpinan yang dapat mendisposisikan", "staf": "Hanya pimpinan yang dapat mendisposisikan", "non-staff": applicantHelp}},
		// An admin who may never dispose is told so, not that the request is not yet verified.
		{"/disposisi REF Andi Pratama", loket.StatusSubmitted, answers{"admin": "Hanya pimpinan yang dapat mendisposisikan", "pimpinan": "masih berstatus *diajukan*; perintah ini baru berlaku setelah permohonan diverifikasi admin"}},
		// Staff without the role are told so before a missing reason or note.
		{"/tolak REF", loket.StatusSubmitted, answers{"staf": "Hanya admin atau pimpinan"}},
		{"/revisi REF", loket.StatusSubmitted, answers{"pimpinan": "Hanya admin yang dapat meminta revisi"}},
		{"/selesai REF", loket.StatusVerified, answers{"staf": "masih berstatus *terverifikasi*; perintah ini baru berlaku setelah permohonan didisposisikan pimpinan"}},
		{"/verifikasi REF", loket.StatusDisposed, answers{"admin": "sudah berstatus *didisposisikan* (oleh Ary Setyawan"}},
		{"/disposisi REF Andi", loket.StatusVerified, answers{"pimpinan": "cocok dengan beberapa staf"}},
		{"/selesai REF undangan terkirim", loket.StatusDisposed, answers{"staf": "sekarang: selesai", "pimpinan": "sekarang: selesai", "other staf": "tidak didisposisikan kepada Anda", "admin": "Hanya staf yang ditunjuk atau pimpinan", "non-staff": applicantHelp}},
		{"/cari matriks", "", answers{"admin": "Hasil pencarian", "pimpinan": "Hasil pencarian", "staf": "Hasil pencarian", "non-staff": applicantHelp}},
		{"/statistik", "", answers{"admin": "Statistik Loket", "pimpinan": "Statistik Loket", "staf": "Statistik Loket", "non-staff": applicantHelp}},
		{"/staf", "", answers{"pimpinan": "Staf Loket", "admin": "Hanya pimpinan yang dapat mengelola", "staf": "Hanya pimpinan yang dapat mengelola", "non-staff": applicantHelp}},
		{"/bantuan", "", answers{"admin": "/verifikasi ZM-2026-0007", "pimpinan": "/disposisi ZM-2026-0007", "staf": "/selesai ZM-2026-0007", "non-staff": applicantHelp}},
		// English aliases, in any case.
		{"/SHOW REF", loket.StatusSubmitted, answers{"admin": "Riwayat"}},
		{"/Revise REF stamp unreadable", loket.StatusSubmitted, answers{"admin": "sekarang: perlu revisi"}},
		{"/reject REF not a UNS event", loket.StatusSubmitted, answers{"pimpinan": "sekarang: ditolak"}},
		{"/assign REF Andi Pratama", loket.StatusVerified, answers{"pimpinan": "sekarang: didisposisikan"}},
		{"/done REF", loket.StatusDisposed, answers{"staf": "sekarang: selesai"}},
		{"/search matriks", "", answers{"staf": "Hasil pencarian"}},
		{"/stats", "", answers{"admin": "Statistik Loket"}},
		{"/staff", "", answers{"pimpinan": "Staf Loket"}},
		{"/Help", "", answers{"pimpinan": "/disposisi ZM-2026-0007"}},
		{"/frobnicate", "", answers{"admin": "tidak dikenal", "non-staff": applicantHelp}},
	}
	n := 0
	for _, c := range cases {
		for who, want := range c.want {
			text := c.command
			if c.state != "" {
				n++
				text = strings.Replace(text, "REF", requestIn(t, h, applicant, c.state, n), 1)
			}
			got := senders[who].command(text, want)
			if who == "non-staff" && strings.Contains(got, "/") {
				t.Errorf("%s from a non-staff number hints at staff commands:\n%s", text, got)
			}
		}
	}
	// Help lists only what the sender's roles allow.
	if got := andi.command("/bantuan", "/selesai"); strings.Contains(got, "/verifikasi") || strings.Contains(got, "/disposisi") {
		t.Errorf("a staf member's help lists commands of other roles:\n%s", got)
	}
}
