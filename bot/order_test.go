package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"

	"github.com/uns-dtik/loket/bot"
)

// slowAnswers delays the bot's text messages to one number (its answers; documents
// go at once), as a slow network would: a notification sent meanwhile could overtake
// the answer it belongs to.
type slowAnswers struct {
	bot.Client
	to    string
	delay time.Duration
}

func (s *slowAnswers) SendMessage(ctx context.Context, to types.JID, m *waE2E.Message, extra ...whatsmeow.SendRequestExtra) (whatsmeow.SendResponse, error) {
	if to.User == s.to && m.GetDocumentMessage() == nil {
		time.Sleep(s.delay)
	}
	return s.Client.SendMessage(ctx, to, m, extra...)
}

// TestLihatsLetterFollowsItsDetail: /lihat answers with the request's detail and sends
// its letter through the outbox; the letter reaches the staff member after the
// detail, even when the answer is slow to go out (the sender leaves a chat alone
// while a worker holds it).
func TestLihatsLetterFollowsItsDetail(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, _, _, _ := staffTeam(t, h)
	ref := fileZoom(t, h.chat("6281234567894"), 1)
	admin.await("Permohonan baru")
	h.tune = func(b *bot.Bot) {
		b.Client = &slowAnswers{Client: h.sim, to: admin.phone, delay: 300 * time.Millisecond}
	}
	h.restart()
	var before int64
	if sent := h.sim.Sent(admin.phone, 0); len(sent) > 0 {
		before = sent[len(sent)-1].Seq
	}
	if _, err := h.sim.Send(simText(admin, "/lihat "+ref)); err != nil {
		t.Fatal(err)
	}
	h.sentEver(admin.phone, "Surat permohonan "+ref)
	h.sentEver(admin.phone, "Status: ")
	var order []string
	for _, m := range h.sim.Sent(admin.phone, before) {
		switch {
		case m.Document != nil:
			order = append(order, "letter")
		case strings.Contains(m.Text, "Status: "):
			order = append(order, "detail")
		}
	}
	if strings.Join(order, ",") != "detail,letter" {
		t.Fatalf("after /lihat the admin got %v, want the detail, then the letter", order)
	}
}
