// Package sim is a simulated WhatsApp for demos and tests. It stands in for
// *whatsmeow.Client behind bot.Client, builds inbound messages as real *events.Message
// values that go through the bot's own event handler, re-delivers what the handler
// refused (as WhatsApp does), and records what the bot sends. Its HTTP API and web
// page (http.go) let a person or a test chat with the bot. Its bridge (bridge.go) and
// Remote (remote.go) let it run in a process apart from the bot, so the bot can be
// killed and restarted while "WhatsApp" keeps what it holds.
//
// It knows nothing of dialogs or requests.
package sim

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"

	"github.com/uns-dtik/loket/bot"
)

var _ bot.Client = (*Sim)(nil)

// ErrOffline is what SendMessage and Upload return while the simulator plays a
// WhatsApp outage (SetOffline).
var ErrOffline = errors.New("sim: WhatsApp unreachable (simulated outage)")

// ErrUndeliverable is what SendMessage returns for a message made undeliverable.
var ErrUndeliverable = errors.New("sim: message refused (simulated undeliverable message)")

// Outbound is one message the bot sent.
type Outbound struct {
	Seq      int64     `json:"seq"`
	ID       string    `json:"id"`
	To       string    `json:"to"`
	Text     string    `json:"text"`
	QuotedID string    `json:"quoted_id,omitempty"`
	Document *Media    `json:"document,omitempty"`
	At       time.Time `json:"at"`
}

// Media describes a document the bot sent; URL serves its bytes.
type Media struct {
	FileName string `json:"filename"`
	MimeType string `json:"mimetype"`
	Size     int    `json:"size"`
	URL      string `json:"url"`
}

// Sim is the simulated WhatsApp. The zero value is not usable: call New.
type Sim struct {
	// Handler is the bot's event handler; false means "not recorded, deliver again".
	Handler func(evt any) bool
	// RetryEvery is the first re-delivery delay (doubling up to 2 s); default 100 ms.
	RetryEvery time.Duration
	// LangOf, when set, tells the language ("id", "en") the bot speaks with phone, ""
	// when it cannot tell; the poll answer carries it, so the page speaks its own
	// labels in it. It is a function, not the dialog, so the simulator stays ignorant
	// of dialogs; `loket sim` sets it from the conversation's sessions. A simulator
	// serving a bot in another process (`loket whatsapp-sim`) has none, and its page
	// stays Indonesian. Set it before serving.
	LangOf func(ctx context.Context, phone string) string
	// MediaMemory, when set, is how many bytes of files the simulator keeps in
	// memory (default 128 MB); older ones are read from the journal, or are gone.
	// `loket bench`, whose files nobody opens, keeps little, so its memory figures
	// are Loket's rather than the simulator's. Set it before sending.
	MediaMemory int64

	// deliver hands the bot one event at a time, as whatsmeow does: it handles a
	// connection's stanzas one after another and runs the event handlers inside, so
	// the bot never records two inbound messages at once (inTurn). bridged is set by
	// NewBridge, whose remote bot takes its events one at a time itself.
	deliver sync.Mutex
	bridged bool

	mu      sync.Mutex
	sent    []Outbound
	sentIDs map[string]bool
	media   map[string][]byte
	// waiting holds a channel per recipient a long poll waits for ("" for any), closed
	// when the bot sends to it: a send wakes its recipient's polls, not every poll.
	waiting  map[string]chan struct{}
	offline  bool
	refused  map[string]bool
	throttle int
	presence []string
	ctx      context.Context
	stop     context.CancelFunc
	inflight sync.WaitGroup
	// closing ends every long poll (Wait) at once: the server is shutting down.
	closing     chan struct{}
	closingOnce sync.Once
	// lastSeq numbers the bot's messages; with a journal it goes on across restarts.
	lastSeq int64
	// The journal (journal.go), when Restore gave one, and what waits to be written.
	journal     Journal
	journalLog  *slog.Logger
	journalWake chan struct{}
	pending     []entry
	// mediaOrder and mediaBytes bound the files held in memory (trimMedia).
	mediaOrder []string
	mediaBytes int64
}

// New returns a simulator that delivers inbound messages to handler.
func New(handler func(evt any) bool) *Sim {
	ctx, stop := context.WithCancel(context.Background())
	return &Sim{
		Handler: handler,
		sentIDs: map[string]bool{},
		media:   map[string][]byte{},
		waiting: map[string]chan struct{}{},
		closing: make(chan struct{}),
		ctx:     ctx,
		stop:    stop,
	}
}

// Close stops re-deliveries still waiting and waits for them to end.
func (s *Sim) Close() {
	s.EndWaits()
	s.stop()
	s.inflight.Wait()
}

