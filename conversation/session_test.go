package conversation_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store/storetest"
)

// Sessions as the code before the dialog's states were named saved them (dumped from
// it, last replies cut): the state "ask:<key>" or "review", with "editing",
// "pending" and "revision_of" beside it. A deploy must not lose or misplace them.
const (
	oldMidDialog = `{"lang":"id","greeted":true,"service":"ZM","state":"ask:nip","draft_id":"d2e31677e43100d6d380ad98","answers":{"applicant_name":{"key":"applicant_name","value":"Budi Santoso"},"official":{"key":"official","value":"ya","shown":"Ya"}},"updated":"2026-11-23T09:00:00+07:00","last_seq":3}`
	oldCancel    = `{"lang":"id","greeted":true,"service":"ZM","state":"ask:nip","draft_id":"3bb6d53738573606b376496d","answers":{"applicant_name":{"key":"applicant_name","value":"Budi Santoso"},"official":{"key":"official","value":"ya","shown":"Ya"}},"pending":"cancel","updated":"2026-11-23T09:00:00+07:00","last_seq":4}`
	oldSwitch    = `{"lang":"id","greeted":true,"service":"EM","state":"ask:event","draft_id":"7c43637fd9e54f6efa7369ef","answers":{"organised_by_uns":{"key":"organised_by_uns","value":"ya","shown":"Ya"},"username":{"key":"username","value":"semnas","shown":"semnas@mail.uns.ac.id"}},"pending":"switch:ZM","updated":"2026-11-23T09:00:00+07:00","last_seq":5}`
	oldMenu      = `{"lang":"id","greeted":true,"service":"ZM","state":"ask:applicant_name","draft_id":"ae5db6c20c2c1e8b08b9f1a3","answers":{"official":{"key":"official","value":"ya","shown":"Ya"}},"pending":"menu","updated":"2026-11-23T09:00:00+07:00","last_seq":3}`
	oldEditing   = `{"lang":"id","greeted":true,"service":"EV","state":"ask:start_date","draft_id":"0c65f3c5fc7ad2fbe9cbd301","answers":{"end_date":{"key":"end_date","value":"2026-12-13","shown":"Minggu, 13 Desember 2026"},"start_date":{"key":"start_date","value":"2026-12-12","shown":"Sabtu, 12 Desember 2026"},"username":{"key":"username","value":"semnas","shown":"semnas@mail.uns.ac.id"}},"editing":true,"updated":"2026-11-23T09:00:00+07:00","last_seq":5}`
	// oldRevision's request ID and draft ID are filled in by the test.
	oldRevision = `{"lang":"id","greeted":true,"service":"EV","state":"ask:end_date","draft_id":"revision-%[1]d-f5246942560833523b0e34ea","answers":{"end_date":{"key":"end_date","value":"2026-12-13","shown":"Minggu, 13 Desember 2026"},"start_date":{"key":"start_date","value":"2026-12-10","shown":"Kamis, 10 Desember 2026"},"username":{"key":"username","value":"semnas","shown":"semnas@mail.uns.ac.id"}},"revision_of":%[1]d,"editing":true,"updated":"2026-11-23T09:00:00+07:00","last_seq":8}`
)

// saved puts a session into the session store as a process before the upgrade left it.
func (d *dialog) saved(session string, lastSeq int64) {
	d.t.Helper()
	ctx := context.Background()
	_, version, err := d.c.Sessions.Load(ctx, d.chat)
	if err != nil {
		d.t.Fatal(err)
	}
	if err := d.c.Sessions.Save(ctx, d.chat, []byte(session), version, time.Hour); err != nil {
		d.t.Fatal(err)
	}
	d.seq = lastSeq
}

