package bot

import (
	"context"
	"errors"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"github.com/uns-dtik/loket"
)

// lidMap is a LID map with one entry, as whatsmeow's store would have it.
type lidMap map[string]string

func (m lidMap) GetPNForLID(_ context.Context, lid types.JID) (types.JID, error) {
	if pn, ok := m[lid.User]; ok {
		return types.NewJID(pn, types.DefaultUserServer), nil
	}
	return types.JID{}, nil
}

var (
	budiPN  = types.NewJID("6281234567890", types.DefaultUserServer)
	budiLID = types.NewJID("205981277929522", types.HiddenUserServer)
)

// received builds the event whatsmeow dispatches for raw: the same UnwrapRaw it calls.
func received(sender, alt types.JID, raw *waE2E.Message) *events.Message {
	evt := &events.Message{
		Info: types.MessageInfo{
			MessageSource: types.MessageSource{Chat: sender, Sender: sender, SenderAlt: alt},
			ID:            "3EB0C0FFEE", PushName: "Budi", Timestamp: time.Unix(1_790_000_000, 0),
		},
		RawMessage: raw,
	}
	return evt.UnwrapRaw()
}

// translate takes an event the way the bot does: to an inbox row, then to the message
// the dialog sees.
func translate(t *testing.T, b *Bot, evt *events.Message) loket.Message {
	t.Helper()
	if why := ignored(evt); why != "" {
		t.Fatalf("the message was ignored: %s", why)
	}
	row, err := b.inboxRow(context.Background(), evt)
	if err != nil {
		t.Fatal(err)
	}
	if row.ReplyTo != evt.Info.Chat.ToNonAD().String() {
		t.Fatalf("replies go to %q, not the chat %s", row.ReplyTo, evt.Info.Chat)
	}
	m, err := b.toMessage(row)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTranslationFromWhatsApp(t *testing.T) {
	doc := &waE2E.DocumentMessage{FileName: proto.String("surat.pdf"), Mimetype: proto.String("application/pdf"),
		FileLength: proto.Uint64(48213), Caption: proto.String("surat permohonan")}
	bare := proto.Clone(doc).(*waE2E.DocumentMessage)
	bare.Caption = nil
	quote := &waE2E.ContextInfo{StanzaID: proto.String("QUOTED-1")}
	cases := []struct {
		name    string
		raw     *waE2E.Message
		kind    loket.Kind
		text    string
		file    string
		quoted  string
		wrapped bool
		// photo: a photo is fetched as a document is (a complaint's screenshot).
		photo bool
	}{
		{name: "text", raw: &waE2E.Message{Conversation: proto.String("halo")}, kind: loket.KindText, text: "halo"},
		{name: "extended text with a quote", raw: &waE2E.Message{ExtendedTextMessage: &waE2E.ExtendedTextMessage{
			Text: proto.String("ya, yang ini"), ContextInfo: quote}}, kind: loket.KindText, text: "ya, yang ini", quoted: "QUOTED-1"},
		{name: "document with a caption", raw: &waE2E.Message{DocumentMessage: doc},
			kind: loket.KindDocument, text: "surat permohonan", file: "surat.pdf"},
		{name: "document without a caption", raw: &waE2E.Message{DocumentMessage: bare},
			kind: loket.KindDocument, file: "surat.pdf"},
		{name: "document-with-caption wrapper", raw: &waE2E.Message{DocumentWithCaptionMessage: &waE2E.FutureProofMessage{
			Message: &waE2E.Message{DocumentMessage: doc}}}, kind: loket.KindDocument, text: "surat permohonan", file: "surat.pdf", wrapped: true},
		{name: "image", raw: &waE2E.Message{ImageMessage: &waE2E.ImageMessage{Caption: proto.String("foto surat"),
			Mimetype: proto.String("image/jpeg"), FileLength: proto.Uint64(48213)}},
			kind: loket.KindImage, text: "foto surat", photo: true},
		{name: "sticker", raw: &waE2E.Message{StickerMessage: &waE2E.StickerMessage{}}, kind: loket.KindSticker},
		{name: "location", raw: &waE2E.Message{LocationMessage: &waE2E.LocationMessage{
			DegreesLatitude: proto.Float64(-7.559), DegreesLongitude: proto.Float64(110.857)}}, kind: loket.KindLocation},
		{name: "contact", raw: &waE2E.Message{ContactMessage: &waE2E.ContactMessage{DisplayName: proto.String("Rina")}},
			kind: loket.KindContact},
		{name: "edit", raw: &waE2E.Message{EditedMessage: &waE2E.FutureProofMessage{Message: &waE2E.Message{
			ProtocolMessage: &waE2E.ProtocolMessage{Type: waE2E.ProtocolMessage_MESSAGE_EDIT.Enum(),
				EditedMessage: &waE2E.Message{Conversation: proto.String("halo lagi")}}}}}, kind: loket.KindEdit},
		{name: "bare edit", raw: &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{Type: waE2E.ProtocolMessage_MESSAGE_EDIT.Enum(),
			EditedMessage: &waE2E.Message{Conversation: proto.String("halo lagi")}}}, kind: loket.KindEdit},
	}
	b := &Bot{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			evt := received(budiPN, types.JID{}, c.raw)
			if evt.IsDocumentWithCaption != c.wrapped {
				t.Fatalf("IsDocumentWithCaption = %v", evt.IsDocumentWithCaption)
			}
			m := translate(t, b, evt)
			if m.Kind != c.kind || m.Text != c.text || m.QuotedID != c.quoted {
				t.Fatalf("got kind %v text %q quote %q; want %v %q %q", m.Kind, m.Text, m.QuotedID, c.kind, c.text, c.quoted)
			}
			if m.Chat != "6281234567890" || m.Phone != "+6281234567890" || m.Name != "Budi" || m.ID != "3EB0C0FFEE" ||
				!m.Time.Equal(evt.Info.Timestamp) {
				t.Fatalf("sender or metadata lost: %+v", m)
			}
			if (m.Document != nil) != (c.file != "" || c.photo) {
				t.Fatalf("document = %+v", m.Document)
			}
			if d := m.Document; c.photo && (d.FileName != "" || d.MimeType != "image/jpeg" || d.DeclaredSize != 48213 || d.Fetch == nil) {
				t.Fatalf("photo = %+v", d)
			}
			if d := m.Document; !c.photo && d != nil && (d.FileName != c.file || d.MimeType != "application/pdf" || d.DeclaredSize != 48213 || d.Fetch == nil) {
				t.Fatalf("document = %+v", d)
			}
		})
	}
}

