package bot_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot/sim"
)

func thisYear() int { return time.Now().In(loket.Jakarta).Year() }

var (
	wordFile  = &sim.File{FileName: "surat.docx", MimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Data: []byte("PK\x03\x04 not really a docx")}
	fakePDF   = &sim.File{FileName: "surat.pdf", MimeType: "application/pdf", Data: []byte("Halo, ini bukan PDF sungguhan.")}
	brokenPDF = &sim.File{FileName: "surat.pdf", MimeType: "application/pdf", Data: []byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer garbage")}
	hugePDF   = &sim.File{FileName: "surat.pdf", MimeType: "application/pdf", Data: []byte("%PDF-1.7 (declared huge)"), DeclaredSize: 25 << 20}
	photo     = &sim.File{MimeType: "image/jpeg", Data: []byte("\xff\xd8\xff\xe0 jpeg")}
)

func letter() *sim.File {
	return &sim.File{FileName: "surat-permohonan.pdf", MimeType: "application/pdf", Data: sim.SampleLetterPDF()}
}

// TestZoomRequestEndToEnd files a SOP#18 request through the simulator the way an
// applicant would, with wrong answers, kembali, ubah, a restart mid-dialog, a
// re-delivered message and every kind of bad letter.
func TestZoomRequestEndToEnd(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := h.chat("6281234567890")

	c.say("halo", "Selamat datang", "1. Lisensi Zoom Temporary", "2. Aktivasi Email Kegiatan", "status")
	c.say("1", "Langkah 1 dari 11", "kegiatan resmi")
	c.say("mungkin", "*ya* atau *tidak*")
	c.say("ya", "Langkah 2 dari 11", "Nama pemohon")
	c.say("Dr. Budi Santoso, S.T., M.Eng.", "Langkah 3 dari 11", "NIP pemohon")

	// A wrong NIP keeps the step; kembali goes back with the answer kept.
	got := c.say("12345")
	if strings.Contains(got, "Langkah 4") {
		t.Fatalf("a wrong NIP moved the dialog on:\n%s", got)
	}
	c.say("kembali", "Langkah 2 dari 11", "Jawaban sekarang: Dr. Budi Santoso, S.T., M.Eng.")
	c.say("Dr. Budi Santoso, S.T., M.Eng.", "Langkah 3 dari 11")
	c.say("19860926 201505 1 001", "19860926 201505 1 001", "Langkah 4 dari 11", "6. Fakultas Teknik")
	c.say("6", "Fakultas Teknik (FT)", "Langkah 5 dari 11")

	got = c.say("budi@gmail.com")
	if strings.Contains(got, "Langkah 6") {
		t.Fatalf("a gmail address was accepted:\n%s", got)
	}
	c.say("Budi.Santoso@staff.uns.ac.id", "budi.santoso@staff.uns.ac.id", "Langkah 6 dari 11")

	// Restart the bot mid-dialog: the draft resumes at the same step.
	h.restart()
	c.say("Seminar Nasional Teknologi Informasi 2026", "Langkah 7 dari 11")

	got = c.say("1 Januari 2020")
	if strings.Contains(got, "Langkah 8") {
		t.Fatalf("a past date was accepted:\n%s", got)
	}
	c.say("besok", "Langkah 8 dari 11", "Tanggal awal penggunaan lisensi: ")
	c.say("hari ini", "sebelum tanggal awal")
	c.say("lusa", "Langkah 9 dari 11")
	got = c.say("1.500")
	if strings.Contains(got, "Langkah 10") {
		t.Fatalf("1500 participants accepted:\n%s", got)
	}
	c.say("500 orang", "Jumlah peserta: 500", "Langkah 10 dari 11", "+6281234567890")

	// A re-delivered message (same WhatsApp ID) changes nothing.
	first := c.send(sim.Inbound{ID: "WA-DUP-1", Text: "ya"})
	expect(t, "ya", first, "Langkah 11 dari 11", "Surat permohonan (PDF)")
	if _, err := h.sim.Send(sim.Inbound{ID: "WA-DUP-1", From: c.phone, Text: "ya"}); err != nil {
		t.Fatal(err)
	}
	c.quiet(500 * time.Millisecond)

	// Every kind of bad letter gets its own answer and the step stays.
	expect(t, "text", c.say("ini suratnya"), "dokumen PDF")
	expect(t, "photo", c.send(sim.Inbound{Image: photo}), "sebagai foto")
	expect(t, "docx", c.send(sim.Inbound{Document: wordFile}), "dokumen Word")
	for name, f := range map[string]*sim.File{"fake pdf": fakePDF, "broken pdf": brokenPDF, "huge pdf": hugePDF} {
		got := c.send(sim.Inbound{Document: f})
		if strings.Contains(got, "Ringkasan") || !strings.Contains(got, "PDF") && !strings.Contains(got, "MB") {
			t.Fatalf("%s: the bot said %q", name, got)
		}
	}
	expect(t, "sticker", c.send(sim.Inbound{Kind: "sticker"}), "dokumen PDF")

	sum := c.send(sim.Inbound{Document: letter()})
	expect(t, "letter", sum, "Ringkasan permohonan", "11. Surat permohonan (PDF): surat-permohonan.pdf, 1 halaman", "kirim")

	// ubah 7 changes the start date; the end date no longer fits and is asked again.
	c.say("ubah 7", "Langkah 7 dari 11", "Jawaban sekarang:")
	c.say("5 hari lagi", "Tanggal akhir penggunaan lisensi", "Langkah 8 dari 11")
	c.say("6 hari lagi", "Ringkasan permohonan", "9. Jumlah peserta: 500")

	ref := fmt.Sprintf("ZM-%d-0001", thisYear())
	c.say("kirim", ref, "status "+ref)
	c.say("status", ref, "Lisensi Zoom Temporary", "menunggu verifikasi admin")
	c.say("status "+ref, "budi.santoso@staff.uns.ac.id", "Riwayat", "diajukan oleh pemohon", "surat-permohonan.pdf")

	// Someone else asking for this reference learns nothing.
	other := h.chat("6289876543210")
	got = other.say("status "+ref, "tidak ditemukan")
	if strings.Contains(got, "budi.santoso") {
		t.Fatalf("another applicant saw the request:\n%s", got)
	}
}

// TestEmailRequestEndToEnd files a SOP#6 request, in English for part of the way, and
// shows a proposed username cannot be requested twice.
func TestEmailRequestEndToEnd(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := h.chat("6281311112222")
	c.lid = true // WhatsApp hides the number behind a LID; SenderAlt still has it

	c.say("email", "Aktivasi Email Kegiatan", "Langkah 1 dari 11")
	c.say("english", "continue in English", "Step 1 of 11")
	c.say("yes", "Step 2 of 11", "username@mail.uns.ac.id")
	if got := c.say("Semnas TI"); strings.Contains(got, "Step 3") { // a space is not allowed in a username
		t.Fatalf("a username with a space was accepted:\n%s", got)
	}
	c.say("semnas-ti2026", "semnas-ti2026@mail.uns.ac.id", "Step 3 of 11")
	c.say("indonesia", "Bahasa Indonesia", "Langkah 3 dari 11")
	c.say("Seminar Nasional Teknologi Informasi 2026", "Langkah 4 dari 11")
	c.say("Prodi Informatika FATISDA", "Prodi Informatika FATISDA", "Langkah 5 dari 11")
	c.say("Korespondensi panitia dan pendaftaran peserta seminar", "Langkah 6 dari 11")
	c.say("Dr. Siti Aminah, M.Kom.", "Langkah 7 dari 11")
	c.say("19860926 201505 2 001", "Langkah 8 dari 11", "+6281311112222")
	c.say("0813-1111-2222", "+6281311112222", "Langkah 9 dari 11")
	got := c.say("siti@gmail.com")
	if strings.Contains(got, "Langkah 10") {
		t.Fatalf("a gmail address was accepted as the SSO e-mail:\n%s", got)
	}
	c.say("siti.aminah@staff.uns.ac.id", "Langkah 10 dari 11")
	c.say("ya", "Langkah 11 dari 11")
	c.say("english", "Step 11 of 11")
	expect(t, "summary in English", c.send(sim.Inbound{Document: letter()}), "11. Request letter (PDF): surat-permohonan.pdf, 1 page\n")
	ref := fmt.Sprintf("EM-%d-0001", thisYear())
	c.say("submit", ref)

	// The same username cannot be proposed again while that request is open.
	d := h.chat("6285700001111")
	d.say("2", "Langkah 1 dari 11")
	d.say("ya", "Langkah 2 dari 11")
	got = d.say("SEMNAS-TI2026@mail.uns.ac.id", "sudah diajukan")
	if strings.Contains(got, "Langkah 3") {
		t.Fatalf("a taken username was accepted:\n%s", got)
	}
}

// TestCancelAndMenu cancels a draft after confirming, and keeps it when told not to.
func TestCancelAndMenu(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := h.chat("6281298765432")
	c.say("1", "Langkah 1 dari 11")
	c.say("ya", "Langkah 2 dari 11")
	c.say("Budi Santoso", "Langkah 3 dari 11")
	c.say("batal", "Yakin membatalkan")
	c.say("tidak", "tidak dibatalkan", "Langkah 3 dari 11")
	c.say("menu", "1. Lisensi Zoom", "tetap tersimpan", "lanjut")
	c.say("lanjut", "Langkah 3 dari 11")
	c.say("bantuan", "Bantuan", "NIP pemohon", "kembali")
	c.say("batal", "Yakin membatalkan")
	c.say("ya", "sudah dibatalkan")
	c.say("status", "belum punya permohonan")
	c.say("1", "Langkah 1 dari 11")
	c.say("tidak", "aturan 4", "menu")
	c.say("halo", "1. Lisensi Zoom")
}

// TestOddInputs sends what applicants really send where an answer is expected; each
// gets a specific answer and changes nothing.
func TestOddInputs(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := h.chat("6281200000001")
	c.say("1", "Langkah 1 dari 11")
	c.say("ya", "Langkah 2 dari 11")
	for _, in := range []sim.Inbound{
		{Kind: "sticker"}, {Kind: "audio"}, {Kind: "location"}, {Kind: "video"}, {Kind: "contact"},
		{Image: photo}, {Document: letter()},
		{Text: strings.Repeat("a", 64<<10)}, {Text: "😀😀😀"}, {Text: "\u200b\u200b"},
	} {
		got := c.send(in)
		if strings.Contains(got, "Langkah 3") || got == "" {
			t.Fatalf("input %q moved the dialog on or got no answer:\n%s", describe(in), got)
		}
	}
	c.say("Budi Santoso", "Langkah 3 dari 11")
}

func describe(in sim.Inbound) string {
	switch {
	case in.Kind != "":
		return in.Kind
	case in.Image != nil:
		return "image"
	case in.Document != nil:
		return "document"
	}
	return in.Text[:min(20, len(in.Text))]
}

// selfIndexedPDF is a letter whose colour space is based on itself: checked inside the
// bot's process it overflowed pdfcpu's stack and ended the whole process.
func selfIndexedPDF() []byte {
	content := "/CS0 cs 0 sc 0 0 10 10 re f"
	return sim.AssemblePDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /ColorSpace << /CS0 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"[/Indexed 5 0 R 1 <000000FFFFFF>]")
}

