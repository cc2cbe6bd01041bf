package conversation_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/backoffice"
	"github.com/uns-dtik/loket/conversation"
	"github.com/uns-dtik/loket/memstore"
	"github.com/uns-dtik/loket/store/storetest"
)

// dialog drives a Conversation directly, with a clock the test moves, on memstore's
// fakes: the dialog's rules are tested without PostgreSQL or Redis (the bot's and
// cmd/loket's end-to-end tests run them on the real services).
type dialog struct {
	t    *testing.T
	c    *conversation.Conversation
	now  time.Time
	seq  int64
	chat string
}

func newDialog(t *testing.T, cat *conversation.Catalog) *dialog {
	t.Helper()
	if cat == nil {
		var err error
		if cat, err = conversation.LoadCatalog(""); err != nil {
			t.Fatal(err)
		}
	}
	d := &dialog{t: t, now: time.Date(2026, 11, 23, 9, 0, 0, 0, loket.Jakarta), chat: "6281234567890"}
	db := memstore.New()
	d.c = &conversation.Conversation{Catalog: cat, Store: db, Sessions: &memstore.Sessions{}, Now: func() time.Time { return d.now }}
	withOffice(d.c, db)
	return d
}

// withOffice gives c the back office's side of filing, as cmd/loket does: the
// admins' announcement and resubmission through the request lifecycle.
func withOffice(c *conversation.Conversation, db backoffice.Store) {
	office := &backoffice.Office{Store: db, Services: c.Catalog}
	c.Announce, c.Resubmit = office.Announce, office.Resubmit
}

func (d *dialog) say(text string, want ...string) string {
	d.t.Helper()
	d.seq++
	replies, err := d.c.Handle(context.Background(), loket.Message{Seq: d.seq, Chat: d.chat, Phone: "+" + d.chat, Kind: loket.KindText, Text: text})
	if err != nil {
		d.t.Fatalf("%q: %v", text, err)
	}
	if len(replies) != 1 {
		d.t.Fatalf("%q: %d replies, want exactly 1", text, len(replies))
	}
	got := replies[0].Text
	for _, w := range want {
		if !strings.Contains(got, w) {
			d.t.Fatalf("after %q the bot said:\n%s\n\nwant it to contain %q", text, got, w)
		}
	}
	return got
}

func TestLongPauseAsksToContinueOrRestart(t *testing.T) {
	t.Parallel()
	d := newDialog(t, nil)
	d.say("1", "Langkah 1 dari 11")
	d.say("ya", "Langkah 2 dari 11")
	d.say("Budi Santoso", "Langkah 3 dari 11")

	d.now = d.now.Add(31 * time.Minute)
	d.say("19860926 201505 1 001", "*mulai ulang*", "NIP pemohon")
	d.say("hmm", "*lanjutkan*")
	d.say("lanjutkan", "Langkah 3 dari 11")
	d.say("19860926 201505 1 001", "Langkah 4 dari 11")

	d.now = d.now.Add(25 * time.Hour) // a day away: still there
	d.say("apa kabar", "*mulai ulang*")
	d.say("mulai ulang", "Langkah 1 dari 11")
	got := d.say("kembali", "pertanyaan pertama")
	if strings.Contains(got, "Jawaban sekarang") {
		t.Fatalf("restart kept old answers:\n%s", got)
	}
}

func TestSameSequenceIsAppliedOnce(t *testing.T) {
	t.Parallel()
	d := newDialog(t, nil)
	d.say("1", "Langkah 1 dari 11")
	msg := loket.Message{Seq: d.seq + 1, Chat: d.chat, Kind: loket.KindText, Text: "ya"}
	first, err := d.c.Handle(context.Background(), msg)
	if err != nil {
		t.Fatal(err)
	}
	// As if the process died after saving the session but before marking the inbox.
	again, err := d.c.Handle(context.Background(), msg)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 1 || again[0].Text != first[0].Text {
		t.Fatalf("replay answered %v, want the first answer %v", again, first)
	}
	d.seq++
	d.say("Budi Santoso", "Langkah 3 dari 11") // one step on, not two
}

