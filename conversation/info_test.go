package conversation_test

import (
	"os"
	"strings"
	"testing"

	"github.com/uns-dtik/loket/conversation"
)

// TestServiceInformation: `info zoom`, `persyaratan email`, `syarat 1`, or `info` and
// then a menu number give the service's information as eservice shows it, in the
// applicant's language; the menu mentions it.
func TestServiceInformation(t *testing.T) {
	t.Parallel()
	d := newDialogWithDrafts(t)
	d.say("halo", "*info <nomor>*")
	d.say("info zoom", "Informasi Layanan — Lisensi Zoom Temporary", "*Persyaratan*", "distempel resmi",
		"3 hari kerja", "Gratis", "balas *1* (atau *zoom*)", "*draf surat*")
	got := d.say("persyaratan email", "Persyaratan — Aktivasi Email Kegiatan", "@mail.uns.ac.id")
	if strings.Contains(got, "Biaya") {
		t.Errorf("persyaratan gave the whole information: %s", got)
	}
	d.say("syarat 1", "Persyaratan — Lisensi Zoom Temporary", "@staff.uns.ac.id")
	d.say("info", "Informasi layanan mana?", "1. Lisensi Zoom")
	d.say("2", "Informasi Layanan — Aktivasi Email Kegiatan")
	d.say("1", "Langkah 1 dari 11") // after the information the menu works as before
	d.say("batal")
	d.say("ya")
	d.say("info", "Informasi layanan mana?")
	d.say("halo", "Balas dengan *nomor* layanan") // no choice: handled as if info had not been asked
	d.say("info surat", `layanan "surat" tidak ada`)
	d.say("english")
	d.say("info zoom", "Service information — Temporary Zoom licence", "*Requirements*", "3 working days", "Free of charge")
}

// TestInfoDuringADraft: information can be asked in the middle of a draft and the
// dialog stays where it was; an answer that merely starts with "info" is an answer.
func TestInfoDuringADraft(t *testing.T) {
	t.Parallel()
	d := newDialog(t, nil)
	d.say("halo")
	for _, s := range []struct{ text, want string }{
		{"1", "Langkah 1 dari 11"}, {"ya", "Langkah 2 dari 11"}, {"Budi Santoso", "Langkah 3 dari 11"},
		{"19860926 201505 1 001", "Langkah 4 dari 11"}, {"6", "Langkah 5 dari 11"},
		{"budi@staff.uns.ac.id", "Langkah 6 dari 11"},
	} {
		d.say(s.text, s.want)
	}
	d.say("info email", "Informasi Layanan — Aktivasi Email Kegiatan")
	// A bare "info" asks for "info <number>": a bare number is the draft's answer.
	d.say("info", "*info 1*", "Langkah 6 dari 11")
	d.say("Info Session Nasional 2026", "✓", "Langkah 7 dari 11")
}

// TestInfoIsCheckedAtLoad: an info block with a part missing in a language is
// refused when the catalog loads, naming the service and the part.
func TestInfoIsCheckedAtLoad(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(data), `cost: {id: "Gratis (tanpa biaya).", en: "Free of charge."}`, `cost: {id: "Gratis (tanpa biaya)."}`, 1)
	if _, err := conversation.ParseCatalog([]byte(broken)); err == nil || !strings.Contains(err.Error(), "service ZM: info: cost needs both id and en") {
		t.Fatalf("ParseCatalog = %v, want the missing English cost of ZM named", err)
	}
}

// TestFirstServiceWordDecides: "keluhan tentang email" is a complaint about e-mail,
// not an e-mail request: the first word that names a service decides.
func TestFirstServiceWordDecides(t *testing.T) {
	t.Parallel()
	d := newDialog(t, nil)
	d.say("halo")
	d.say("keluhan tentang email", "Keluhan")
}