func TestSessionsSavedBeforeTheUpgradeResume(t *testing.T) {
	t.Parallel()
	t.Run("mid-dialog", func(t *testing.T) {
		t.Parallel()
		d := newDialog(t, nil)
		d.saved(oldMidDialog, 3)
		d.say("19860926 201505 1 001", "✓ NIP pemohon", "Langkah 4 dari 11")
	})
	t.Run("cancel asked", func(t *testing.T) {
		t.Parallel()
		d := newDialog(t, nil)
		d.saved(oldCancel, 4)
		d.say("hmm", "Balas *ya* untuk membatalkan draf")
		d.say("tidak", "draf tidak dibatalkan", "Langkah 3 dari 11")
		d.say("kembali", "Langkah 2 dari 11", "Jawaban sekarang: Budi Santoso")
	})
	t.Run("switch asked", func(t *testing.T) {
		t.Parallel()
		d := newDialog(t, nil)
		d.saved(oldSwitch, 5)
		d.say("ya", "Lisensi Zoom Temporary", "Langkah 1 dari 11")
	})
	t.Run("menu shown", func(t *testing.T) {
		t.Parallel()
		d := newDialog(t, nil)
		d.saved(oldMenu, 3)
		d.say("2", "akan dihapus", "Aktivasi Email Kegiatan")
		d.say("tidak", "Langkah 2 dari 11")
	})
	t.Run("field asked from the summary", func(t *testing.T) {
		t.Parallel()
		d := eventDialog(t)
		d.saved(oldEditing, 5)
		d.say("11 Desember 2026", "✓ Tanggal awal", "Ringkasan permohonan", "2. Tanggal awal: Jumat, 11 Desember 2026")
	})
	t.Run("revision", func(t *testing.T) {
		t.Parallel()
		d := eventDialog(t)
		r := d.fileEvent()
		d.move(r, loket.StatusRevision, "admin", "tanggal akhir salah")
		d.saved(fmt.Sprintf(oldRevision, r.ID), 8)
		d.say("15 Desember 2026", "Ringkasan permohonan", "3. Tanggal akhir: Selasa, 15 Desember 2026")
		d.say("kirim", "Perbaikan permohonan *EV-2026-0001* sudah kami terima")
		if r := d.request("EV-2026-0001"); r.Status != loket.StatusSubmitted || r.Field("end_date") != "2026-12-15" {
			t.Fatalf("after resubmitting: %+v", r)
		}
	})
}

// TestSessionWithAStepTheCatalogLost: a draft whose field a new catalog dropped is
// ended with a warning, not left stuck on a question that no longer exists.
func TestSessionWithAStepTheCatalogLost(t *testing.T) {
	t.Parallel()
	d := newDialog(t, nil)
	d.saved(`{"lang":"id","greeted":true,"service":"ZM","state":"ask:fax_number","draft_id":"x","updated":"2026-11-23T09:00:00+07:00","last_seq":2}`, 2)
	d.say("halo", "Balas dengan *nomor* layanan")
	d.say("1", "Langkah 1 dari 11")
}

// A session as the version before this format saved it, dumped from a run: answers
// with their "key", the last replies as loket.Reply's own JSON ("<" escaped), time
// to the nanosecond. A deploy must not lose it, nor the replay of its last message.
const previousAtTheLetter = `{"lang":"id","greeted":true,"service":"ZM","state":"ask:letter","draft_id":"918e8cfc77311e8be755525b","answers":{"applicant_name":{"key":"applicant_name","value":"Dr. Siti Aminah, M.Kom."},"contact_phone":{"key":"contact_phone","value":"+6281234567890"},"email":{"key":"email","value":"siti@staff.uns.ac.id"},"end_date":{"key":"end_date","value":"2026-11-25","shown":"Rabu, 25 November 2026"},"event":{"key":"event","value":"Seminar Nasional Teknologi \u0026 Informasi 2026"},"nip":{"key":"nip","value":"198609262015052001","shown":"19860926 201505 2 001"},"official":{"key":"official","value":"ya","shown":"Ya"},"participants":{"key":"participants","value":"300"},"start_date":{"key":"start_date","value":"2026-11-24","shown":"Selasa, 24 November 2026"},"unit":{"key":"unit","value":"Fakultas Teknik (FT)"}},"updated":"2026-11-23T09:00:00.766676869+07:00","last_seq":14,"last_replies":[{"Chat":"6281234567890","ID":"","Text":"Ketik *info \u003cnomor\u003e* untuk informasi layanan.","QuotedID":"","Attachment":null}]}`

