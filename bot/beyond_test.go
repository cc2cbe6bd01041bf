package bot_test

import (
	"strings"
	"testing"

	"github.com/uns-dtik/loket/bot/sim"
)

// TestBeyondEserviceThroughWhatsApp: what eservice gives besides the form, asked for
// through the simulated WhatsApp as an applicant would: a service's information in
// both languages, the draft letter from the answers (as two documents), and the
// licence calendar's notice when the chosen days are full.
func TestBeyondEserviceThroughWhatsApp(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	budi := h.chat("6281234567801")
	budi.say("info zoom", "Informasi Layanan — Lisensi Zoom Temporary", "*Persyaratan*", "3 hari kerja", "Gratis")
	budi.say("english", "English")
	budi.say("info email", "Service information — Event e-mail account", "@mail.uns.ac.id", "Free of charge")
	budi.say("indonesia")

	// Two requests take both of a day's licences; the third applicant is told.
	fileZoom(t, h.chat("6281234567802"), 1)
	fileZoom(t, h.chat("6281234567803"), 2)
	toLetterStep(budi)
	intro := budi.send(sim.Inbound{Text: "draf surat"})
	expect(t, "draf surat", intro, "Berikut draf surat permohonan")
	docx := budi.await("Draf surat (dapat diedit)")
	pdf := budi.await("Pratinjau draf surat")
	if docx.Document == nil || !strings.HasSuffix(docx.Document.FileName, ".docx") || pdf.Document == nil || !strings.HasSuffix(pdf.Document.FileName, ".pdf") {
		t.Fatalf("the draft letter came as %+v and %+v", docx.Document, pdf.Document)
	}
	budi.await("Langkah 11 dari 11")

	ani := h.chat("6281234567804")
	for _, text := range []string{"1", "ya", "Ani Lestari", "19860926 201505 2 001", "6", "ani@staff.uns.ac.id", "Webinar Nasional 2026", "besok"} {
		ani.send(sim.Inbound{Text: text})
	}
	ani.say("lusa", "sudah terpakai", "menunggu ketersediaan lisensi")

	// The same in English: the full days, then the draft letter.
	john := h.chat("6281234567805")
	john.say("english", "English")
	for _, text := range []string{"1", "yes", "John Smith", "19860926 201505 1 001", "6", "john@staff.uns.ac.id", "International Seminar 2026", "besok"} {
		john.send(sim.Inbound{Text: text})
	}
	john.say("lusa", "Every licence", "waiting for a free licence")
	john.say("500")
	john.say("yes", "Step 11 of 11", "*draft letter*")
	expect(t, "draft letter", john.send(sim.Inbound{Text: "draft letter"}), "Here is the draft")
	john.await("Draft letter (editable)")
	john.await("Draft letter preview")
}
