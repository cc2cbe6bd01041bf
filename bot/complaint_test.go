package bot_test

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/uns-dtik/loket/bot/sim"
)

// screenshot is a 1×1 PNG, sent as a WhatsApp photo.
func screenshot() *sim.File {
	data, _ := base64.StdEncoding.DecodeString("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
	return &sim.File{MimeType: "image/png", Data: data}
}

// TestComplaintAnsweredAndClosed: a complaint about one's own request, with a
// screenshot, is announced to the admins with the screenshot; the admin answers it
// with /tanggapi (the applicant reads the answer) and closes it with /selesai; it
// shows in /antrian, /cari, /statistik and the applicant's status, and commands of
// the request lifecycle are told they do not apply.
func TestComplaintAnsweredAndClosed(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, pimpinan, andi, _ := staffTeam(t, h)
	applicant := h.chat("6281234567890")
	zoom := fileZoom(t, applicant, 1)
	admin.await("Permohonan baru")
	kl := fmt.Sprintf("KL-%d-0001", thisYear())

	applicant.say("keluhan", "Keluhan layanan", "Langkah 1 dari 3")
	applicant.say(zoom, "Langkah 2 dari 3")
	applicant.say("Undangan lisensi belum masuk ke email saya sejak kemarin.", "Langkah 3 dari 3", "*lewati*")
	got := applicant.send(sim.Inbound{Image: screenshot()})
	expect(t, "screenshot", got, "tangkapan-layar.png", "Ringkasan")
	applicant.say("kirim", kl)

	note := admin.await("Keluhan baru")
	expect(t, "admin notification", note.Text, kl, zoom, "Undangan lisensi belum masuk", "/tanggapi", "Lampiran: tangkapan-layar.png")
	if note.Document == nil || note.Document.MimeType != "image/png" || note.Document.FileName != kl+"-lampiran.png" {
		t.Fatalf("admin notification's file: %+v", note.Document)
	}
	if got := pimpinan.h.sim.Sent(pimpinan.phone, 0); len(got) != 0 {
		t.Fatalf("the pimpinan was told of a complaint: %q", got[0].Text)
	}

	admin.command("/antrian", kl, "Keluhan layanan", "diajukan")
	admin.command("/cari "+kl, kl, "Keluhan layanan")
	admin.command("/statistik", "Keluhan layanan", "menunggu tanggapan admin")
	applicant.say("status", kl, "menunggu tanggapan admin")

	admin.command("/verifikasi "+kl, "Perintah /verifikasi tidak berlaku untuk "+kl, "/tanggapi")
	admin.command("/selesai "+kl, "masih berstatus *diajukan*", "ditanggapi admin")
	admin.command("/tanggapi "+kl, "Tulis tanggapan untuk pemohon")
	andi.command("/tanggapi "+kl+" sudah", "Hanya admin yang dapat menanggapi keluhan")
	admin.command("/tanggapi "+kl+" Undangan sudah kami kirim ulang, mohon cek folder spam.", "sekarang: ditanggapi")
	applicant.await("Tanggapan DTIK atas keluhan", "Undangan sudah kami kirim ulang")
	applicant.say("status "+kl, "Sudah ditanggapi", "ditanggapi oleh admin DTIK: Undangan sudah kami kirim ulang")

	admin.command("/antrian", kl, "ditanggapi")
	admin.command("/selesai "+kl+" sudah diterima pemohon", "sekarang: selesai")
	closed := applicant.await("sudah ditutup")
	expect(t, "closed", closed.Text, kl, "sudah diterima pemohon")
	// Closing a complaint delivers no service: no questionnaire follows.
	applicant.quiet(500_000_000)
	if got := applicant.say("status", kl); !strings.Contains(got, "Selesai") {
		t.Fatalf("status after closing:\n%s", got)
	}
	if got := admin.command("/antrian", zoom); strings.Contains(got, kl) {
		t.Fatalf("a closed complaint is still queued:\n%s", got)
	}
}

// TestComplaintInEnglish: the applicant's side of a complaint in English, the
// screenshot skipped; the admin's answer reaches them in English.
func TestComplaintInEnglish(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, _, _, _ := staffTeam(t, h)
	applicant := h.chat("6281234567891")
	kl := fmt.Sprintf("KL-%d-0001", thisYear())
	applicant.say("english")
	applicant.say("complaint", "Complaint", "Step 1 of 3")
	applicant.say("3", "Step 2 of 3")
	applicant.say("Webmail shows an error when I log in.", "Step 3 of 3")
	applicant.say("skip", "(skipped)", "Summary")
	applicant.say("submit", kl)
	note := admin.await("Keluhan baru")
	if note.Document != nil {
		t.Fatalf("a complaint without a screenshot came with a file: %+v", note.Document)
	}
	admin.command("/answer "+kl+" Please clear your browser's cookies.", "sekarang: ditanggapi")
	applicant.await("DTIK's answer to your complaint", "clear your browser's cookies")
	applicant.say("status", kl, "Answered by DTIK")
}

// TestComplaintPDFIsCheckedLikeALetter: a complaint's PDF goes to the admins as it
// came, so it is checked as a letter is: one with JavaScript is refused with its own
// answer (the admins never receive it) however it is sent, the step stays, a broken
// one is refused too, and a plain PDF is then taken and forwarded, named as the
// complaint's attachment (not as a request letter).
func TestComplaintPDFIsCheckedLikeALetter(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, _, _, _ := staffTeam(t, h)
	applicant := h.chat("6281234567893")
	kl := fmt.Sprintf("KL-%d-0001", thisYear())

	applicant.say("keluhan", "Keluhan layanan", "Langkah 1 dari 3")
	applicant.say("3", "Langkah 2 dari 3")
	applicant.say("Halaman webmail menampilkan pesan error sejak pagi.", "Langkah 3 dari 3")
	js := sim.AssemblePDF("<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
	got := applicant.send(sim.Inbound{Document: &sim.File{FileName: "error.pdf", MimeType: "application/pdf", Data: js}})
	expect(t, "JavaScript", got, "error.pdf", "konten aktif", "*lewati*")
	// Checked by what its bytes are, not by what the app says it is: sent as a photo,
	// or as a file named and typed as a picture.
	got = applicant.send(sim.Inbound{Image: &sim.File{MimeType: "image/jpeg", Data: js}})
	expect(t, "JavaScript as a photo", got, "konten aktif")
	got = applicant.send(sim.Inbound{Document: &sim.File{FileName: "layar.jpg", MimeType: "image/jpeg", Data: js}})
	expect(t, "JavaScript named as a picture", got, "lampiran.pdf", "konten aktif")
	got = applicant.send(sim.Inbound{Document: &sim.File{FileName: "error.pdf", MimeType: "application/pdf", Data: selfIndexedPDF()}})
	expect(t, "unreadable", got, "error.pdf", "tidak dapat kami baca", "*lewati*")
	applicant.say("english")
	got = applicant.send(sim.Inbound{Document: &sim.File{FileName: "error.pdf", MimeType: "application/pdf", Data: js}})
	expect(t, "JavaScript, in English", got, "error.pdf", "active content", "*skip*")
	applicant.say("indonesia")
	got = applicant.send(sim.Inbound{Document: &sim.File{FileName: "error.pdf", MimeType: "application/pdf", Data: sim.SamplePDF(1, "Pesan error webmail")}})
	expect(t, "plain PDF", got, "✓ Tangkapan layar / file: error.pdf", "Ringkasan")
	applicant.say("kirim", kl)
	note := admin.await("Keluhan baru")
	expect(t, "admin notification", note.Text, kl, "Lampiran: error.pdf")
	if note.Document == nil || note.Document.MimeType != "application/pdf" || note.Document.FileName != kl+"-lampiran.pdf" ||
		note.Document.Size != len(sim.SamplePDF(1, "Pesan error webmail")) {
		t.Fatalf("admin notification's file: %+v", note.Document)
	}
	// /lihat sends the file again, as the complaint's attachment, not as a letter.
	admin.command("/lihat "+kl, kl)
	again := admin.await("Lampiran " + kl)
	if again.Document == nil || again.Document.FileName != kl+"-lampiran.pdf" || strings.Contains(again.Text, "Surat") {
		t.Fatalf("/lihat's file: %q %+v", again.Text, again.Document)
	}
}