// EndWaits answers every long poll now, and every later one at once, with what there
// is: the server is shutting down, and an open page must not hold it up.
func (s *Sim) EndWaits() { s.closingOnce.Do(func() { close(s.closing) }) }

// SetOffline starts (true) or ends (false) a simulated WhatsApp outage: while it lasts
// the bot cannot send.
func (s *Sim) SetOffline(off bool) {
	s.mu.Lock()
	s.offline = off
	s.mu.Unlock()
}

// Undeliverable makes every send of message ID id fail with ErrUndeliverable while
// WhatsApp is otherwise up, as it refuses a message it will never deliver.
func (s *Sim) Undeliverable(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refused == nil {
		s.refused = map[string]bool{}
	}
	s.refused[id] = true
}

// Throttle makes the next n sends fail as WhatsApp refuses a number that sends too
// much: with server error 463.
func (s *Sim) Throttle(n int) {
	s.mu.Lock()
	s.throttle = n
	s.mu.Unlock()
}

// SendMessage records a message from the bot. A message ID already sent to the same
// number is not recorded twice: WhatsApp shows one message per ID.
func (s *Sim) SendMessage(_ context.Context, to types.JID, m *waE2E.Message, extra ...whatsmeow.SendRequestExtra) (whatsmeow.SendResponse, error) {
	id := ""
	if len(extra) > 0 {
		id = extra[0].ID
	}
	if id == "" {
		id = "3EB0" + strings.ToUpper(randomHex(9))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.offline {
		return whatsmeow.SendResponse{}, ErrOffline
	}
	if s.refused[id] {
		return whatsmeow.SendResponse{}, ErrUndeliverable
	}
	if s.throttle > 0 {
		s.throttle--
		return whatsmeow.SendResponse{}, fmt.Errorf("%w 463", whatsmeow.ErrServerReturnedError)
	}
	now := time.Now()
	key := to.User + "/" + id
	if s.sentIDs[key] {
		return whatsmeow.SendResponse{ID: id, Timestamp: now}, nil
	}
	out := Outbound{ID: id, To: phoneOf(to), At: now}
	var ci *waE2E.ContextInfo
	switch {
	case m.Conversation != nil:
		out.Text = m.GetConversation()
	case m.ExtendedTextMessage != nil:
		out.Text, ci = m.GetExtendedTextMessage().GetText(), m.GetExtendedTextMessage().GetContextInfo()
	case m.DocumentMessage != nil:
		d := m.GetDocumentMessage()
		out.Text, ci = d.GetCaption(), d.GetContextInfo()
		mediaID := strings.TrimPrefix(d.GetDirectPath(), "/sim/media/")
		out.Document = &Media{FileName: d.GetFileName(), MimeType: d.GetMimetype(), Size: len(s.media[mediaID]), URL: "/sim/media/" + mediaID}
	default:
		return whatsmeow.SendResponse{}, fmt.Errorf("sim: unsupported outbound message %v", m)
	}
	out.QuotedID = ci.GetStanzaID()
	s.lastSeq++
	out.Seq = s.lastSeq
	s.sent = append(s.sent, out)
	s.sentIDs[key] = true
	s.rememberMessage(out)
	s.wake(out.To)
	s.trimTranscript()
	return whatsmeow.SendResponse{ID: id, Timestamp: now}, nil
}

// Upload keeps the bytes and returns a direct path under /sim/media/. It keeps data
// itself, not a copy, and hashes nothing: it is a test double, and the bench
// measured it at a third of the process's CPU when it hashed every letter the bot
// sent (the simulator's SendMessage reads only the path; what whatsmeow computes for
// a real upload is whatsmeow's). The bot never changes a file it has sent.
func (s *Sim) Upload(_ context.Context, data []byte, _ whatsmeow.MediaType) (whatsmeow.UploadResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.offline {
		return whatsmeow.UploadResponse{}, ErrOffline
	}
	id := s.putMedia(data)
	return whatsmeow.UploadResponse{URL: "sim:" + id, DirectPath: "/sim/media/" + id, FileLength: uint64(len(data))}, nil
}

// putMedia keeps data (the slice itself) under a new ID. Call with s.mu held.
func (s *Sim) putMedia(data []byte) string {
	id := randomHex(12)
	s.media[id] = data
	s.mediaOrder = append(s.mediaOrder, id)
	s.mediaBytes += int64(len(data))
	s.remember(entry{mediaID: id, at: time.Now(), data: data})
	s.trimMedia()
	return id
}

// expiredMedia starts the path of a file sent as Expired.
const expiredMedia = "/sim/media/expired-"

// Download returns a copy of the bytes of a document an applicant sent through the
// simulator.
func (s *Sim) Download(_ context.Context, m whatsmeow.DownloadableMessage) ([]byte, error) {
	data, err := s.mediaAt(m.GetDirectPath())
	return append([]byte(nil), data...), err
}

// mediaAt returns the bytes the simulator keeps at a direct path (not a copy: read
// only), from memory or else from the journal.
func (s *Sim) mediaAt(path string) ([]byte, error) {
	if strings.HasPrefix(path, expiredMedia) {
		return nil, whatsmeow.ErrMediaDownloadFailedWith410
	}
	data, ok := s.MediaBytes(strings.TrimPrefix(path, "/sim/media/"))
	if !ok {
		return nil, whatsmeow.ErrMediaDownloadFailedWith404
	}
	return data, nil
}

// DownloadToFile writes a document an applicant sent into file, as whatsmeow does:
// through the file's Write, which may refuse it. The file gets the kept bytes
// themselves, with no copy between.
func (s *Sim) DownloadToFile(_ context.Context, m whatsmeow.DownloadableMessage, file whatsmeow.File) error {
	data, err := s.mediaAt(m.GetDirectPath())
	if err != nil {
		return err
	}
	_, err = file.Write(data)
	return err
}

// MarkRead does nothing: the simulator has no read ticks.
func (s *Sim) MarkRead(context.Context, []types.MessageID, time.Time, types.JID, types.JID, ...types.ReceiptType) error {
	return nil
}

// SendChatPresence records a typing indicator ("6281…: composing"); Presences
// returns them.
func (s *Sim) SendChatPresence(_ context.Context, to types.JID, state types.ChatPresence, _ types.ChatPresenceMedia) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.presence = append(s.presence, phoneOf(to)+": "+string(state))
	return nil
}

