package sim

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"
)

func TestInboundIsARealWhatsAppEvent(t *testing.T) {
	var got []*events.Message
	s := New(func(evt any) bool { got = append(got, evt.(*events.Message)); return true })
	defer s.Close()

	if _, err := s.Send(Inbound{From: "6281234567890", Name: "Budi", Text: "halo"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Send(Inbound{From: "6281234567890", Text: "/verifikasi", QuotedID: "3EB0AA"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Send(Inbound{From: "6281234567890", LID: true, Document: &File{FileName: "a.pdf", MimeType: "application/pdf", Data: []byte("%PDF-")}, Caption: "surat"}); err != nil {
		t.Fatal(err)
	}
	text, quoted, doc := got[0], got[1], got[2]
	if text.Message.GetConversation() != "halo" || text.Info.PushName != "Budi" || text.Info.Sender.User != "6281234567890" || text.Info.Sender.Server != types.DefaultUserServer {
		t.Fatalf("text event: %+v", text.Info)
	}
	if quoted.Message.GetExtendedTextMessage().GetContextInfo().GetStanzaID() != "3EB0AA" {
		t.Fatalf("quoted reply lost its StanzaID: %v", quoted.Message)
	}
	if doc.Info.Sender.Server != types.HiddenUserServer || doc.Info.SenderAlt.User != "6281234567890" || doc.Info.AddressingMode != types.AddressingModeLID {
		t.Fatalf("LID event: %+v", doc.Info.MessageSource)
	}
	d := doc.Message.GetDocumentMessage()
	data, err := s.Download(context.Background(), d)
	if err != nil || string(data) != "%PDF-" || d.GetFileLength() != 5 || d.GetCaption() != "surat" {
		t.Fatalf("document: %v %q %v", err, data, d)
	}
}

// TestQuoteCarriesTheQuotedMessage: a reply to a message the bot sent carries that
// message's text (or a document's caption) in ContextInfo.QuotedMessage, as a WhatsApp
// app copies it into the quote; only a message of the sender's own chat is quoted so.
func TestQuoteCarriesTheQuotedMessage(t *testing.T) {
	var got []*events.Message
	s := New(func(evt any) bool { got = append(got, evt.(*events.Message)); return true })
	defer s.Close()
	ctx := context.Background()
	budi := types.NewJID("6281234567890", types.DefaultUserServer)
	sent := map[string]*waE2E.Message{
		"3EB0TEXT": {Conversation: proto.String("*ZM-2026-0001 — Lisensi Zoom*")},
		"3EB0EXT":  {ExtendedTextMessage: &waE2E.ExtendedTextMessage{Text: proto.String("✅ ZM-2026-0001 sekarang: terverifikasi.")}},
		"3EB0DOC":  {DocumentMessage: &waE2E.DocumentMessage{FileName: proto.String("ZM-2026-0001-surat.pdf"), Caption: proto.String("Surat permohonan ZM-2026-0001")}},
	}
	for id, m := range sent {
		if _, err := s.SendMessage(ctx, budi, m, whatsmeow.SendRequestExtra{ID: id}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SendMessage(ctx, types.NewJID("6281100000001", types.DefaultUserServer), &waE2E.Message{Conversation: proto.String("ZM-2026-0002")}, whatsmeow.SendRequestExtra{ID: "3EB0OTHER"}); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"3EB0TEXT": "*ZM-2026-0001 — Lisensi Zoom*", "3EB0EXT": "✅ ZM-2026-0001 sekarang: terverifikasi.",
		"3EB0DOC": "Surat permohonan ZM-2026-0001", "3EB0OTHER": "", "3EB0NEVER": ""} {
		got = nil
		if _, err := s.Send(Inbound{From: "6281234567890", Text: "/verifikasi", QuotedID: id}); err != nil {
			t.Fatal(err)
		}
		ci := got[0].Message.GetExtendedTextMessage().GetContextInfo()
		q := ci.GetQuotedMessage()
		text := q.GetConversation() + q.GetExtendedTextMessage().GetText() + q.GetDocumentMessage().GetCaption()
		if ci.GetStanzaID() != id || text != want {
			t.Errorf("quoting %s: StanzaID %q, quoted text %q, want %q", id, ci.GetStanzaID(), text, want)
		}
		if want == "" && q != nil {
			t.Errorf("quoting %s, not a message of this chat, carried %v", id, q)
		}
	}
}

func TestRefusedEventIsDeliveredAgain(t *testing.T) {
	var calls atomic.Int32
	s := New(func(any) bool { return calls.Add(1) >= 3 })
	s.RetryEvery = 5 * time.Millisecond
	defer s.Close()
	if _, err := s.Send(Inbound{From: "6281234567890", ID: "X1", Text: "halo"}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); calls.Load() < 3 && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
	}
	if n := calls.Load(); n != 3 {
		t.Fatalf("delivered %d times, want 3 (two refusals, one success)", n)
	}
}

func TestSendRecordsOncePerIDAndWaits(t *testing.T) {
	s := New(func(any) bool { return true })
	defer s.Close()
	to := types.NewJID("6281234567890", types.DefaultUserServer)
	go func() {
		time.Sleep(50 * time.Millisecond)
		for range 2 {
			_, _ = s.SendMessage(context.Background(), to, &waE2E.Message{Conversation: proto.String("hai")}, whatsmeow.SendRequestExtra{ID: "3EB0FIXED"})
		}
	}()
	got := s.Wait(context.Background(), "6281234567890", 0, 5*time.Second)
	if len(got) != 1 || got[0].Text != "hai" || got[0].ID != "3EB0FIXED" {
		t.Fatalf("waited for %v", got)
	}
	time.Sleep(20 * time.Millisecond)
	if all := s.Sent("", 0); len(all) != 1 {
		t.Fatalf("the same message ID was recorded %d times", len(all))
	}
	s.SetOffline(true)
	if _, err := s.SendMessage(context.Background(), to, &waE2E.Message{Conversation: proto.String("x")}); err != ErrOffline {
		t.Fatalf("offline send: %v", err)
	}
}

func TestBadInboundIsRefused(t *testing.T) {
	s := New(func(any) bool { return true })
	defer s.Close()
	for _, in := range []Inbound{
		{From: "+6281234567890", Text: "x"},
		{From: "62812", Text: "x"},
		{From: "6281234567890"},
		{From: "6281234567890", Text: "x", Image: &File{}},
		{From: "6281234567890", Kind: "hologram"},
	} {
		if _, err := s.Send(in); err == nil {
			t.Errorf("%+v was accepted", in)
		}
	}
}

// TestEventsReachTheBotOneAtATime: whatsmeow handles a connection's stanzas one after
// another, with the bot's handler inside, so the simulator never has the handler
// running twice at once — not for senders sending at the same moment, nor for a
// re-delivery — or a bench would measure records made side by side that WhatsApp
// never gives the bot.
func TestEventsReachTheBotOneAtATime(t *testing.T) {
	var running, most, calls atomic.Int32
	s := New(func(any) bool {
		n := running.Add(1)
		defer running.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(5 * time.Millisecond)
		return calls.Add(1) != 1 // the first is refused, and comes again
	})
	s.RetryEvery = time.Millisecond
	defer s.Close()
	done := make(chan error, 8)
	for i := range 8 {
		go func() {
			_, err := s.Send(Inbound{From: fmt.Sprintf("628123456780%d", i), Text: "halo"})
			done <- err
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	for deadline := time.Now().Add(5 * time.Second); calls.Load() < 9; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d deliveries, want 9 (eight, and the refused one again)", calls.Load())
		}
	}
	if n := most.Load(); n != 1 {
		t.Errorf("the handler ran %d times at once, want one at a time", n)
	}
}

// TestAFileWaitingItsTurnIsNotForgotten: files sent while the bot is busy with an
// earlier message are kept from their turn, not from their send, so the simulator's
// bounded memory (MediaMemory) never drops one before the bot came to fetch it, as
// WhatsApp's media servers would not.
func TestAFileWaitingItsTurnIsNotForgotten(t *testing.T) {
	busy, fetched := make(chan struct{}), make(chan error, 8)
	var s *Sim
	s = New(func(evt any) bool {
		msg := evt.(*events.Message)
		if msg.Message.GetConversation() == "halo" {
			<-busy
			return true
		}
		_, err := s.Download(context.Background(), msg.Message.GetDocumentMessage())
		fetched <- err
		return true
	})
	s.MediaMemory = 1000
	defer s.Close()
	go s.Send(Inbound{From: "6281234567800", Text: "halo"})
	time.Sleep(20 * time.Millisecond) // the bot is busy with it
	for i := range 4 {
		go s.Send(Inbound{From: fmt.Sprintf("628123456781%d", i), Document: &File{FileName: "surat.pdf", MimeType: "application/pdf", Data: make([]byte, 600)}})
	}
	time.Sleep(50 * time.Millisecond) // all four wait their turn
	close(busy)
	for range 4 {
		if err := <-fetched; err != nil {
			t.Errorf("a file that waited its turn: %v", err)
		}
	}
}

// TestAPanickingHandlerDoesNotStopDelivery: a handler that panics (a test's, the
// bench's) fails its own send, and the next message is still delivered: the turn
// it held is given back.
func TestAPanickingHandlerDoesNotStopDelivery(t *testing.T) {
	var calls atomic.Int32
	s := New(func(any) bool {
		if calls.Add(1) == 1 {
			panic("handler")
		}
		return true
	})
	defer s.Close()
	func() {
		defer func() { _ = recover() }()
		_, _ = s.Send(Inbound{From: "6281234567801", Text: "halo"})
	}()
	done := make(chan error, 1)
	go func() { _, err := s.Send(Inbound{From: "6281234567802", Text: "halo"}); done <- err }()
	select {
	case err := <-done:
		if err != nil || calls.Load() != 2 {
			t.Fatalf("the next message: %v after %d deliveries", err, calls.Load())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the next message was never delivered: the panicking handler kept the turn")
	}
}

// TestABridgeDoesNotTakeTurns: a simulator bridged to a bot in another process does
// not hand its events over one at a time itself (that bot takes them one at a time):
// with no bot polling, each delivery waits its second to be taken, and senders wait
// side by side, not one second after another — as they would behind a killed bot's
// 20 s unacknowledged event.
func TestABridgeDoesNotTakeTurns(t *testing.T) {
	s := New(nil)
	NewBridge(s)
	defer s.Close()
	start := time.Now()
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() { _, _ = s.Send(Inbound{From: fmt.Sprintf("628123456782%d", i), Text: "halo"}) })
	}
	wg.Wait()
	if took := time.Since(start); took > 4*time.Second {
		t.Errorf("six sends with no bot polling took %v: they waited for each other", took)
	}
}
