package sim

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"
)

// bridged is a simulator whose events go through its bridge, served over HTTP.
func bridged(t *testing.T) (*Sim, *Remote) {
	t.Helper()
	s := New(nil)
	s.RetryEvery = 20 * time.Millisecond
	bridge := NewBridge(s)
	mux := http.NewServeMux()
	bridge.Routes(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(func() { srv.Close(); s.Close() })
	return s, &Remote{URL: srv.URL}
}

// TestBridgeCarriesWhatsApp: a bot in "another process" (a Remote over HTTP) gets the
// simulator's events as WhatsApp would send them, acknowledges them, and sends,
// uploads and downloads; an event it refuses, or takes and never acknowledges, is
// delivered again.
func TestBridgeCarriesWhatsApp(t *testing.T) {
	s, r := bridged(t)
	var mu sync.Mutex
	var got []*events.Message
	refuse := 1
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		_ = r.Run(ctx, func(evt any) bool {
			mu.Lock()
			defer mu.Unlock()
			if refuse > 0 {
				refuse--
				return false
			}
			got = append(got, evt.(*events.Message))
			return true
		})
	}()
	if _, err := s.Send(Inbound{From: "6281234567890", Name: "Budi", Text: "halo", LID: true}); err != nil {
		t.Fatal(err)
	}
	doc := &File{FileName: "surat.pdf", MimeType: "application/pdf", Data: []byte("%PDF-1.4 isi")}
	if _, err := s.Send(Inbound{From: "6281234567890", Document: doc}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		mu.Lock()
		n := len(got)
		mu.Unlock()
		if n == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of 2 events arrived (the first refused once)", n)
		}
	}
	text, file := got[0], got[1] // the refused one comes again, after the other
	if text.Message.GetConversation() == "" {
		text, file = file, text
	}
	if text.Message.GetConversation() != "halo" || text.Info.PushName != "Budi" || text.Info.Sender.Server != types.HiddenUserServer ||
		text.Info.SenderAlt.User != "6281234567890" || text.Info.Sender.Device != 1 {
		t.Fatalf("the text event changed on the way: %+v", text.Info)
	}
	if !r.IsConnected() {
		t.Fatal("connected to a reachable bridge, and says not")
	}
	data, err := r.Download(ctx, file.Message.GetDocumentMessage())
	if err != nil || string(data) != "%PDF-1.4 isi" {
		t.Fatalf("download = %q, %v", data, err)
	}
	up, err := r.Upload(ctx, []byte("balasan"), whatsmeow.MediaDocument)
	if err != nil {
		t.Fatal(err)
	}
	to := types.NewJID("6281234567890", types.DefaultUserServer)
	msg := &waE2E.Message{DocumentMessage: &waE2E.DocumentMessage{DirectPath: proto.String(up.DirectPath), FileName: proto.String("a.pdf"), Caption: proto.String("surat")}}
	for range 2 {
		if _, err := r.SendMessage(ctx, to, msg, whatsmeow.SendRequestExtra{ID: "3EB0REMOTE"}); err != nil {
			t.Fatal(err)
		}
	}
	if sent := s.Sent("6281234567890", 0); len(sent) != 1 || sent[0].Document == nil || sent[0].Document.Size != len("balasan") {
		t.Fatalf("sent through the bridge: %+v", sent)
	}
	s.SetOffline(true)
	if _, err := r.SendMessage(ctx, to, &waE2E.Message{Conversation: proto.String("x")}); err != ErrOffline {
		t.Fatalf("send during an outage: %v", err)
	}
	if r.IsConnected() {
		t.Fatal("during an outage the remote says it is connected")
	}
	if _, err := r.Download(ctx, &waE2E.DocumentMessage{DirectPath: proto.String("/sim/media/none")}); err != whatsmeow.ErrMediaDownloadFailedWith404 {
		t.Fatalf("download of nothing: %v", err)
	}
}

// TestBridgeRedeliversWhatADeadBotTook: an event sent while no bot polls (it is down)
// comes once a bot polls again.
func TestBridgeRedeliversWhatADeadBotTook(t *testing.T) {
	s, r := bridged(t)
	if _, err := s.Send(Inbound{From: "6281234567890", Text: "sebelum"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	arrived := make(chan string, 4)
	go func() {
		_ = r.Run(ctx, func(evt any) bool {
			arrived <- evt.(*events.Message).Message.GetConversation()
			return true
		})
	}()
	select {
	case text := <-arrived:
		if text != "sebelum" {
			t.Fatalf("got %q", text)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the message sent while no bot polled never arrived")
	}
}