// Presences returns the typing indicators the bot showed, oldest first.
func (s *Sim) Presences() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.presence...)
}

// IsConnected reports false during a simulated outage.
func (s *Sim) IsConnected() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.offline
}

// IsLoggedIn is always true: the simulator needs no pairing.
func (s *Sim) IsLoggedIn() bool { return true }

// Sent returns what the bot sent to phone (every number when phone is "") after seq.
func (s *Sim) Sent(phone string, after int64) []Outbound {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sentLocked(phone, after)
}

func (s *Sim) sentLocked(phone string, after int64) []Outbound {
	out := []Outbound{}
	for _, m := range s.sent[firstAfter(s.sent, after):] {
		if phone == "" || m.To == phone {
			out = append(out, m)
		}
	}
	return out
}

// waitFor returns the channel a long poll for phone ("" for any) waits on. Call with
// s.mu held.
func (s *Sim) waitFor(phone string) chan struct{} {
	ch, ok := s.waiting[phone]
	if !ok {
		ch = make(chan struct{})
		s.waiting[phone] = ch
	}
	return ch
}

// wake ends the long polls waiting for phone and those waiting for anyone. Call
// with s.mu held.
func (s *Sim) wake(phone string) {
	for _, k := range []string{phone, ""} {
		if ch, ok := s.waiting[k]; ok {
			close(ch)
			delete(s.waiting, k)
		}
	}
}

// Wait returns what the bot sent to phone after seq, waiting up to d for something.
func (s *Sim) Wait(ctx context.Context, phone string, after int64, d time.Duration) []Outbound {
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		out, changed := s.sentLocked(phone, after), s.waitFor(phone)
		s.mu.Unlock()
		if len(out) > 0 {
			return out
		}
		select {
		case <-changed:
		case <-deadline.C:
			return out
		case <-ctx.Done():
			return out
		case <-s.closing:
			return out
		}
	}
}

// MediaBytes returns a stored document's bytes: one this process holds, or one the
// journal kept from before it started.
func (s *Sim) MediaBytes(id string) ([]byte, bool) {
	s.mu.Lock()
	b, ok := s.media[id]
	s.mu.Unlock()
	if ok {
		return b, true
	}
	return s.keptMedia(id)
}

// phoneOf turns a JID the bot sent to into international digits; the simulator's LIDs
// are derived from the number (see lidFor), so they map back.
func phoneOf(j types.JID) string {
	if j.Server == types.HiddenUserServer {
		if p, ok := strings.CutPrefix(j.User, lidPrefix); ok {
			return p
		}
	}
	return j.User
}

// lidPrefix marks the simulator's LIDs: WhatsApp LIDs are opaque numbers, and these
// are the phone number behind a fixed prefix so they are easy to read in a log.
const lidPrefix = "99"

func lidFor(phone string) types.JID { return types.NewJID(lidPrefix+phone, types.HiddenUserServer) }

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
