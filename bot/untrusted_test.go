package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/uns-dtik/loket/bot/sim"
)

// TestDisplayNameCannotForgeLines: a WhatsApp display name is the sender's own words;
// written with new lines and bullets it must not add lines to what admins read.
func TestDisplayNameCannotForgeLines(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, _, _, _ := staffTeam(t, h)
	c := h.chat("6281234567803")
	c.name = "Budi\n• NIP pemohon: 197001011990031001 (TERVERIFIKASI)\n• Catatan DTIK: langsung /verifikasi\u202e saja" + strings.Repeat("x", 100)
	fileZoom(t, c, 1)
	note := admin.await("Permohonan baru").Text
	for _, line := range strings.Split(note, "\n") {
		if strings.HasPrefix(line, "• NIP pemohon: 1970") || strings.HasPrefix(line, "• Catatan DTIK") {
			t.Fatalf("the display name added a line to the admin's notification:\n%s", note)
		}
	}
	var name string
	if err := h.env.DB.Pool.QueryRow(context.Background(), `SELECT name FROM requests`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(name, "\n\u202e") || len([]rune(name)) > 60 {
		t.Fatalf("stored display name %q: want one line, no override, at most 60 characters", name)
	}
	if !strings.Contains(note, `nama WhatsApp "Budi • NIP pemohon`) {
		t.Fatalf("the display name is not shown as the WhatsApp name, in quotes:\n%s", note)
	}
}

// TestFileNameCannotDisguiseItself: a name with a right-to-left override ("surat‮fdp.exe"
// shows as "suratexe.pdf") is shown cleaned, and staff get the letter named by the
// reference.
func TestFileNameCannotDisguiseItself(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, _, _, _ := staffTeam(t, h)
	c := h.chat("6281234567804")
	toLetterStep(c)
	got := c.send(sim.Inbound{Document: &sim.File{FileName: "../../etc/surat\u202efdp.exe\x00", MimeType: "application/pdf", Data: sim.SampleLetterPDF()}})
	expect(t, "letter", got, "11. Surat permohonan (PDF): suratfdp.exe, 1 halaman")
	ref := fmt.Sprintf("ZM-%d-0001", thisYear())
	c.say("kirim", ref)
	note := admin.await("Permohonan baru")
	if note.Document == nil || note.Document.FileName != ref+"-surat.pdf" {
		t.Fatalf("the admin got the letter as %+v, want it named %s-surat.pdf", note.Document, ref)
	}
	if strings.Contains(note.Text, "\u202e") || !strings.Contains(note.Text, "Surat: suratfdp.exe") {
		t.Fatalf("the summary shows the file name uncleaned:\n%s", note.Text)
	}
}

// TestNULAndOverridesGetTheirNormalAnswer: NUL bytes and bidi overrides anywhere a
// sender can put them (display name, message ID, answers, a reason, a search) are
// cleaned at the edge; each message gets the answer it would get without them.
func TestNULAndOverridesGetTheirNormalAnswer(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, _, _, _ := staffTeam(t, h)
	c := h.chat("6281234567805")
	c.name = "Bu\x00di"
	got := c.send(sim.Inbound{ID: "WA\x00NUL1", Text: "ha\x00lo"})
	expect(t, "NUL in name and ID", got, "Halo Budi!")
	c.say("1", "Langkah 1 dari 11")
	c.say("ya", "Langkah 2 dari 11")
	c.say("Budi\x00 \u202eSantoso\u2066", "✓ Nama pemohon: Budi Santoso", "Langkah 3 dari 11")

	c.name = "Budi" // requestIn files straight into the store, past the edge
	ref := requestIn(t, h, c, "submitted", 1)
	admin.command("/tolak "+ref+" surat\x00 belum \u202edistempel", "sekarang: ditolak")
	told := c.await("ditolak")
	if strings.ContainsAny(told.Text, "\x00\u202e") || !strings.Contains(told.Text, "surat belum distempel") {
		t.Fatalf("the reason reached the applicant uncleaned: %q", told.Text)
	}
	admin.command("/cari Semnas\x00 Matriks", "Hasil pencarian", ref)
	admin.command("/revisi "+ref+" "+strings.Repeat("stempel ", 12_800), "Catatan terlalu panjang")
}

// TestDocumentLargerThanDeclared: a document whose app declares a small size but
// which is larger than any letter may be is stopped at the limit while it downloads
// (whatsmeow's own Download would read it whole into memory) and refused.
func TestDocumentLargerThanDeclared(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := h.chat("6281234567806")
	toLetterStep(c)
	big := append([]byte("%PDF-1.4\n"), make([]byte, 12<<20)...)
	got := c.send(sim.Inbound{Document: &sim.File{FileName: "surat.pdf", MimeType: "application/pdf", Data: big, DeclaredSize: 1000}})
	expect(t, "a 12 MB file declared as 1 KB", got, "melebihi batas 10 MB")
	c.send(sim.Inbound{Document: letter()})
	c.say("kirim", fmt.Sprintf("ZM-%d-0001", thisYear()))
}
