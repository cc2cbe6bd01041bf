package sim

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"
)

// Bridge lets a bot in another process use this simulator as its WhatsApp, so the bot
// can be killed and started again while "WhatsApp" keeps what it holds: the messages
// not yet acknowledged, and everything the bot sent. The bot polls for inbound events
// and acknowledges each (Remote does both); an event it does not acknowledge in time
// — it is down, it died, it refused — is delivered again, as WhatsApp does.
//
//	GET  /wa/events?wait=20s   {"connected":…, "events":[…]}: events to handle, in order (long poll)
//	POST /wa/ack               {"token":…, "ok":true|false}
//	POST /wa/send              {"to":"<jid>", "id":…, "message":<protobuf, base64>}
//	POST /wa/upload            the bytes -> an UploadResponse
//	POST /wa/download          {"direct_path":…} -> the bytes
type Bridge struct {
	sim *Sim

	mu       sync.Mutex
	queue    []*delivery
	inflight map[string]*delivery
	arrived  chan struct{}
}

// delivery is one event offered to the remote bot.
type delivery struct {
	token string
	evt   *events.Message
	taken chan struct{}
	done  chan bool
}

// How long an event waits to be taken by a poll, and then for its acknowledgement.
const (
	takeWait = time.Second
	ackWait  = 20 * time.Second
)

// NewBridge makes s deliver its inbound events to a remote bot.
func NewBridge(s *Sim) *Bridge {
	b := &Bridge{sim: s, inflight: map[string]*delivery{}, arrived: make(chan struct{}, 1)}
	s.Handler, s.bridged = b.deliver, true
	return b
}

// deliver offers evt to the remote bot and reports whether it was recorded.
func (b *Bridge) deliver(evt any) bool {
	msg, ok := evt.(*events.Message)
	if !ok {
		return true
	}
	d := &delivery{token: randomHex(8), evt: msg, taken: make(chan struct{}), done: make(chan bool, 1)}
	b.mu.Lock()
	b.queue = append(b.queue, d)
	b.mu.Unlock()
	select {
	case b.arrived <- struct{}{}:
	default:
	}
	select {
	case <-d.taken:
	case <-time.After(takeWait):
		b.forget(d) // no bot is polling: WhatsApp keeps it for later
		return false
	case <-b.sim.ctx.Done():
		b.forget(d)
		return false
	}
	select {
	case ok := <-d.done:
		return ok
	case <-time.After(ackWait):
		b.forget(d) // the bot took it and died
		return false
	case <-b.sim.ctx.Done():
		b.forget(d)
		return false
	}
}

func (b *Bridge) forget(d *delivery) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.inflight, d.token)
	for i, q := range b.queue {
		if q == d {
			b.queue = append(b.queue[:i], b.queue[i+1:]...)
			break
		}
	}
}

// Routes registers the bridge's endpoints on mux.
func (b *Bridge) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /wa/events", b.events)
	mux.HandleFunc("POST /wa/ack", b.ack)
	mux.HandleFunc("POST /wa/send", b.send)
	mux.HandleFunc("POST /wa/upload", b.upload)
	mux.HandleFunc("POST /wa/download", b.download)
}

// connectedHeader says, at the start of a poll, whether the simulator plays an outage.
const connectedHeader = "X-Sim-Connected"

// wirePoll answers a poll: the events, and whether the simulator plays an outage.
type wirePoll struct {
	Connected bool        `json:"connected"`
	Events    []wireEvent `json:"events"`
}

// wireEvent is an inbound message as it crosses the bridge.
type wireEvent struct {
	Token          string    `json:"token"`
	Chat           string    `json:"chat"`
	Sender         string    `json:"sender"`
	SenderAlt      string    `json:"sender_alt,omitempty"`
	AddressingMode string    `json:"addressing_mode"`
	ID             string    `json:"id"`
	PushName       string    `json:"push_name,omitempty"`
	Timestamp      time.Time `json:"timestamp"`
	Type           string    `json:"type"`
	Message        []byte    `json:"message"`
}

