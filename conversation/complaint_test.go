package conversation_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation"
)

// pngScreenshot is a 1×1 PNG: a screenshot as its bytes begin.
var pngScreenshot, _ = base64.StdEncoding.DecodeString("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")

// sendFile sends a photo (image) or a file (document) with data as its bytes.
func (d *dialog) sendFile(kind loket.Kind, name string, data []byte, want ...string) string {
	d.t.Helper()
	d.seq++
	doc := &loket.Document{FileName: name, DeclaredSize: int64(len(data)),
		Fetch: func(context.Context, int64) ([]byte, error) { return data, nil }}
	replies, err := d.c.Handle(context.Background(), loket.Message{Seq: d.seq, Chat: d.chat, Phone: "+" + d.chat, Kind: kind, Document: doc})
	if err != nil || len(replies) != 1 {
		d.t.Fatalf("%s %s: %v, %d replies", kind, name, err, len(replies))
	}
	for _, w := range want {
		if !strings.Contains(replies[0].Text, w) {
			d.t.Fatalf("after %s %s the bot said:\n%s\n\nwant it to contain %q", kind, name, replies[0].Text, w)
		}
	}
	return replies[0].Text
}

// fileOwn files a Zoom request from chat straight into the store: the reference a
// complaint may be about.
func (d *dialog) fileOwn(chat string) *loket.Request {
	d.t.Helper()
	r, err := d.c.Store.FileRequest(context.Background(), loket.NewRequest{DraftID: "own-" + chat, Service: "ZM", Chat: chat,
		Lang: loket.Indonesian, Fields: []loket.Field{{Key: "event", Value: "Seminar"}}}, d.now, nil)
	if err != nil {
		d.t.Fatal(err)
	}
	return r
}

// TestComplaintAboutOwnRequestWithScreenshot: `keluhan` asks what about, what
// happened and a screenshot; a reference of one's own and a photo are taken, the
// complaint is filed as KL-2026-0001 with the screenshot, and `status` shows it
// waiting for the admin's answer.
func TestComplaintAboutOwnRequestWithScreenshot(t *testing.T) {
	d := newDialog(t, nil)
	own := d.fileOwn(d.chat)
	d.say("keluhan", "Keluhan layanan", "Langkah 1 dari 3", "nomor referensi permohonan Anda", "3. Layanan DTIK lainnya")
	d.say(strings.ToLower(own.Ref), "✓ Tentang: "+own.Ref, "Langkah 2 dari 3", "apa yang terjadi")
	d.say("Undangan lisensi belum masuk ke email saya.", "Langkah 3 dari 3", "ketik *lewati*")
	d.sendFile(loket.KindImage, "", pngScreenshot, "✓ Tangkapan layar / file: tangkapan-layar.png", "Ringkasan")
	d.say("kirim", "KL-2026-0001", "Admin DTIK akan membaca keluhan Anda")
	r := d.request("KL-2026-0001")
	if r.Field("about") != own.Ref || r.Letter == nil || r.Letter.FileName != "tangkapan-layar.png" || r.Letter.Pages != 0 {
		t.Fatalf("filed %+v, letter %+v", r.Fields, r.Letter)
	}
	d.say("status", "KL-2026-0001", "Keluhan layanan", "menunggu tanggapan admin")
	d.say("status KL-2026-0001", "Tangkapan layar / file: tangkapan-layar.png", own.Ref)
}

