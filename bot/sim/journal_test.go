package sim

import (
	"bytes"
	"context"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"google.golang.org/protobuf/proto"

	"github.com/uns-dtik/loket/store/storetest"
)

// TestJournalKeepsHistoryAcrossRestarts: a simulator started again on the same
// journal shows what the bot sent before, serves the files of old links, and numbers
// on from where it was, so a client polling with after= sees only what is new.
func TestJournalKeepsHistoryAcrossRestarts(t *testing.T) {
	env := storetest.New(t)
	ctx := context.Background()
	to := types.NewJID("6281234567890", types.DefaultUserServer)
	letter := []byte("%PDF-1.4 surat permohonan")

	first := New(nil)
	if err := first.Restore(ctx, env.DB, nil); err != nil {
		t.Fatal(err)
	}
	up, err := first.Upload(ctx, letter, whatsmeow.MediaDocument)
	if err != nil {
		t.Fatal(err)
	}
	doc := &waE2E.Message{DocumentMessage: &waE2E.DocumentMessage{FileName: proto.String("ZM-2026-0001-surat.pdf"),
		Mimetype: proto.String("application/pdf"), DirectPath: proto.String(up.DirectPath)}}
	for _, m := range []*waE2E.Message{{Conversation: proto.String("Selamat datang")}, doc} {
		if _, err := first.SendMessage(ctx, to, m); err != nil {
			t.Fatal(err)
		}
	}
	before := first.Sent("", 0)
	first.Close() // writes what is still queued

	second := New(nil)
	defer second.Close()
	if err := second.Restore(ctx, env.DB, nil); err != nil {
		t.Fatal(err)
	}
	after := second.Sent("", 0)
	if len(after) != 2 || after[0].Text != "Selamat datang" || after[1].Document == nil || after[1].Seq != before[1].Seq {
		t.Fatalf("after a restart the history is %+v, want %+v", after, before)
	}
	if data, ok := second.MediaBytes(after[1].Document.URL[len("/sim/media/"):]); !ok || !bytes.Equal(data, letter) {
		t.Fatalf("the old link's file: %q %v", data, ok)
	}
	if _, err := second.SendMessage(ctx, to, &waE2E.Message{Conversation: proto.String("halo lagi")}); err != nil {
		t.Fatal(err)
	}
	if fresh := second.Wait(ctx, "6281234567890", before[1].Seq, time.Second); len(fresh) != 1 || fresh[0].Text != "halo lagi" || fresh[0].Seq != before[1].Seq+1 {
		t.Fatalf("after= the last seen number gives %+v, want only the new message, numbered on", fresh)
	}
}

// TestJournalAwayDelaysOnlyTheHistory: with PostgreSQL refusing the journal, the bot's
// sends still succeed at once; the history is written when it is back.
func TestJournalAwayDelaysOnlyTheHistory(t *testing.T) {
	env := storetest.New(t)
	ctx := context.Background()
	s := New(nil)
	defer s.Close()
	if err := s.Restore(ctx, env.DB, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.Pool.Exec(ctx, `ALTER TABLE sim_messages RENAME TO sim_messages_away`); err != nil {
		t.Fatal(err)
	}
	to := types.NewJID("6281234567890", types.DefaultUserServer)
	if _, err := s.SendMessage(ctx, to, &waE2E.Message{Conversation: proto.String("tetap terkirim")}); err != nil {
		t.Fatalf("a send with the journal away: %v", err)
	}
	time.Sleep(200 * time.Millisecond) // a failed write or two
	if _, err := env.DB.Pool.Exec(ctx, `ALTER TABLE sim_messages_away RENAME TO sim_messages`); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		kept, _, err := env.DB.SimMessages(ctx, time.Now().Add(-time.Hour), 10)
		if err == nil && len(kept) == 1 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the message was not kept once the journal was back: %d %v", len(kept), err)
		}
	}
}
