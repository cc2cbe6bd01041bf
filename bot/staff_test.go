package bot_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot"
	"github.com/uns-dtik/loket/bot/sim"
)

// staffTeam registers DTIK's staff for a test and returns a chat for each.
func staffTeam(t *testing.T, h *harness) (admin, admin2, pimpinan, andi, andiW *chat) {
	t.Helper()
	ctx := context.Background()
	for _, s := range []struct {
		phone string
		role  loket.Role
		name  string
	}{
		{"+6281100000001", loket.RoleAdmin, "Rina Wulandari"},
		{"+6281100000005", loket.RoleAdmin, "Dewi Lestari"},
		{"+6281100000002", loket.RolePimpinan, "Ary Setyawan"},
		{"+6281100000003", loket.RoleStaf, "Andi Pratama"},
		{"+6281100000004", loket.RoleStaf, "Andi Wijaya"},
	} {
		if err := h.env.DB.AddStaff(ctx, s.phone, s.role, s.name, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	return h.chat("6281100000001"), h.chat("6281100000005"), h.chat("6281100000002"), h.chat("6281100000003"), h.chat("6281100000004")
}

// toLetterStep answers a ZM dialog for c up to the letter, its last step.
func toLetterStep(c *chat) {
	c.h.t.Helper()
	for _, text := range []string{"1", "ya", "Dr. Budi Santoso, S.T., M.Eng.", "19860926 201505 1 001", "6",
		"budi.santoso@staff.uns.ac.id", "Seminar Nasional Teknologi Informasi 2026", "besok", "lusa", "500"} {
		c.send(sim.Inbound{Text: text})
	}
	c.say("ya", "Langkah 11 dari 11")
}

// fileZoom files a complete ZM request for c and returns its reference.
func fileZoom(t *testing.T, c *chat, n int) string {
	t.Helper()
	toLetterStep(c)
	c.send(sim.Inbound{Document: letter()})
	ref := fmt.Sprintf("ZM-%d-%04d", thisYear(), n)
	c.say("kirim", ref)
	return ref
}

// TestStaffMoveARequestToDone walks SOP#18's "Detail Proses Pelayanan" by chat: the
// admin verifies (by quoting the notification), the pimpinan dispositions, the staff
// member finishes, and the applicant is told at every step.
func TestStaffMoveARequestToDone(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, pimpinan, andi, andiW := staffTeam(t, h)
	applicant := h.chat("6281234567890")
	ref := fileZoom(t, applicant, 1)

	note := admin.await("Permohonan baru")
	if note.Document == nil || note.Document.MimeType != "application/pdf" || !strings.Contains(note.Text, "/verifikasi") {
		t.Fatalf("admin notification: %+v", note)
	}

	// The queue names the applicant as the form does, not by the WhatsApp display name.
	admin.command("/antrian", ref, "Dr. Budi Santoso, S.T., M.Eng.")

	// A /command from an applicant gets the applicant's help, nothing else.
	applicant.command("/verifikasi "+ref, "Bantuan")
	andi.command("/verifikasi "+ref, "Hanya admin")
	pimpinan.command("/disposisi "+ref+" Andi", "masih berstatus *diajukan*", "setelah permohonan diverifikasi admin")

	got := admin.send(sim.Inbound{Text: "/verifikasi surat lengkap", QuotedID: note.ID})
	expect(t, "/verifikasi (quoted)", got, ref, "terverifikasi")
	admin.command("/verifikasi "+ref, "sudah berstatus *terverifikasi*", "oleh Rina Wulandari")
	applicant.await("sudah diverifikasi admin")
	forPimpinan := pimpinan.await("menunggu disposisi")
	expect(t, "pimpinan notification", forPimpinan.Text, ref, "surat lengkap", "/disposisi")

	pimpinan.command("/disposisi "+ref+" Andi", "cocok dengan beberapa staf", "Andi Pratama", "Andi Wijaya")
	got = pimpinan.send(sim.Inbound{Text: "/disposisi Andi Pratama mohon diproses hari ini", QuotedID: forPimpinan.ID})
	expect(t, "/disposisi", got, ref, "didisposisikan")
	task := andi.await("Disposisi dari Ary Setyawan")
	expect(t, "staff notification", task.Text, "mohon diproses hari ini", "/selesai", "budi.santoso@staff.uns.ac.id")
	applicant.await("sedang dikerjakan")

	andiW.command("/selesai "+ref, "tidak didisposisikan kepada Anda")
	andi.command("/selesai "+ref+" lisensi aktif sampai akhir acara", "sekarang: selesai")
	result := applicant.await("sudah selesai")
	expect(t, "result", result.Text, "budi.santoso@staff.uns.ac.id", "invitation", "lisensi aktif sampai akhir acara")
	applicant.await("Kuesioner layanan* (1/4)")

	// The questionnaire (SOP rule 5): bad answers are re-asked, other use suspends it.
	applicant.command("7", "angka 1 sampai 5", "(1/4)")
	applicant.command("bagus sekali", "angka 1 sampai 5")
	applicant.command("5", "(2/4)", "mudah")
	got = applicant.command("status "+ref, "Riwayat", "Selesai", "diverifikasi oleh admin DTIK", "didisposisikan oleh pimpinan DTIK",
		"diselesaikan oleh staf DTIK", "belum selesai", "(2/4)")
	if strings.Contains(got, "Rina") || strings.Contains(got, "Andi") {
		t.Fatalf("the applicant's timeline names staff members:\n%s", got)
	}
	// The admin's remark and the pimpinan's word to Andi are said among staff; the
	// note on finishing is the applicant's.
	if strings.Contains(got, "surat lengkap") || strings.Contains(got, "mohon diproses hari ini") ||
		!strings.Contains(got, "lisensi aktif sampai akhir acara") {
		t.Fatalf("the applicant's timeline shows the notes meant for staff, or not the one meant for them:\n%s", got)
	}
	applicant.command("4", "(3/4)")
	applicant.command("5", "(4/4)")
	applicant.command("Pelayanan cepat, terima kasih", "Terima kasih atas penilaian")
	applicant.command("status", ref)
	if got := applicant.command("menu", "1. Lisensi Zoom"); strings.Contains(got, "Kuesioner") {
		t.Fatalf("an answered questionnaire is still asked:\n%s", got)
	}

	admin.command("/antrian", "kosong")
	got = admin.command("/lihat "+ref, "Status: *selesai*", "Riwayat", "diverifikasi oleh Rina Wulandari (admin): surat lengkap", "kepada Andi Pratama",
		"mohon diproses hari ini") // staff read every note
	// The letter comes through the outbox, so it may arrive before or after the text.
	if shown := h.sentEver(admin.phone, "Surat permohonan "+ref); shown.Document == nil {
		t.Fatalf("/lihat did not send the letter again: %+v (after %q)", shown, got)
	}
	if help := andi.command("/bantuan", "/selesai"); strings.Contains(help, "/disposisi") {
		t.Fatalf("a staf member is offered pimpinan commands:\n%s", help)
	}
	admin.command("/tolak "+ref, "Alasan penolakan wajib")
	admin.command("/lihat ZM-2026-9999", "tidak ditemukan")
	admin.command("/frobnicate", "tidak dikenal")
	admin.command("/cari budi.santoso@staff", "Hasil pencarian", ref)
	admin.command("/search tidak-ada-yang-cocok", "Tidak ada permohonan")
	admin.command("/statistik", "Statistik Loket", "selesai: 1", "Median waktu per tahap", "Kuesioner* (1 dijawab)", "kepuasan 5.0")
	admin.command("/revisi "+ref+" stempel buram", "sudah berstatus *selesai*")

	// Staff management from chat is the pimpinan's.
	admin.command("/staf tambah 081100000009 staf Budi Baru", "Hanya pimpinan")
	pimpinan.command("/staf tambah 081100000009 staf Budi Baru", "Budi Baru (+6281100000009) sekarang berperan staf")
	pimpinan.command("/staf tambah 081100000009 boss Budi", "Format: /staf tambah")
	pimpinan.command("/staf", "Staf Loket", "Budi Baru — +6281100000009 — staf", "Rina Wulandari — +6281100000001 — admin")
	pimpinan.command("/staf hapus 6281100000009", "1 peran dicabut")
	pimpinan.command("/staf hapus 6281100000009", "tidak memegang peran itu")
	pimpinan.command("/staf hapus 6281100000001 bos", "Format: /staf hapus")
	pimpinan.command("/staf hapus 6281100000002", "satu-satunya pimpinan")
	pimpinan.command("/staf hapus 6281100000002 pimpinan", "satu-satunya pimpinan")
	pimpinan.command("/staf tambah 6281100000001 pimpinan Rina Wulandari", "sekarang berperan pimpinan")
	pimpinan.command("/staf hapus 6281100000001 pimpinan", "1 peran dicabut")
	h.chat("6281100000009").command("/antrian", "Bantuan") // no longer staff: the applicant's help
}

// TestTwoAdminsVerifyAtOnce: exactly one wins; the other is told who did it.
func TestTwoAdminsVerifyAtOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, admin2, _, _, _ := staffTeam(t, h)
	ref := fileZoom(t, h.chat("6281234567891"), 1)

	var wg sync.WaitGroup
	for _, c := range []*chat{admin, admin2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := h.sim.Send(sim.Inbound{From: c.phone, Text: "/verifikasi " + ref}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	var answers []string
	for _, c := range []*chat{admin, admin2} {
		answers = append(answers, c.await("sekarang: terverifikasi", "sudah berstatus").Text)
	}
	won := 0
	for _, a := range answers {
		if strings.Contains(a, "sekarang: terverifikasi") {
			won++
		} else if !strings.Contains(a, "sudah berstatus *terverifikasi*") {
			t.Fatalf("unexpected answer: %q", a)
		}
	}
	if won != 1 {
		t.Fatalf("%d admins won the race, want exactly 1: %q", won, answers)
	}
}

// TestApplicantCancels: an applicant withdraws their own request before it is
// dispositioned; the holder is told; someone else's reference is "not found"; after
// the disposition it is too late.
func TestApplicantCancels(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, pimpinan, _, _ := staffTeam(t, h)
	applicant := h.chat("6281234567892")
	first := fileZoom(t, applicant, 1)
	second := fileZoom(t, applicant, 2)

	h.chat("6289999999999").say("batal "+first, "tidak ditemukan")
	admin.command("/verifikasi "+first, "sekarang: terverifikasi")
	applicant.command("batal "+strings.ToLower(first), "sudah dibatalkan")
	pimpinan.await(first + "* dibatalkan oleh pemohon")
	applicant.command("status "+first, "Dibatalkan")
	pimpinan.command("/disposisi "+first+" Andi Pratama", "sudah berstatus *dibatalkan*")

	admin.command("/verifikasi "+second, "sekarang: terverifikasi")
	pimpinan.command("/disposisi "+second+" 081100000003", "sekarang: didisposisikan")
	applicant.await("sedang dikerjakan")
	applicant.command("batal "+second, "tidak dapat dibatalkan")
}

// TestRevisionRoundTrip: the admin asks for a correction; the applicant reopens the
// request, sends a new letter and resubmits under the same reference; the admins are
// told and can verify it.
func TestRevisionRoundTrip(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, _, andi, _ := staffTeam(t, h)
	applicant := h.chat("6281234567893")
	ref := fileZoom(t, applicant, 1)

	andi.command("/revisi "+ref+" stempel tidak terbaca", "Hanya admin")
	admin.command("/revisi "+ref, "Tulis apa yang perlu diperbaiki")
	admin.command("/revisi "+ref+" stempel tidak terbaca", "sekarang: perlu revisi")
	told := applicant.await("perlu diperbaiki")
	expect(t, "revision notice", told.Text, "stempel tidak terbaca", "perbaiki "+ref)

	// The note names the stamp, so the dialog reopens on the letter.
	applicant.command("perbaiki "+ref, "dibuka kembali", "stempel tidak terbaca", "11. Surat permohonan (PDF)", "Langkah 11 dari 11")
	if got := applicant.send(sim.Inbound{Document: &sim.File{FileName: "surat-baru.pdf", MimeType: "application/pdf", Data: sim.SampleLetterPDF()}}); !strings.Contains(got, "Ringkasan permohonan") || !strings.Contains(got, "surat-baru.pdf") {
		t.Fatalf("new letter: %q", got)
	}
	applicant.command("ubah 5", "Langkah 5 dari 11", "budi.santoso@staff.uns.ac.id")
	applicant.command("budi.s@staff.uns.ac.id", "Ringkasan permohonan", "5. Email penerima lisensi: budi.s@staff.uns.ac.id")
	applicant.command("kirim", "Perbaikan permohonan *"+ref+"*")
	corrected := admin.await("Permohonan diperbaiki pemohon")
	// Staff get the letter named by the reference; the summary names the new file.
	if corrected.Document == nil || corrected.Document.FileName != ref+"-surat.pdf" || !strings.Contains(corrected.Text, "Surat: surat-baru.pdf") {
		t.Fatalf("the admins did not get the new letter: %+v", corrected.Document)
	}
	applicant.command("status "+ref, "Riwayat", "menunggu verifikasi admin", "diajukan ulang oleh pemohon", "dikembalikan untuk perbaikan oleh admin DTIK", "budi.s@staff.uns.ac.id")
	applicant.command("perbaiki "+ref, "tidak sedang menunggu perbaikan")
	admin.command("/verifikasi "+ref, "sekarang: terverifikasi")
}

// TestEmailRequestToDone: the SOP#6 path ends with the account's result.
func TestEmailRequestToDone(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, pimpinan, andi, _ := staffTeam(t, h)
	applicant := h.chat("6281234567896")
	for _, text := range []string{"2", "ya", "semnas-ti2026", "Seminar Nasional Teknologi Informasi 2026", "13",
		"Korespondensi panitia dan pendaftaran peserta", "Dr. Siti Aminah, M.Kom.", "19860926 201505 2 001", "ya",
		"siti.aminah@staff.uns.ac.id", "ya"} {
		applicant.send(sim.Inbound{Text: text})
	}
	applicant.send(sim.Inbound{Document: letter()})
	ref := fmt.Sprintf("EM-%d-0001", thisYear())
	applicant.say("kirim", ref)
	admin.command("/verifikasi "+ref, "sekarang: terverifikasi")
	pimpinan.command("/disposisi "+ref+" Andi Pratama", "sekarang: didisposisikan")
	andi.await("Disposisi dari")
	andi.command("/selesai "+ref+" sandi awal dikirim ke email PIC", "sekarang: selesai")
	done := applicant.await("sudah selesai")
	expect(t, "result", done.Text, "semnas-ti2026@mail.uns.ac.id", "sudah aktif", "siti.aminah@staff.uns.ac.id", "sandi awal dikirim")
	applicant.await("Kuesioner layanan* (1/4)")

	// The questionnaire never blocks a new request: after "menu" a number is a menu
	// choice, and a service's name starts it even while a rating is expected.
	if got := applicant.command("menu", "1. Lisensi Zoom", "kami tanyakan lagi nanti"); strings.Contains(got, "(1/4)") {
		t.Fatalf("the menu asks the questionnaire, so the next number would be a rating:\n%s", got)
	}
	applicant.command("1", "Langkah 1 dari 11")
	applicant.command("batal", "Yakin membatalkan")
	applicant.command("ya", "sudah dibatalkan", "Kuesioner layanan* (1/4)")
	applicant.command("zoom", "Langkah 1 dari 11")
	applicant.command("batal", "Yakin membatalkan")
	applicant.command("ya", "sudah dibatalkan", "(1/4)")
	applicant.command("4", "(2/4)")
	applicant.command("5", "(3/4)")
	applicant.command("5", "(4/4)", "lewati")
	applicant.command("lewati", "Terima kasih atas penilaian")
	pimpinan.command("/statistik", "Kuesioner* (1 dijawab)", "kecepatan 4.0 · kemudahan 5.0 · kepuasan 5.0")
}

// TestRejection: a pimpinan rejects a verified request with a reason; the applicant is
// told why, and nobody can move it afterwards.
func TestRejection(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, pimpinan, _, _ := staffTeam(t, h)
	applicant := h.chat("6281234567897")
	ref := fileZoom(t, applicant, 1)
	admin.command("/verifikasi "+ref, "sekarang: terverifikasi")
	pimpinan.command("/reject "+ref+" kegiatan komersial, bukan kegiatan resmi UNS", "sekarang: ditolak")
	told := applicant.await("ditolak")
	expect(t, "rejection", told.Text, ref, "kegiatan komersial, bukan kegiatan resmi UNS")
	applicant.command("status "+ref, "Riwayat", "Ditolak", "kegiatan komersial")
	pimpinan.command("/disposisi "+ref+" Andi Pratama", "sudah berstatus *ditolak*", "Ary Setyawan")
	applicant.command("batal "+ref, "tidak dapat dibatalkan")
}

// TestStaffRecognisedByLIDAlone: a staff member whose message comes with a LID and no
// number at all is still staff once the LID is recorded (the runtime resolves every
// staff number's LID with WhatsApp and keeps it in PostgreSQL); never by display
// name. Before, the same message is an applicant's.
func TestStaffRecognisedByLIDAlone(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.tune = func(b *bot.Bot) { b.LIDs = &bot.Runtime{Bot: b, Store: h.env.DB} }
	h.restart()
	admin, _, _, _, _ := staffTeam(t, h)
	ref := fileZoom(t, h.chat("6281234567897"), 1)
	admin.await("Permohonan baru")

	admin.lid, admin.hidePhone, admin.name = true, true, "Rina Wulandari"
	admin.say("/lihat "+ref, "*Bantuan*") // an unknown LID is an applicant, shown the help
	if err := h.env.DB.SaveStaffLIDs(context.Background(), map[string]string{"99" + admin.phone: "+" + admin.phone}); err != nil {
		t.Fatal(err)
	}
	admin.command("/lihat "+ref, "Riwayat", ref) // the letter, by the outbox, may come first
}

// TestStaffAddedLaterAreToldWhatWaits: a request filed before any admin exists was
// announced to nobody; the admin added afterwards by /staf tambah is told of it in one
// message, with the /antrian hint, and so is a pimpinan added once it is verified.
func TestStaffAddedLaterAreToldWhatWaits(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	if err := h.env.DB.AddStaff(context.Background(), "+6281100000002", loket.RolePimpinan, "Ary Setyawan", nil, nil); err != nil {
		t.Fatal(err)
	}
	pimpinan := h.chat("6281100000002")
	ref := fileZoom(t, h.chat("6281234567890"), 1)

	pimpinan.command("/staf tambah 081100000001 admin Rina Wulandari", "sekarang berperan admin")
	rina := h.chat("6281100000001")
	welcome := rina.await("Selamat datang").Text
	expect(t, "/staf tambah (admin)", welcome, "Rina Wulandari", "berperan *admin*", ref, "Dr. Budi Santoso", "/antrian")
	rina.command("/verifikasi "+ref, "sekarang: terverifikasi")
	pimpinan.await("menunggu disposisi", ref)

	pimpinan.command("/staf tambah 081100000006 pimpinan Dewi Lestari", "sekarang berperan pimpinan")
	welcome = h.chat("6281100000006").await("Selamat datang").Text
	expect(t, "/staf tambah (pimpinan)", welcome, "Dewi Lestari", "berperan *pimpinan*", ref, "terverifikasi", "/antrian")
}

// TestRevisionKeepingTheLetter: a correction that changes an answer and keeps the
// letter the request was filed with is resubmitted with that letter (it was refused
// as "the letter is no longer kept": linking took only a letter no request had).
func TestRevisionKeepingTheLetter(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, _, _, _ := staffTeam(t, h)
	applicant := h.chat("6281234567894")
	ref := fileZoom(t, applicant, 1)
	admin.command("/revisi "+ref+" mohon perbaiki jumlah peserta", "sekarang: perlu revisi")
	applicant.await("perlu diperbaiki")
	// The note names the number of participants: the dialog reopens on it.
	applicant.command("perbaiki "+ref, "dibuka kembali", "Langkah 9 dari 11")
	applicant.command("700", "Ringkasan permohonan", "9. Jumlah peserta: 700")
	applicant.command("kirim", "Perbaikan permohonan *"+ref+"*")
	corrected := admin.await("Permohonan diperbaiki pemohon")
	if corrected.Document == nil || corrected.Document.FileName != ref+"-surat.pdf" {
		t.Fatalf("the admins did not get the letter the request was filed with: %+v", corrected.Document)
	}
}

// TestCorrectionDoesNotFillItsOwnDays: while a request sent back for revision is
// corrected, the licence notice counts only the requests filed before it, as filing
// does; its own days are not "taken" by itself.
func TestCorrectionDoesNotFillItsOwnDays(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, _, _, _ := staffTeam(t, h)
	first, second := h.chat("6281234567897"), h.chat("6281234567898")
	ref := fileZoom(t, first, 1) // besok–lusa
	fileZoom(t, second, 2)       // besok–lusa: besok now holds both licences
	admin.command("/revisi "+ref+" mohon perbaiki tanggal akhir penggunaan lisensi", "sekarang: perlu revisi")
	first.await("perlu diperbaiki")
	first.command("perbaiki "+ref, "dibuka kembali", "Langkah 8 dari 11")
	if got := first.send(sim.Inbound{Text: "lusa"}); strings.Contains(got, "sudah terpakai") {
		t.Fatalf("the correction's own request filled its days:\n%s", got)
	}
}