// TestAPictureThatIsAlsoAPDFIsNotPassedOn: a photo whose first kilobyte carries a PDF
// header reads as a picture to WhatsApp and as a PDF to a PDF reader (which looks
// for the header there), so it would reach staff without the PDF's checks; it is
// refused by name, in the applicant's language, and the step waits for another file.
func TestAPictureThatIsAlsoAPDFIsNotPassedOn(t *testing.T) {
	polyglot := append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xfe\x00\x40"),
		[]byte("%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n")...)
	d := newDialog(t, nil)
	d.say("keluhan", "Langkah 1 dari 3")
	d.say("3", "Langkah 2 dari 3")
	d.say("Undangan lisensi belum masuk ke email saya.", "Langkah 3 dari 3")
	d.sendFile(loket.KindImage, "", polyglot, "tangkapan-layar.jpg terbaca sebagai gambar sekaligus PDF", "ketik *lewati*")
	d.sendFile(loket.KindDocument, "error.jpg", polyglot, "error.jpg terbaca sebagai gambar sekaligus PDF")
	d.say("english", "Step 3 of 3")
	d.sendFile(loket.KindImage, "", polyglot, "tangkapan-layar.jpg reads as both a picture and a PDF", "type *skip*")
	// PDFium takes "%PDF" without its dash, starting as late as byte 1,024.
	late := append(append(slices.Clone(pngScreenshot), bytes.Repeat([]byte{0}, 1024-len(pngScreenshot))...), "%PDF1.7\n"...)
	d.sendFile(loket.KindImage, "", late, "tangkapan-layar.png reads as both a picture and a PDF")
	d.sendFile(loket.KindImage, "", pngScreenshot, "Summary")
}

// TestComplaintWithoutReferenceSkipped: in English, a complaint about no request in
// particular (the list's last option, listed and echoed in English, stored in
// Indonesian for staff) with *skip* for the screenshot is filed without a file; the
// summary says it was skipped.
func TestComplaintWithoutReferenceSkipped(t *testing.T) {
	d := newDialog(t, nil)
	d.say("english")
	d.say("complaint", "Complaint", "Step 1 of 3", "1. Temporary Zoom licence (1000 participants)", "3. Another DTIK service / not about a request")
	d.say("3", "About: Another DTIK service / not about a request", "Step 2 of 3")
	d.say("The webmail login page shows an error since this morning.", "Step 3 of 3", "type *skip*")
	d.say("skip", "Screenshot / file: (skipped)", "Summary", "(e.g. edit 3)") // the summary has three rows
	d.say("edit 7", "Choose 1 to 3, e.g. edit 3.")
	d.say("submit", "KL-2026-0001")
	r := d.request("KL-2026-0001")
	if r.Letter != nil || r.Field("screenshot") != "" || len(r.Fields) != 2 || r.Field("about") != "Layanan DTIK lainnya / tidak terkait permohonan" {
		t.Fatalf("filed %+v, letter %+v", r.Fields, r.Letter)
	}
	d.say("status KL-2026-0001", "waiting for the admin's answer", "About: Another DTIK service / not about a request")
	d.say("indonesia")
	d.say("status KL-2026-0001", "Tentang: Layanan DTIK lainnya / tidak terkait permohonan")
}

// TestCatalogChecksOptions: an option in two languages needs both; one plain string
// serves both; a list of them mixes freely. No reply may pick two options: an
// option's text in one language is not another's in the other, two options do not
// share what they have in parentheses, and no option's text is a number (a number
// picks by position).
func TestCatalogChecksOptions(t *testing.T) {
	const service = `
services:
  - code: KX
    title: {id: K, en: K}
    next_steps: {id: K, en: K}
    fields:
      - {key: unit, kind: choice, label: {id: Unit, en: Unit}, prompt: {id: "Pilih unit.", en: "Choose the unit."}, options: [%s]}
`
	for _, c := range []struct{ options, want string }{
		{`{id: Lainnya}`, "field unit: option 1 needs its text in id and en"},
		{`Fakultas Teknik, {en: Other}`, "field unit: option 2 needs its text in id and en"},
		{`Fakultas Teknik, {id: Lainnya, eng: Other}`, `option key "eng" is not id or en`},
		{`{id: Lainnya, id: Lain, en: Other}`, `option key "id" given twice`},
		{`[Lainnya, Other]`, "an option is a string or {id, en}"},
		{`{id: Lainnya, en: Other}, {id: Other, en: Others}`, `options 1 and 2 can both be picked by replying "Other"`},
		{`Fakultas Teknik (FT), {id: Fakultas Tari (ft), en: Dance (FTA)}`, `options 1 and 2 can both be picked by replying "FT"`},
		{`FT, Fakultas Teknik (FT)`, `options 1 and 2 can both be picked by replying "FT"`},
		{`FT., Fakultas Teknik (FT)`, `options 1 and 2 can both be picked by replying "FT."`},
		{`Fakultas Teknik, {id: "2", en: Two}`, `option 2: "2" is a number`},
	} {
		_, err := conversation.ParseCatalog([]byte(fmt.Sprintf(service, c.options)))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to say %q", c.options, err, c.want)
		}
	}
	if _, err := conversation.ParseCatalog([]byte(fmt.Sprintf(service, `Fakultas Teknik (FT), {id: Lainnya (FT), en: Other (FT)}`))); err == nil {
		t.Error("two options sharing an abbreviation across their two languages were taken")
	}
	if _, err := conversation.ParseCatalog([]byte(fmt.Sprintf(service, `Fakultas Teknik (FT), {id: Lainnya, en: Other}, {id: Umum (U), en: General (U)}`))); err != nil {
		t.Errorf("valid options: %v", err)
	}
}