func (b *Bridge) events(w http.ResponseWriter, r *http.Request) {
	wait, _ := time.ParseDuration(r.URL.Query().Get("wait"))
	deadline := time.NewTimer(min(max(wait, 0), 60*time.Second))
	defer deadline.Stop()
	// The headers go at once: a bot knows it is connected while it waits.
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set(connectedHeader, strconv.FormatBool(b.sim.IsConnected()))
	w.WriteHeader(http.StatusOK)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	for {
		b.mu.Lock()
		taken := b.queue
		b.queue = nil
		for _, d := range taken {
			b.inflight[d.token] = d
			close(d.taken)
		}
		b.mu.Unlock()
		if len(taken) > 0 {
			out := make([]wireEvent, 0, len(taken))
			for _, d := range taken {
				out = append(out, toWire(d))
			}
			_ = json.NewEncoder(w).Encode(wirePoll{Connected: b.sim.IsConnected(), Events: out})
			return
		}
		select {
		case <-b.arrived:
		case <-deadline.C:
			_ = json.NewEncoder(w).Encode(wirePoll{Connected: b.sim.IsConnected(), Events: []wireEvent{}})
			return
		case <-r.Context().Done():
			return
		}
	}
}

func toWire(d *delivery) wireEvent {
	info := d.evt.Info
	payload, _ := proto.Marshal(d.evt.Message)
	return wireEvent{Token: d.token, Chat: info.Chat.String(), Sender: info.Sender.String(), SenderAlt: info.SenderAlt.String(),
		AddressingMode: string(info.AddressingMode), ID: info.ID, PushName: info.PushName, Timestamp: info.Timestamp,
		Type: info.Type, Message: payload}
}

// fromWire rebuilds the event WhatsApp would have delivered.
func fromWire(e wireEvent) (*events.Message, error) {
	var msg waE2E.Message
	if err := proto.Unmarshal(e.Message, &msg); err != nil {
		return nil, err
	}
	chat, err := types.ParseJID(e.Chat)
	if err != nil {
		return nil, err
	}
	sender, err := types.ParseJID(e.Sender)
	if err != nil {
		return nil, err
	}
	var alt types.JID
	if e.SenderAlt != "" {
		if alt, err = types.ParseJID(e.SenderAlt); err != nil {
			return nil, err
		}
	}
	return &events.Message{
		Info: types.MessageInfo{
			MessageSource: types.MessageSource{Chat: chat, Sender: sender, SenderAlt: alt, AddressingMode: types.AddressingMode(e.AddressingMode)},
			ID:            e.ID, PushName: e.PushName, Timestamp: e.Timestamp, Type: e.Type,
		},
		Message:    &msg,
		RawMessage: &msg,
	}, nil
}

func (b *Bridge) ack(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Token string `json:"token"`
		OK    bool   `json:"ok"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	b.mu.Lock()
	d := b.inflight[in.Token]
	delete(b.inflight, in.Token)
	b.mu.Unlock()
	if d != nil {
		d.done <- in.OK
	}
	w.WriteHeader(http.StatusNoContent)
}

// wireSend is a message the remote bot sends.
type wireSend struct {
	To      string `json:"to"`
	ID      string `json:"id"`
	Message []byte `json:"message"`
}

func (b *Bridge) send(w http.ResponseWriter, r *http.Request) {
	var in wireSend
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody)).Decode(&in); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	to, err := types.ParseJID(in.To)
	var msg waE2E.Message
	if err == nil {
		err = proto.Unmarshal(in.Message, &msg)
	}
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	resp, err := b.sim.SendMessage(r.Context(), to, &msg, whatsmeow.SendRequestExtra{ID: in.ID})
	if errors.Is(err, ErrOffline) {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": err.Error()})
		return
	}
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

func (b *Bridge) upload(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	resp, err := b.sim.Upload(r.Context(), data, whatsmeow.MediaDocument)
	if err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

func (b *Bridge) download(w http.ResponseWriter, r *http.Request) {
	var in struct {
		DirectPath string `json:"direct_path"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	data, err := b.sim.Download(r.Context(), &waE2E.DocumentMessage{DirectPath: proto.String(in.DirectPath)})
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	_, _ = w.Write(data)
}
