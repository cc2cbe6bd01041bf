package sim

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"github.com/uns-dtik/loket"
)

// Inbound is a message an applicant sends through the simulator (the JSON body of
// POST /sim/messages).
type Inbound struct {
	// ID is WhatsApp's message ID; sending an ID again is a re-delivery. Empty: new ID.
	ID   string `json:"id,omitempty"`
	From string `json:"from"`
	Name string `json:"name,omitempty"`
	Text string `json:"text,omitempty"`
	// QuotedID is the ID of the bot message this one replies to.
	QuotedID string `json:"quoted_id,omitempty"`
	// LID sends the message addressed by LID, with the number only in SenderAlt;
	// with HidePhone as well, without SenderAlt: the bot learns no number at all.
	LID       bool   `json:"lid,omitempty"`
	HidePhone bool   `json:"hide_phone,omitempty"`
	Document  *File  `json:"document,omitempty"`
	Image     *File  `json:"image,omitempty"`
	Caption   string `json:"caption,omitempty"`
	// Kind sends a message the dialog cannot use: sticker, audio, video, location or contact.
	Kind string `json:"kind,omitempty"`
}

// File is an attachment of an inbound message; Data is base64 in JSON.
type File struct {
	FileName string `json:"filename,omitempty"`
	MimeType string `json:"mimetype"`
	// Data is the file. The simulator keeps this slice, not a copy (a bench sends
	// the same 10 MB letter from many applicants): do not change it once sent.
	Data []byte `json:"data"`
	// DeclaredSize, when set, is the size the sender's app claims instead of len(Data),
	// to try what the bot does with a file announced as too large.
	DeclaredSize uint64 `json:"declared_size,omitempty"`
	// Expired plays a file WhatsApp's media servers no longer have: downloading it
	// fails with 410 Gone, as it does for media weeks old.
	Expired bool `json:"expired,omitempty"`
}

// Send delivers an inbound message to the bot's event handler and returns its ID. When
// the handler refuses it, the simulator keeps re-delivering it in the background.
// Messages reach the bot one at a time, as whatsmeow hands them over: Send waits for
// the messages before it, whoever sent them, to be handled.
func (s *Sim) Send(in Inbound) (string, error) {
	var evt *events.Message
	var err error
	recorded := false
	// The file is uploaded in turn too: a file kept while its message waited for
	// the one before could leave the simulator's bounded memory (MediaMemory) before
	// the bot came to fetch it.
	s.inTurn(func() {
		if evt, err = s.event(in); err == nil {
			recorded = s.Handler(evt)
		}
	})
	if err != nil {
		return "", err
	}
	if !recorded {
		s.redeliver(evt)
	}
	return evt.Info.ID, nil
}

// inTurn runs deliver once the delivery before it is done, whoever made it:
// WhatsApp's messages reach the bot one at a time. A simulator bridged to a bot in
// another process (NewBridge) does not take turns here: that bot takes its events
// one at a time itself (Remote.Run), and a turn held across the bridge's wait for an
// acknowledgement would hold every sender for as long as a killed bot keeps one.
func (s *Sim) inTurn(deliver func()) {
	if !s.bridged {
		s.deliver.Lock()
		defer s.deliver.Unlock()
	}
	deliver()
}

func (s *Sim) redeliver(evt *events.Message) {
	s.inflight.Add(1)
	go func() {
		defer s.inflight.Done()
		wait := s.RetryEvery
		if wait <= 0 {
			wait = 100 * time.Millisecond
		}
		for {
			select {
			case <-s.ctx.Done():
				return
			case <-time.After(wait):
			}
			recorded, closing := false, false
			s.inTurn(func() {
				// A re-delivery that waited its turn while the simulator closed gives
				// up, rather than hold Close up behind the others.
				if closing = s.ctx.Err() != nil; !closing {
					recorded = s.Handler(evt)
				}
			})
			if recorded || closing {
				return
			}
			wait = min(wait*2, 2*time.Second)
		}
	}()
}