// TestSharedUnitsInBothLanguages: the units list that services share through a YAML
// anchor takes options in both forms too; a choice field is listed, echoed and shown
// in the applicant's language, takes English text in an Indonesian dialog, keeps
// typed text as typed, and stores the Indonesian.
func TestSharedUnitsInBothLanguages(t *testing.T) {
	cat, err := conversation.ParseCatalog([]byte(`
units: &units
  - Fakultas Teknik
  - {id: Unit lain, en: Another unit}
services:
  - code: KX
    title: {id: Layanan X, en: Service X}
    next_steps: {id: Ditunggu., en: Please wait.}
    fields:
      - {key: unit, kind: choice, allow_other: true, options: *units, label: {id: Unit, en: Unit}, prompt: {id: "Pilih unit Anda.", en: "Choose your unit."}}
      - {key: note, kind: text, min: 3, max: 50, label: {id: Catatan, en: Note}, prompt: {id: "Tulis catatan.", en: "Write a note."}}
`))
	if err != nil {
		t.Fatal(err)
	}
	d := newDialog(t, cat)
	d.say("english")
	d.say("1", "1. Fakultas Teknik\n2. Another unit")
	d.say("2", "✓ Unit: Another unit")
	d.say("A short note", "1. Unit: Another unit")
	d.say("edit 1", "2. Another unit", "Current answer: Another unit")
	d.say("indonesia", "2. Unit lain", "Jawaban sekarang: Unit lain")
	d.say("another unit", "✓ Unit: Unit lain", "1. Unit: Unit lain")
	d.say("english", "1. Unit: Another unit")
	d.say("submit", "KX-2026-0001")
	if got := d.request("KX-2026-0001").Field("unit"); got != "Unit lain" {
		t.Errorf("the unit was stored as %q, want the Indonesian option", got)
	}
	d.say("status KX-2026-0001", "Unit: Another unit")

	typed := newDialog(t, cat)
	typed.say("english")
	typed.say("1")
	typed.say("Pusat Studi Bencana", "✓ Unit: Pusat Studi Bencana")
	typed.say("A short note", "1. Unit: Pusat Studi Bencana")
	typed.say("indonesia", "1. Unit: Pusat Studi Bencana")
}

