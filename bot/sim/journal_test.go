package sim

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"strings"
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

// TestSendWakesOnlyItsRecipient: a message to one number ends that number's long
// polls (and those for anyone), not every poll (at 200 chats each send woke all).
func TestSendWakesOnlyItsRecipient(t *testing.T) {
	s := New(nil)
	defer s.Close()
	s.mu.Lock()
	budi, ani, anyone := s.waitFor("6281234567890"), s.waitFor("6281234567891"), s.waitFor("")
	s.mu.Unlock()
	if _, err := s.SendMessage(context.Background(), types.NewJID("6281234567891", types.DefaultUserServer), &waE2E.Message{Conversation: proto.String("untuk Ani")}); err != nil {
		t.Fatal(err)
	}
	for name, ch := range map[string]chan struct{}{"Ani's poll": ani, "a poll for anyone": anyone} {
		select {
		case <-ch:
		default:
			t.Errorf("%s was not woken", name)
		}
	}
	select {
	case <-budi:
		t.Error("Budi's poll was woken by a message to Ani")
	default:
	}
}

// TestMemoryIsBounded: however long the simulator runs, it holds the newest messages
// and files only; with a journal, older files are read back from it.
func TestMemoryIsBounded(t *testing.T) {
	defer func(m int, b int64) { memoryMessages, memoryMedia = m, b }(memoryMessages, memoryMedia)
	memoryMessages, memoryMedia = 50, 3000
	env := storetest.New(t)
	ctx := context.Background()
	s := New(nil)
	if err := s.Restore(ctx, env.DB, nil); err != nil {
		t.Fatal(err)
	}
	to := types.NewJID("6281234567890", types.DefaultUserServer)
	for i := range 60 {
		if _, err := s.SendMessage(ctx, to, &waE2E.Message{Conversation: proto.String(fmt.Sprint("pesan ", i))}); err != nil {
			t.Fatal(err)
		}
	}
	if sent := s.Sent("", 0); len(sent) != 50 || sent[0].Text != "pesan 10" || sent[49].Seq != 60 {
		t.Fatalf("held %d messages, first %q, last seq %d; want the newest 50, numbered to 60", len(sent), sent[0].Text, sent[len(sent)-1].Seq)
	}
	var first string
	for i := range 5 {
		up, err := s.Upload(ctx, bytes.Repeat([]byte{byte('a' + i)}, 1000), whatsmeow.MediaDocument)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = strings.TrimPrefix(up.DirectPath, "/sim/media/")
		}
	}
	s.Close() // the journal has every file now
	s.mu.Lock()
	held, bytesHeld := len(s.media), s.mediaBytes
	s.mu.Unlock()
	if bytesHeld > 3000 || held > 3 {
		t.Fatalf("holds %d files, %d bytes; want at most 3,000 bytes", held, bytesHeld)
	}
	if data, ok := s.MediaBytes(first); !ok || len(data) != 1000 || data[0] != 'a' {
		t.Fatalf("the oldest file, dropped from memory, is not read back from the journal: %d bytes, %v", len(data), ok)
	}
}

// TestAFullTranscriptCostsLittlePerMessage: once the transcript holds its bound,
// each message the bot sends drops the oldest without copying the others: a send's
// cost does not grow with the bound (a copy per send made the bench's simulator a
// tenth of the process's CPU past 10,000 messages).
func TestAFullTranscriptCostsLittlePerMessage(t *testing.T) {
	defer func(m int) { memoryMessages = m }(memoryMessages)
	memoryMessages = 2000
	ctx := context.Background()
	s := New(nil)
	defer s.Close()
	to := types.NewJID("6281234567890", types.DefaultUserServer)
	send := func(n int) {
		for i := range n {
			if _, err := s.SendMessage(ctx, to, &waE2E.Message{Conversation: proto.String(fmt.Sprint("pesan ", i))}); err != nil {
				t.Fatal(err)
			}
		}
	}
	send(memoryMessages)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	const more = 4000
	send(more)
	runtime.ReadMemStats(&after)
	// A send allocates its message and its bookkeeping, a few hundred bytes; a copy
	// of the transcript would be memoryMessages × the size of an Outbound.
	if perSend := (after.TotalAlloc - before.TotalAlloc) / more; perSend > 8<<10 {
		t.Errorf("a send with a full transcript allocates %d bytes", perSend)
	}
	if sent := s.Sent("", 0); len(sent) != memoryMessages || sent[len(sent)-1].Seq != int64(memoryMessages+more) {
		t.Fatalf("held %d messages, last seq %d; want the newest %d", len(sent), sent[len(sent)-1].Seq, memoryMessages)
	}
}