// TestQuotedTextComesAlong: a reply carries the text of the message it quotes as the
// app sent it (ContextInfo.QuotedMessage: a text, an extended text, a document's or a
// photo's caption), cleaned like every text that enters, so the back office can take
// the reference a quoted bot message names.
func TestQuotedTextComesAlong(t *testing.T) {
	b := &Bot{}
	for name, c := range map[string]struct {
		quoted *waE2E.Message
		want   string
	}{
		"text":          {&waE2E.Message{Conversation: proto.String("*ZM-2026-0001 — Lisensi Zoom*")}, "*ZM-2026-0001 — Lisensi Zoom*"},
		"extended text": {&waE2E.Message{ExtendedTextMessage: &waE2E.ExtendedTextMessage{Text: proto.String("✅ ZM-2026-0001 sekarang")}}, "✅ ZM-2026-0001 sekarang"},
		"document":      {&waE2E.Message{DocumentMessage: &waE2E.DocumentMessage{Caption: proto.String("Surat permohonan ZM-2026-0001")}}, "Surat permohonan ZM-2026-0001"},
		"photo":         {&waE2E.Message{ImageMessage: &waE2E.ImageMessage{Caption: proto.String("foto ZM-2026-0001")}}, "foto ZM-2026-0001"},
		"controls":      {&waE2E.Message{Conversation: proto.String("ZM-2026-\u202e0001\x00")}, "ZM-2026-0001"},
		"nothing":       {nil, ""},
	} {
		quote := &waE2E.ContextInfo{StanzaID: proto.String("QUOTED-1"), QuotedMessage: c.quoted}
		for kind, raw := range map[string]*waE2E.Message{
			"text reply":     {ExtendedTextMessage: &waE2E.ExtendedTextMessage{Text: proto.String("/verifikasi"), ContextInfo: quote}},
			"document reply": {DocumentMessage: &waE2E.DocumentMessage{FileName: proto.String("surat.pdf"), ContextInfo: quote}},
		} {
			if m := translate(t, b, received(budiPN, types.JID{}, raw)); m.QuotedID != "QUOTED-1" || m.QuotedText != c.want {
				t.Errorf("%s quoting %s: quote %q text %q, want %q", kind, name, m.QuotedID, m.QuotedText, c.want)
			}
		}
	}
}