// TestChoiceTakesEitherLanguage: an option is taken by its number, by its text in
// either language, or by the words in its brackets, and stored in Indonesian; a
// plain-string option (a faculty) is the same in both.
func TestChoiceTakesEitherLanguage(t *testing.T) {
	for _, typed := range []string{"1", "temporary zoom licence (1000 participants)", "Lisensi Zoom Temporary (1000 peserta)", "1000 participants"} {
		d := newDialog(t, nil)
		d.say("english")
		d.say("complaint", "Step 1 of 3")
		d.say(typed, "About: Temporary Zoom licence (1000 participants)", "Step 2 of 3")
		d.say("The Zoom licence does not take 1000 participants.", "Step 3 of 3")
		d.say("skip")
		d.say("submit", "KL-2026-0001")
		if got := d.request("KL-2026-0001").Field("about"); got != "Lisensi Zoom Temporary (1000 peserta)" {
			t.Errorf("%q was stored as %q", typed, got)
		}
	}
}

// TestComplaintAboutSomeoneElsesRequest: a reference that is not the sender's is
// refused exactly as one that does not exist, in both languages, and the question
// stays; then `lewati` and a file of the wrong type are told apart.
func TestComplaintAboutSomeoneElsesRequest(t *testing.T) {
	d := newDialog(t, nil)
	other := d.fileOwn("6289999999999")
	d.say("keluhan", "Langkah 1 dari 3")
	d.say(other.Ref, "Permohonan "+other.Ref+" tidak ditemukan di antara permohonan Anda")
	d.say("ZM-2026-0099", "Permohonan ZM-2026-0099 tidak ditemukan di antara permohonan Anda")
	d.say("english")
	d.say(other.Ref, "Request "+other.Ref+" is not among your requests")
	d.say("indonesia")
	d.say("1", "✓ Tentang: Lisensi Zoom Temporary", "Langkah 2 dari 3")
	d.say("Zoom tidak bisa dipakai 1000 peserta.", "Langkah 3 dari 3")
	d.sendFile(loket.KindDocument, "data.zip", []byte("PK\x03\x04 not a picture"), "bukan gambar atau PDF")
	d.say("halo", "tangkapan layar", "ketik *lewati*")
	d.say("lewati", "(dilewati)", "Ringkasan")
	d.say("kirim", "KL-2026-0001")
}

// TestCatalogChecksComplaints: a catalog whose optional field does not tell the
// applicant the word that skips it, or that names a lifecycle no table has, is
// refused at start, naming what is wrong.
func TestCatalogChecksComplaints(t *testing.T) {
	const service = `
services:
  - code: KX
    lifecycle: %s
    title: {id: K, en: K}
    next_steps: {id: K, en: K}
    fields:
      - {key: shot, kind: attachment, optional: true, label: {id: Foto, en: Photo}, prompt: {id: "%s", en: "%s"}}
`
	for _, c := range []struct{ lifecycle, id, en, want string }{
		{"complaint", "Kirim foto.", "Send a photo.", "field shot: optional"},
		{"keluhan", "Kirim foto, atau *lewati*.", "Send a photo, or *skip*.", `lifecycle "keluhan" is not one of request, complaint`},
	} {
		_, err := conversation.ParseCatalog([]byte(fmt.Sprintf(service, c.lifecycle, c.id, c.en)))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: err = %v", c, err)
		}
	}
	if _, err := conversation.ParseCatalog([]byte(fmt.Sprintf(service, "complaint", "Kirim foto, atau *lewati*.", "Send a photo, or *skip*."))); err != nil {
		t.Errorf("a valid complaint service: %v", err)
	}
}

// droppingStore counts the turns' requests to drop letters.
type droppingStore struct {
	conversation.Store
	drops *atomic.Int64
}

func (s droppingStore) DropLetters(ctx context.Context, chat string, ids []int64) error {
	s.drops.Add(1)
	return s.Store.DropLetters(ctx, chat, ids)
}