// TestHostileLetterCostsOneAnswer: a letter built to crash the PDF reader gets a
// polite "cannot read" and the step stays; active content gets its own answer; the
// bot goes on and takes the real letter.
func TestHostileLetterCostsOneAnswer(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := h.chat("6281234567891")
	toLetterStep(c)
	got := c.send(sim.Inbound{Document: &sim.File{FileName: "surat.pdf", MimeType: "application/pdf", Data: selfIndexedPDF()}})
	expect(t, "self-based colour space", got, "tidak dapat kami baca", "Simpan ulang surat sebagai PDF biasa")
	js := sim.AssemblePDF("<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
	got = c.send(sim.Inbound{Document: &sim.File{FileName: "surat.pdf", MimeType: "application/pdf", Data: js}})
	expect(t, "JavaScript", got, "konten aktif")
	c.send(sim.Inbound{Document: letter()})
	c.say("kirim", fmt.Sprintf("ZM-%d-0001", thisYear()))
}

// TestExpiredLetterIsAskedAgain: WhatsApp no longer has the file (410 Gone, as for
// media weeks old); the applicant is asked to send it again and the step stays.
func TestExpiredLetterIsAskedAgain(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := h.chat("6281234567892")
	toLetterStep(c)
	expired := letter()
	expired.Expired = true
	got := c.send(sim.Inbound{Document: expired})
	expect(t, "expired media", got, "gagal diunduh", "kirim ulang")
	c.send(sim.Inbound{Document: letter()})
	c.say("kirim", fmt.Sprintf("ZM-%d-0001", thisYear()))
}

// TestLIDWithoutANumber: WhatsApp gives only a LID, no number anywhere; the dialog
// works, the replies reach the LID, and the contact number is asked for with no
// default to accept.
func TestLIDWithoutANumber(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := h.chat("6281399990000")
	c.lid, c.hidePhone = true, true
	c.say("2", "Langkah 1 dari 11")
	c.say("ya", "Langkah 2 dari 11")
	c.say("semnas-lid2026", "Langkah 3 dari 11")
	c.say("Seminar LID", "Langkah 4 dari 11")
	c.say("Prodi Informatika", "Langkah 5 dari 11")
	c.say("Korespondensi panitia seminar", "Langkah 6 dari 11")
	c.say("Dr. Siti Aminah", "Langkah 7 dari 11")
	got := c.say("19860926 201505 2 001", "Langkah 8 dari 11")
	if strings.Contains(got, "6281399990000") {
		t.Fatalf("the contact step offers a number the bot cannot know:\n%s", got)
	}
	if got := c.say("ya"); strings.Contains(got, "Langkah 9") {
		t.Fatalf("\"ya\" was taken as a contact number:\n%s", got)
	}
	c.say("0813-9999-0000", "+6281399990000", "Langkah 9 dari 11")
}
