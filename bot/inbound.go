package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"github.com/uns-dtik/loket"
)

// HandleEvent receives whatsmeow events. Register it with
// AddEventHandlerWithSuccessStatus (and set SynchronousAck and
// EnableDecryptedEventBuffer): it reports true only once an inbound message is safely
// in the inbox, so WhatsApp re-delivers anything that could not be recorded. It never
// panics: whatsmeow would count a panic as success and the message would be lost.
//
// A message that cannot be recorded at once is tried again for a few seconds (a blip
// of PostgreSQL should not cost a redelivery); if it still cannot, the chat is held:
// its later messages wait until this one is recorded, so they are applied in the
// order they were sent. While the bot shuts down, nothing new is taken.
func (b *Bot) HandleEvent(evt any) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			b.log().Error("event handler panicked", "panic", r)
			ok = false
		}
	}()
	msg, isMsg := evt.(*events.Message)
	if !isMsg {
		if _, history := evt.(*events.HistorySync); history {
			b.log().Debug("ignored: history sync")
		}
		return true
	}
	if why := ignored(msg); why != "" {
		b.log().Debug("ignored inbound message", "why", why, "id", msg.Info.ID)
		return true
	}
	b.init()
	if b.stopping.Load() {
		return false // WhatsApp keeps it for the next process
	}
	ctx, cancel := context.WithTimeout(context.Background(), recordPatience+5*time.Second)
	defer cancel()
	row, err := b.inboxRow(ctx, msg)
	if err != nil {
		b.log().Error("cannot encode inbound message", "err", err)
		return false
	}
	var added bool
	arrived, started := time.Now(), b.chats.disk.tick()
	for wait, deadline := 50*time.Millisecond, time.Now().Add(recordPatience); ; wait = min(2*wait, time.Second) {
		added, err = b.Inbox.AddInbox(ctx, row)
		if err == nil || time.Now().Add(wait).After(deadline) || b.stopping.Load() {
			break
		}
		time.Sleep(wait)
	}
	if err != nil {
		b.chats.unrecorded(row.Chat, row.MsgID, row.SentAt, arrived, b.limits())
		b.log().Error("cannot record inbound message; WhatsApp will deliver it again", "err", err)
		return false
	}
	b.chats.recorded(row.Chat, row.MsgID)
	if added {
		// Waited for the disk: every mark made before it started is there too.
		b.chats.disk.synced(started)
		b.Metrics.MessagesIn.WithLabelValues(string(kindOf(content(msg)))).Inc()
		b.poke()
	}
	return true
}

// ignored says why a message is not for the dialog, "" when it is: the bot's own
// messages (or the phone owner typing), groups, status broadcasts, newsletters, and
// protocol messages (deletes) and reactions. An edit is for the dialog: it is told
// edits are not read.
func ignored(msg *events.Message) string {
	info := msg.Info
	switch {
	case info.IsFromMe:
		return "own message"
	case info.IsGroup:
		return "group"
	case info.Chat.Server == types.BroadcastServer:
		return "status broadcast"
	case info.Chat.Server == types.NewsletterServer:
		return "newsletter"
	case msg.Message == nil:
		return "no content"
	case isEdit(msg):
		return ""
	case msg.Message.GetProtocolMessage() != nil:
		return "protocol message"
	case msg.Message.GetReactionMessage() != nil:
		return "reaction"
	}
	return ""
}

// isEdit reports an edited message, whether whatsmeow unwrapped it (IsEdit) or it came
// as a bare edit protocol message.
func isEdit(msg *events.Message) bool {
	return msg.IsEdit || msg.Message.GetProtocolMessage().GetType() == waE2E.ProtocolMessage_MESSAGE_EDIT
}

// recordPatience is how long HandleEvent keeps trying to record one message. whatsmeow
// handles events one at a time, so every second here holds up all of them.
const recordPatience = 3 * time.Second

// inboxRow resolves who wrote and packs the message for the inbox. The display name
// and the message ID are cleaned here: a NUL byte in either made PostgreSQL refuse
// the row, and WhatsApp then delivered it again and again.
func (b *Bot) inboxRow(ctx context.Context, evt *events.Message) (loket.InboxMessage, error) {
	payload, err := proto.Marshal(content(evt))
	if err != nil {
		return loket.InboxMessage{}, fmt.Errorf("encode message: %w", err)
	}
	chat, phone := b.identify(ctx, evt.Info.MessageSource)
	sent := evt.Info.Timestamp
	if sent.IsZero() {
		sent = time.Now()
	}
	return loket.InboxMessage{
		Chat:    loket.CleanLine(chat, 64),
		MsgID:   loket.CleanLine(evt.Info.ID, 128),
		Phone:   loket.CleanLine(phone, 20),
		Name:    loket.CleanLine(evt.Info.PushName, loket.MaxNameLength),
		ReplyTo: evt.Info.Chat.ToNonAD().String(),
		Payload: payload,
		SentAt:  sent,
	}, nil
}

// content is what the inbox keeps of a message: its content, and that it was an edit
// (the dialog answers edits differently).
func content(evt *events.Message) *waE2E.Message {
	if evt.IsEdit && evt.Message.GetProtocolMessage().GetType() != waE2E.ProtocolMessage_MESSAGE_EDIT {
		return &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{
			Type: waE2E.ProtocolMessage_MESSAGE_EDIT.Enum(), EditedMessage: evt.Message}}
	}
	return evt.Message
}