// TestFilingDropsNoLetter: the "kirim" that files a draft has its letter linked to the
// request, so it asks the store to drop nothing (a round trip that deleted no row);
// a letter replaced by another is still dropped.
func TestFilingDropsNoLetter(t *testing.T) {
	d := newDialog(t, nil)
	var drops atomic.Int64
	store := d.c.Store
	d.c.Store = droppingStore{Store: store, drops: &drops}
	own := d.fileOwn(d.chat)
	d.say("keluhan", "Langkah 1 dari 3")
	d.say(strings.ToLower(own.Ref), "Langkah 2 dari 3")
	d.say("Undangan lisensi belum masuk ke email saya.", "Langkah 3 dari 3")
	d.sendFile(loket.KindImage, "", pngScreenshot, "Ringkasan")
	d.say("ubah 3", "Langkah 3 dari 3") // the screenshot asked again
	d.sendFile(loket.KindImage, "", pngScreenshot, "Ringkasan")
	if n := drops.Load(); n != 1 {
		t.Fatalf("%d drops after the screenshot was replaced, want 1", n)
	}
	d.say("kirim", "KL-2026-0001")
	if n := drops.Load(); n != 1 {
		t.Fatalf("filing asked to drop letters %d times, want none", n-1)
	}
	d.c.Store = store
	if r := d.request("KL-2026-0001"); r.Letter == nil || r.Letter.FileName != "tangkapan-layar.png" {
		t.Fatalf("filed without its screenshot: %+v", r.Letter)
	}
}

// crashAfterFiling files a request, then fails the turn the first time, as a process
// dying between the filing's commit and the session's save would: the draft is filed
// with the letter it had, and the session still shows the summary.
type crashAfterFiling struct {
	droppingStore
	crashed *bool
	dropped *[]int64
}

func (s crashAfterFiling) FileRequest(ctx context.Context, n loket.NewRequest, now time.Time, announce loket.Announcer) (*loket.Request, error) {
	r, err := s.droppingStore.FileRequest(ctx, n, now, announce)
	if err == nil && !*s.crashed {
		*s.crashed = true
		return nil, errors.New("the process died after the filing's commit")
	}
	return r, err
}

func (s crashAfterFiling) DropLetters(ctx context.Context, chat string, ids []int64) error {
	*s.dropped = append(*s.dropped, ids...)
	return s.droppingStore.DropLetters(ctx, chat, ids)
}

// TestALetterReplacedAfterAnUnsavedFilingIsDropped: the draft was filed, but its
// session not saved; the applicant replaces the screenshot and sends "kirim" again.
// The request keeps the screenshot it was filed with, and the one sent after is
// dropped, not left to the clean-up of expired drafts.
func TestALetterReplacedAfterAnUnsavedFilingIsDropped(t *testing.T) {
	d := newDialog(t, nil)
	var drops atomic.Int64
	var crashed bool
	var dropped []int64
	own := d.fileOwn(d.chat)
	inner := d.c.Store
	d.c.Store = crashAfterFiling{droppingStore: droppingStore{Store: inner, drops: &drops}, crashed: &crashed, dropped: &dropped}
	d.say("keluhan", "Langkah 1 dari 3")
	d.say(strings.ToLower(own.Ref), "Langkah 2 dari 3")
	d.say("Undangan lisensi belum masuk ke email saya.", "Langkah 3 dari 3")
	d.sendFile(loket.KindImage, "", pngScreenshot, "Ringkasan")
	d.seq++
	if _, err := d.c.Handle(context.Background(), loket.Message{Seq: d.seq, Chat: d.chat, Phone: "+" + d.chat, Kind: loket.KindText, Text: "kirim"}); err == nil {
		t.Fatal("the crashed filing turn reported no error")
	}
	d.say("ubah 3", "Langkah 3 dari 3")
	d.sendFile(loket.KindImage, "", pngScreenshot, "Ringkasan")
	second := len(dropped) // the first screenshot's drop (filed: it stays)
	d.say("kirim", "KL-2026-0001")
	if len(dropped) != second+1 {
		t.Fatalf("drops after the second kirim: %v, want the second screenshot's", dropped[second:])
	}
	d.c.Store = inner
	r := d.request("KL-2026-0001")
	if r.Letter == nil || r.Letter.ID == dropped[second] {
		t.Fatalf("the request's letter %+v, the dropped one %d: the filed screenshot must stay", r.Letter, dropped[second])
	}
}