// TestEarlierSequenceIsStillApplied: messages are applied in the order they were
// sent, which after an outage need not be the order the inbox numbered them in. A
// message numbered below the last one applied is new, not a replay: only the very
// last one can be handled again.
func TestEarlierSequenceIsStillApplied(t *testing.T) {
	t.Parallel()
	d := newDialog(t, nil)
	d.seq = 10
	d.say("1", "Langkah 1 dari 11")
	d.seq = 4 // recorded before "1", sent after it
	d.say("ya", "Langkah 2 dari 11")
	d.seq = 11
	d.say("Budi Santoso", "Langkah 3 dari 11")
}

// thirdService is a service added as data only: it uses existing kinds.
const thirdService = `
services:
  - code: VPN
    sop: "SOP#9"
    keywords: [vpn]
    title: {id: Akun VPN, en: VPN account}
    next_steps: {id: Admin memverifikasi., en: The admin verifies.}
    sla: 2 working days
    approvers: [admin]
    fields:
      - key: name
        kind: text
        min: 3
        max: 80
        label: {id: Nama pemohon, en: Applicant's name}
        prompt: {id: "Tulis nama. Contoh: Budi", en: "Type your name. Example: Budi"}
      - key: email
        kind: email
        domains: [staff.uns.ac.id]
        label: {id: Email, en: E-mail}
        prompt: {id: "Tulis email. Contoh: budi@staff.uns.ac.id", en: "Type your e-mail. Example: budi@staff.uns.ac.id"}
      - key: until
        kind: date
        not_past: true
        label: {id: Berlaku sampai, en: Valid until}
        prompt: {id: "Sampai kapan? Contoh: 31 Desember 2026", en: "Until when? Example: 31 December 2026"}
`

func TestThirdServiceNeedsNoGoChange(t *testing.T) {
	t.Parallel()
	cat, err := conversation.ParseCatalog([]byte(thirdService))
	if err != nil {
		t.Fatal(err)
	}
	d := newDialog(t, cat)
	d.say("halo", "1. Akun VPN")
	d.say("vpn", "Langkah 1 dari 3")
	d.say("Budi Santoso", "Langkah 2 dari 3")
	d.say("budi@staff.uns.ac.id", "Langkah 3 dari 3")
	d.say("31 Desember 2026", "Ringkasan permohonan Akun VPN", "3. Berlaku sampai: Kamis, 31 Desember 2026")
	d.say("kirim", "VPN-2026-0001")
}

