package conversation_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
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