func TestSessionSavedByThePreviousVersionReplaysAndGoesOn(t *testing.T) {
	t.Parallel()
	d := newDialog(t, nil)
	d.saved(previousAtTheLetter, 14)
	again, err := d.c.Handle(context.Background(), loket.Message{Seq: 14, Chat: d.chat, Phone: "+" + d.chat, Kind: loket.KindText, Text: "ya"})
	want := []loket.Reply{{Chat: d.chat, Text: "Ketik *info <nomor>* untuk informasi layanan."}}
	if err != nil || !reflect.DeepEqual(again, want) {
		t.Fatalf("the replay answered %+v (%v), want %+v", again, err, want)
	}
	d.say("kembali", "Langkah 10 dari 11", "Jawaban sekarang: +6281234567890")
	d.say("kembali", "Langkah 9 dari 11", "Jawaban sekarang: 300")
	// And what this version saved replays as well.
	msg := loket.Message{Seq: d.seq, Chat: d.chat, Phone: "+" + d.chat, Kind: loket.KindText, Text: "kembali"}
	if again, err := d.c.Handle(context.Background(), msg); err != nil || len(again) != 1 || !strings.Contains(again[0].Text, "Langkah 9 dari 11") || again[0].Chat != d.chat {
		t.Fatalf("the replay of a message this version saved answered %+v (%v)", again, err)
	}
}

// TestSessionHoldsLittleBesideItsContent: a session is read and written on every
// message, so beside what it must hold — the last replies' text, which a replay
// answers again, and the answers — it holds little: no reply's chat, empty IDs or
// escaped "<", no answer's key twice, no nanoseconds. Walks the Zoom dialog to
// its letter, with a clock that has nanoseconds as the real one does.
func TestSessionHoldsLittleBesideItsContent(t *testing.T) {
	t.Parallel()
	d := newDialog(t, nil)
	d.now = d.now.Add(766676869 * time.Nanosecond)
	steps := append(append([]exchange{{"halo", "Balas dengan *nomor*"}}, zoomApplicant...),
		exchange{"Seminar Nasional Teknologi & Informasi 2026", "Langkah 7 dari 11"},
		exchange{"besok", "Langkah 8 dari 11"}, exchange{"lusa", "Langkah 9 dari 11"},
		exchange{"300", "Langkah 10 dari 11"}, exchange{"ya", "Langkah 11 dari 11"},
		exchange{"12345", "*surat permohonan*"})
	for _, step := range steps {
		reply := d.say(step.text, step.want)
		data, _, err := d.c.Sessions.Load(context.Background(), d.chat)
		if err != nil {
			t.Fatal(err)
		}
		var saved struct {
			Answers map[string]map[string]any `json:"answers"`
		}
		if err := json.Unmarshal(data, &saved); err != nil {
			t.Fatal(err)
		}
		content := len(reply) + strings.Count(reply, "\n") // a newline is written \n
		for key, a := range saved.Answers {
			value, _ := a["value"].(string)
			shown, _ := a["shown"].(string)
			content += len(key) + len(value) + len(shown)
		}
		// The rest: the JSON's keys and punctuation, the language, the service, the
		// state, the draft's ID, the time, the sequence; and per answer its braces,
		// "value" and "shown".
		if over, most := len(data)-content, 215+20*len(saved.Answers); over > most {
			t.Errorf("after %q the session is %d bytes, %d beyond its content (at most %d):\n%s", step.text, len(data), over, most, data)
		}
	}
}

// TestDialogTurnIsOneRedisReadAndOneWrite: on real Redis, a message costs one round
// trip to load its session and one to save it; a replay of the last message only
// the load.
func TestDialogTurnIsOneRedisReadAndOneWrite(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	d := newDialog(t, nil)
	d.c.Sessions = env.Sessions
	d.say("halo") // the script may be new to this server: go-redis loads it once
	trips := storetest.CountRoundTrips(env.Redis)
	for _, text := range []string{"1", "ya", "Budi Santoso", "12345"} {
		d.say(text)
		if got := trips.Take(); !slices.Equal(got, []string{"hmget", "evalsha"}) {
			t.Fatalf("%q cost the round trips %q, want one load and one save", text, got)
		}
	}
	if _, err := d.c.Handle(context.Background(), loket.Message{Seq: d.seq, Chat: d.chat, Kind: loket.KindText, Text: "12345"}); err != nil {
		t.Fatal(err)
	}
	if got := trips.Take(); !slices.Equal(got, []string{"hmget"}) {
		t.Fatalf("a replay cost the round trips %q, want the load alone", got)
	}
}