// TestOnePersonOneChat: whichever form WhatsApp gives the sender in, the same person
// lands in the same chat with the same number; a LID nobody knows gets no number
// (the dialog asks for one) and replies still reach it.
func TestOnePersonOneChat(t *testing.T) {
	text := &waE2E.Message{Conversation: proto.String("halo")}
	b := &Bot{LIDs: lidMap{budiLID.User: budiPN.User}}
	for name, evt := range map[string]*events.Message{
		"phone number":           received(budiPN, types.JID{}, text),
		"device of the number":   received(types.JID{User: budiPN.User, Device: 3, Server: types.DefaultUserServer}, types.JID{}, text),
		"LID with SenderAlt":     received(budiLID, budiPN, text),
		"LID in the LID map":     received(budiLID, types.JID{}, text),
		"LID device in the map ": received(types.JID{User: budiLID.User, Device: 12, Server: types.HiddenUserServer}, types.JID{}, text),
	} {
		if m := translate(t, b, evt); m.Chat != budiPN.User || m.Phone != "+"+budiPN.User {
			t.Errorf("%s: chat %q phone %q", name, m.Chat, m.Phone)
		}
	}

	stranger := types.NewJID("99887766554433", types.HiddenUserServer)
	m := translate(t, b, received(stranger, types.JID{}, text))
	if m.Phone != "" || m.Chat != "lid:99887766554433" {
		t.Fatalf("an unknown LID got chat %q phone %q", m.Chat, m.Phone)
	}
	if jidFor(m.Chat) != stranger {
		t.Fatalf("replies to an unknown LID go to %s", jidFor(m.Chat))
	}
	failing := &Bot{LIDs: failingLIDs{}}
	if m := translate(t, failing, received(budiLID, types.JID{}, text)); m.Chat != "lid:"+budiLID.User {
		t.Fatalf("a failing LID map gave chat %q", m.Chat)
	}
}

type failingLIDs struct{}

func (failingLIDs) GetPNForLID(context.Context, types.JID) (types.JID, error) {
	return types.JID{}, errors.New("database is gone")
}

// TestIgnoredMessages: what is not for the dialog is acknowledged and dropped without
// touching the inbox (this bot has none: touching it would fail).
func TestIgnoredMessages(t *testing.T) {
	text := &waE2E.Message{Conversation: proto.String("halo")}
	group := received(budiPN, types.JID{}, text)
	group.Info.Chat, group.Info.IsGroup = types.NewJID("120363025246125486", types.GroupServer), true
	own := received(budiPN, types.JID{}, text)
	own.Info.IsFromMe = true
	status := received(budiPN, types.JID{}, text)
	status.Info.Chat = types.StatusBroadcastJID
	newsletter := received(budiPN, types.JID{}, text)
	newsletter.Info.Chat = types.NewJID("120363144038483540", types.NewsletterServer)
	revoke := received(budiPN, types.JID{}, &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{
		Type: waE2E.ProtocolMessage_REVOKE.Enum()}})
	reaction := received(budiPN, types.JID{}, &waE2E.Message{ReactionMessage: &waE2E.ReactionMessage{Text: proto.String("👍")}})

	b := &Bot{}
	for name, evt := range map[string]*events.Message{"group": group, "own": own, "status": status,
		"newsletter": newsletter, "protocol": revoke, "reaction": reaction} {
		if ignored(evt) == "" {
			t.Errorf("%s: not ignored", name)
		}
		if !b.HandleEvent(evt) {
			t.Errorf("%s: not acknowledged", name)
		}
	}
	if !b.HandleEvent(&events.HistorySync{}) || !b.HandleEvent(&events.Connected{}) {
		t.Error("other events are not acknowledged")
	}
}

// panickyInbox stands for a bug in recording: it panics.
type panickyInbox struct{ Inbox }

func (panickyInbox) AddInbox(context.Context, loket.InboxMessage) (bool, error) {
	panic("bug while recording")
}

// TestPanicIsNotAcknowledged: a panic while recording must not be reported as
// success, or whatsmeow would ack a message that was never kept.
func TestPanicIsNotAcknowledged(t *testing.T) {
	b := &Bot{Inbox: panickyInbox{}}
	if b.HandleEvent(received(budiPN, types.JID{}, &waE2E.Message{Conversation: proto.String("halo")})) {
		t.Fatal("a message whose recording panicked was acknowledged")
	}
}