// identify returns the chat key and the sender's E.164 number. A phone-number JID is
// used as is; a LID is resolved through SenderAlt, then the LID map; a LID nobody can
// resolve keeps its own key, so the conversation still works, only without a number.
func (b *Bot) identify(ctx context.Context, src types.MessageSource) (chat, phone string) {
	sender := src.Sender.ToNonAD()
	if sender.Server == types.DefaultUserServer {
		return sender.User, "+" + sender.User
	}
	if sender.Server == types.HiddenUserServer {
		if alt := src.SenderAlt.ToNonAD(); alt.Server == types.DefaultUserServer && alt.User != "" {
			return alt.User, "+" + alt.User
		}
		if b.LIDs != nil {
			if pn, err := b.LIDs.GetPNForLID(ctx, sender); err == nil && pn.User != "" {
				return pn.User, "+" + pn.User
			}
		}
		return "lid:" + sender.User, ""
	}
	return sender.String(), ""
}

// jidFor turns a chat key back into the address to send to.
func jidFor(chat string) types.JID {
	if lid, ok := strings.CutPrefix(chat, "lid:"); ok {
		return types.NewJID(lid, types.HiddenUserServer)
	}
	return types.NewJID(chat, types.DefaultUserServer)
}

// toMessage unpacks an inbox row into what the dialog understands.
func (b *Bot) toMessage(row loket.InboxMessage) (loket.Message, error) {
	var wm waE2E.Message
	if err := proto.Unmarshal(row.Payload, &wm); err != nil {
		return loket.Message{}, fmt.Errorf("decode inbox %d: %w", row.Seq, err)
	}
	m := loket.Message{Seq: row.Seq, ID: row.MsgID, Chat: row.Chat, Phone: row.Phone, Name: row.Name, Time: row.SentAt, Kind: kindOf(&wm)}
	var ctxInfo *waE2E.ContextInfo
	switch m.Kind {
	case loket.KindText:
		m.Text = wm.GetConversation()
		if ext := wm.GetExtendedTextMessage(); ext != nil {
			m.Text, ctxInfo = ext.GetText(), ext.GetContextInfo()
		}
	case loket.KindDocument:
		doc := wm.GetDocumentMessage()
		m.Text, ctxInfo = doc.GetCaption(), doc.GetContextInfo()
		m.Document = &loket.Document{
			FileName:     loket.CleanFileName(doc.GetFileName()),
			MimeType:     loket.CleanLine(doc.GetMimetype(), 100),
			DeclaredSize: int64(doc.GetFileLength()),
			Fetch: func(ctx context.Context, max int64) ([]byte, error) {
				return b.download(ctx, doc, max)
			},
		}
	case loket.KindImage:
		img := wm.GetImageMessage()
		m.Text = img.GetCaption()
		// A photo is fetched like a document, on demand: a complaint's screenshot.
		m.Document = &loket.Document{
			MimeType:     loket.CleanLine(img.GetMimetype(), 100),
			DeclaredSize: int64(img.GetFileLength()),
			Fetch: func(ctx context.Context, max int64) ([]byte, error) {
				return b.download(ctx, img, max)
			},
		}
	}
	if ctxInfo != nil {
		m.QuotedID = loket.CleanLine(ctxInfo.GetStanzaID(), 128)
		m.QuotedText = loket.CleanText(quotedText(ctxInfo.GetQuotedMessage()))
	}
	// Whatever the dialog or the back office stores or forwards comes from here.
	m.Text = loket.CleanText(m.Text)
	return m, nil
}

// quotedText is the text of a quoted message as the replying app copied it: a text, or
// a document's or photo's caption. The back office reads the one reference it names
// when the quoted message was no notification (a reply such as /lihat's).
func quotedText(q *waE2E.Message) string {
	switch {
	case q.GetExtendedTextMessage() != nil:
		return q.GetExtendedTextMessage().GetText()
	case q.GetDocumentMessage() != nil:
		return q.GetDocumentMessage().GetCaption()
	case q.GetImageMessage() != nil:
		return q.GetImageMessage().GetCaption()
	}
	return q.GetConversation()
}

// kindOf says what kind of message wm is, for the dialog and the metrics.
func kindOf(wm *waE2E.Message) loket.Kind {
	switch {
	case wm.GetProtocolMessage().GetType() == waE2E.ProtocolMessage_MESSAGE_EDIT:
		return loket.KindEdit
	case wm.Conversation != nil || wm.ExtendedTextMessage != nil:
		return loket.KindText
	case wm.DocumentMessage != nil:
		return loket.KindDocument
	case wm.ImageMessage != nil:
		return loket.KindImage
	case wm.StickerMessage != nil:
		return loket.KindSticker
	case wm.AudioMessage != nil:
		return loket.KindAudio
	case wm.VideoMessage != nil:
		return loket.KindVideo
	case wm.LocationMessage != nil || wm.LiveLocationMessage != nil:
		return loket.KindLocation
	case wm.ContactMessage != nil || wm.ContactsArrayMessage != nil:
		return loket.KindContact
	}
	return loket.KindOther
}