// event builds the *events.Message WhatsApp would deliver for in.
func (s *Sim) event(in Inbound) (*events.Message, error) {
	if err := checkPhone(in.From); err != nil {
		return nil, err
	}
	parts := 0
	for _, set := range []bool{in.Text != "", in.Document != nil, in.Image != nil, in.Kind != ""} {
		if set {
			parts++
		}
	}
	if parts != 1 {
		return nil, errors.New(`send exactly one of "text", "document", "image" or "kind"`)
	}
	id := in.ID
	if id == "" {
		id = "SIM" + strings.ToUpper(randomHex(8))
	}
	var ctxInfo *waE2E.ContextInfo
	if in.QuotedID != "" {
		ctxInfo = &waE2E.ContextInfo{StanzaID: proto.String(in.QuotedID), QuotedMessage: s.quoted(in.From, in.QuotedID)}
	}
	msg := &waE2E.Message{}
	typ := "media"
	switch {
	case in.Text != "":
		typ = "text"
		if ctxInfo != nil {
			msg.ExtendedTextMessage = &waE2E.ExtendedTextMessage{Text: proto.String(in.Text), ContextInfo: ctxInfo}
		} else {
			msg.Conversation = proto.String(in.Text)
		}
	case in.Document != nil:
		path, size := s.store(in.Document)
		msg.DocumentMessage = &waE2E.DocumentMessage{
			FileName: proto.String(in.Document.FileName), Title: proto.String(in.Document.FileName),
			Mimetype: proto.String(in.Document.MimeType), FileLength: proto.Uint64(size),
			DirectPath: proto.String(path), URL: proto.String("sim:" + path), Caption: nonEmpty(in.Caption), ContextInfo: ctxInfo,
		}
	case in.Image != nil:
		path, size := s.store(in.Image)
		msg.ImageMessage = &waE2E.ImageMessage{Mimetype: proto.String(in.Image.MimeType), FileLength: proto.Uint64(size),
			DirectPath: proto.String(path), Caption: nonEmpty(in.Caption), ContextInfo: ctxInfo}
	default:
		switch in.Kind {
		case "sticker":
			msg.StickerMessage = &waE2E.StickerMessage{Mimetype: proto.String("image/webp")}
		case "audio":
			msg.AudioMessage = &waE2E.AudioMessage{Mimetype: proto.String("audio/ogg; codecs=opus"), PTT: proto.Bool(true)}
		case "video":
			msg.VideoMessage = &waE2E.VideoMessage{Mimetype: proto.String("video/mp4")}
		case "location":
			msg.LocationMessage = &waE2E.LocationMessage{DegreesLatitude: proto.Float64(-7.5596), DegreesLongitude: proto.Float64(110.8563)}
		case "contact":
			msg.ContactMessage = &waE2E.ContactMessage{DisplayName: proto.String("Kontak")}
		default:
			return nil, fmt.Errorf("unknown kind %q (use sticker, audio, video, location or contact)", in.Kind)
		}
	}
	pn := types.NewJID(in.From, types.DefaultUserServer)
	src := types.MessageSource{Chat: pn, Sender: pn, AddressingMode: types.AddressingModePN}
	if in.LID {
		lid := lidFor(in.From)
		src = types.MessageSource{Chat: lid, Sender: lid, SenderAlt: pn, AddressingMode: types.AddressingModeLID}
		if in.HidePhone {
			src.SenderAlt = types.JID{}
		}
	}
	// WhatsApp's Sender carries the sending device; the bot must not depend on it.
	src.Sender.Device = 1
	return &events.Message{
		Info:       types.MessageInfo{MessageSource: src, ID: id, PushName: in.Name, Timestamp: time.Now(), Type: typ},
		Message:    msg,
		RawMessage: msg,
	}, nil
}

// quoted is the message a reply from phone to the bot's message id carries along, as
// a WhatsApp app copies the message it quotes into the reply (ContextInfo's
// QuotedMessage): its text, or a document's name and caption. A message not sent to
// phone, or no longer held, is not in that chat: nil, as an app has nothing to copy.
func (s *Sim) quoted(phone, id string) *waE2E.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.sent) - 1; i >= 0; i-- {
		m := s.sent[i]
		if m.ID != id || m.To != phone {
			continue
		}
		if d := m.Document; d != nil {
			return &waE2E.Message{DocumentMessage: &waE2E.DocumentMessage{FileName: proto.String(d.FileName),
				Mimetype: proto.String(d.MimeType), Caption: nonEmpty(m.Text)}}
		}
		return &waE2E.Message{Conversation: proto.String(m.Text)}
	}
	return nil
}

func (s *Sim) store(f *File) (path string, size uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	size = uint64(len(f.Data))
	if f.DeclaredSize > 0 {
		size = f.DeclaredSize
	}
	if f.Expired {
		return expiredMedia + randomHex(12), size
	}
	return "/sim/media/" + s.putMedia(f.Data), size
}

func checkPhone(p string) error {
	if len(p) < 8 || len(p) > 15 {
		return fmt.Errorf(`"from" must be an international number of 8 to 15 digits without "+", e.g. 6281234567890 (got %q)`, p)
	}
	if !loket.IsDigits(p) {
		return fmt.Errorf(`"from" must be digits only, e.g. 6281234567890 (got %q)`, p)
	}
	return nil
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return proto.String(s)
}