func TestInvalidCatalogNamesServiceAndField(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ edit, want string }{
		"unknown kind":    {"kind: email\n", "service VPN: field email: unknown kind \"emial\""},
		"bad after":       {"not_past: true\n", "service VPN: field until: after: \"nope\""},
		"bad bounds":      {"min: 3\n", "service VPN: field name: min and max"},
		"bad domain":      {"domains: [staff.uns.ac.id]\n", "service VPN: field email: domain"},
		"bad sla":         {"sla: 2 working days\n", "service VPN: sla"},
		"missing prompt":  {"prompt: {id: \"Tulis nama. Contoh: Budi\", en: \"Type your name. Example: Budi\"}\n", "service VPN: field name: label and prompt"},
		"example unknown": {"Contoh: Budi\"", "service VPN: field name: prompt has {example}, but kind text gives no example"},
	}
	replace := map[string]string{
		"unknown kind":    "kind: emial\n",
		"bad after":       "not_past: true\n        after: nope\n",
		"bad bounds":      "min: 300\n",
		"bad domain":      "domains: [staff uns]\n",
		"bad sla":         "sla: soon\n",
		"missing prompt":  "prompt: {id: \"Tulis nama\"}\n",
		"example unknown": "Contoh: {example}\"",
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := conversation.ParseCatalog([]byte(strings.Replace(thirdService, c.edit, replace[name], 1)))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestDefaultCatalogLoads(t *testing.T) {
	t.Parallel()
	cat, err := conversation.LoadCatalog("")
	if err != nil {
		t.Fatal(err)
	}
	zm, em := cat.Service("ZM"), cat.Service("EM")
	if zm == nil || em == nil || len(zm.Fields) != 11 || len(em.Fields) != 11 {
		t.Fatalf("catalog services: %v %v", zm, em)
	}
	// The SOP's own words name the fields.
	for _, want := range []string{"NIP pemohon", "Nama Fakultas/Prodi/Unit", "Tanggal awal penggunaan lisensi", "Jumlah peserta", "Surat permohonan (PDF)"} {
		found := false
		for _, f := range zm.Fields {
			found = found || f.Label.ID == want
		}
		if !found {
			t.Errorf("ZM has no field labelled %q", want)
		}
	}
}

// BenchmarkDialogTurn measures one applicant message end to end on real Redis and
// PostgreSQL: load the session, take the service's pooled machine, validate, save.
// An op is three turns; it also reports the session's size at the end and the Redis
// round trips per turn.
func BenchmarkDialogTurn(b *testing.B) {
	env := storetest.New(b)
	cat, err := conversation.LoadCatalog("")
	if err != nil {
		b.Fatal(err)
	}
	c := &conversation.Conversation{Catalog: cat, Store: env.DB, Sessions: env.Sessions}
	ctx := context.Background()
	const chat = "6281234567890"
	seq := int64(0)
	send := func(text string) {
		seq++
		if _, err := c.Handle(ctx, loket.Message{Seq: seq, Chat: chat, Kind: loket.KindText, Text: text}); err != nil {
			b.Fatal(err)
		}
	}
	send("1")
	send("ya")
	send("Budi Santoso")
	trips := storetest.CountRoundTrips(env.Redis)
	b.ReportAllocs()
	for b.Loop() {
		send("12345")        // a wrong NIP: validated, refused, session saved
		send("kembali")      // back to the name
		send("Budi Santoso") // and forward again
	}
	b.ReportMetric(float64(len(trips.Take()))/float64(b.N*3), "redis-trips/turn")
	session, _, err := env.Sessions.Load(ctx, chat)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(session)), "session-B")
}

func TestResultTextRendersDatesInTheApplicantsLanguage(t *testing.T) {
	cat, err := conversation.LoadCatalog("")
	if err != nil {
		t.Fatal(err)
	}
	r := &loket.Request{Service: "ZM", Fields: []loket.Field{
		{Key: "email", Value: "budi@staff.uns.ac.id"},
		{Key: "start_date", Value: "2026-12-12", Shown: "Sabtu, 12 Desember 2026"},
		{Key: "end_date", Value: "2026-12-13", Shown: "Minggu, 13 Desember 2026"},
	}}
	en := cat.ResultText(r, loket.English)
	if !strings.Contains(en, "Saturday, 12 December 2026") || !strings.Contains(en, "budi@staff.uns.ac.id") {
		t.Fatalf("English result: %q", en)
	}
	if id := cat.ResultText(r, loket.Indonesian); !strings.Contains(id, "Minggu, 13 Desember 2026") {
		t.Fatalf("Indonesian result: %q", id)
	}
}

// TestResumeQuestionKnowsTheDialogsWords: "iya", "ok" and "batalkan" answer "continue
// or start again?" as they answer every other question.
func TestResumeQuestionKnowsTheDialogsWords(t *testing.T) {
	t.Parallel()
	for word, want := range map[string]string{"iya": "Langkah 2 dari 11", "ok": "Langkah 2 dari 11", "batalkan": "Yakin membatalkan draf"} {
		d := newDialog(t, nil)
		d.say("1", "Langkah 1 dari 11")
		d.say("ya", "Langkah 2 dari 11")
		d.now = d.now.Add(31 * time.Minute)
		d.say("Budi Santoso", "*mulai ulang*")
		d.say(word, want)
	}
}
