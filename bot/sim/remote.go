package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"google.golang.org/protobuf/proto"

	"github.com/uns-dtik/loket/bot"
)

var _ bot.Client = (*Remote)(nil)

// Remote is a simulated WhatsApp that runs in another process, reached through its
// Bridge: a bot.Client, and (Run) the connection that brings its events to the bot.
// It is what lets a test kill the bot with -9 and start it again while "WhatsApp"
// keeps every message.
type Remote struct {
	// URL is the bridge's base address, e.g. http://127.0.0.1:8081.
	URL string
	// HTTP is the client used (default: one with a 30 s timeout, longer than a poll).
	HTTP *http.Client

	connected atomic.Bool
}

func (r *Remote) http() *http.Client {
	if r.HTTP != nil {
		return r.HTTP
	}
	return &http.Client{Timeout: 30 * time.Second}
}

// Run polls the bridge for events and hands each to handler, in order, telling the
// bridge whether it was recorded, until ctx ends. While the bridge cannot be reached
// the client counts as disconnected, and Run keeps trying.
func (r *Remote) Run(ctx context.Context, handler func(evt any) bool) error {
	for ctx.Err() == nil {
		got, err := r.poll(ctx)
		if err != nil {
			r.connected.Store(false)
			select {
			case <-ctx.Done():
			case <-time.After(500 * time.Millisecond):
			}
			continue
		}
		r.connected.Store(got.Connected)
		for _, e := range got.Events {
			evt, err := fromWire(e)
			ok := err == nil && handler(evt)
			if err := r.post(ctx, "/wa/ack", map[string]any{"token": e.Token, "ok": ok}, nil); err != nil {
				break // the bridge will deliver it again
			}
		}
	}
	return ctx.Err()
}

func (r *Remote) poll(ctx context.Context) (wirePoll, error) {
	var got wirePoll
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.URL+"/wa/events?wait=20s", nil)
	if err != nil {
		return got, err
	}
	resp, err := r.http().Do(req)
	if err != nil {
		return got, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return got, fmt.Errorf("sim bridge: %s", resp.Status)
	}
	// The headers come at once, the events when there are some.
	r.connected.Store(resp.Header.Get(connectedHeader) == "true")
	return got, json.NewDecoder(resp.Body).Decode(&got)
}

// errStatus is a bridge answer other than success.
type errStatus struct {
	code int
	body string
}

func (e *errStatus) Error() string { return fmt.Sprintf("sim bridge: %d %s", e.code, e.body) }

// post sends in as JSON (or as is, when it is []byte) and decodes the answer into out.
func (r *Remote) post(ctx context.Context, path string, in, out any) error {
	var body []byte
	if raw, ok := in.([]byte); ok {
		body = raw
	} else {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return err
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.URL+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := r.http().Do(req)
	if err != nil {
		r.connected.Store(false)
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		return &errStatus{resp.StatusCode, string(msg)}
	}
	switch dst := out.(type) {
	case nil:
		return nil
	case *[]byte:
		*dst, err = io.ReadAll(resp.Body)
		return err
	default:
		return json.NewDecoder(resp.Body).Decode(out)
	}
}

// SendMessage sends through the bridge; a simulated outage is ErrOffline.
func (r *Remote) SendMessage(ctx context.Context, to types.JID, m *waE2E.Message, extra ...whatsmeow.SendRequestExtra) (whatsmeow.SendResponse, error) {
	payload, err := proto.Marshal(m)
	if err != nil {
		return whatsmeow.SendResponse{}, err
	}
	in := wireSend{To: to.String(), Message: payload}
	if len(extra) > 0 {
		in.ID = extra[0].ID
	}
	var resp whatsmeow.SendResponse
	err = r.post(ctx, "/wa/send", in, &resp)
	var st *errStatus
	if errors.As(err, &st) && st.code == http.StatusServiceUnavailable {
		r.connected.Store(false) // until the next poll says otherwise
		return resp, ErrOffline
	}
	return resp, err
}

// Upload stores the bytes in the simulator.
func (r *Remote) Upload(ctx context.Context, data []byte, _ whatsmeow.MediaType) (whatsmeow.UploadResponse, error) {
	var resp whatsmeow.UploadResponse
	return resp, r.post(ctx, "/wa/upload", data, &resp)
}

// Download fetches a document an applicant sent.
func (r *Remote) Download(ctx context.Context, m whatsmeow.DownloadableMessage) ([]byte, error) {
	var data []byte
	err := r.post(ctx, "/wa/download", map[string]string{"direct_path": m.GetDirectPath()}, &data)
	var st *errStatus
	if errors.As(err, &st) && st.code == http.StatusNotFound {
		return nil, whatsmeow.ErrMediaDownloadFailedWith404
	}
	return data, err
}

// DownloadToFile streams a document an applicant sent into file, which may refuse it.
func (r *Remote) DownloadToFile(ctx context.Context, m whatsmeow.DownloadableMessage, file whatsmeow.File) error {
	body, err := json.Marshal(map[string]string{"direct_path": m.GetDirectPath()})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.URL+"/wa/download", bytes.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := r.http().Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return whatsmeow.ErrMediaDownloadFailedWith404
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("sim bridge: %s", resp.Status)
	}
	_, err = io.Copy(file, resp.Body)
	return err
}

// MarkRead does nothing: the simulator has no read ticks.
func (r *Remote) MarkRead(context.Context, []types.MessageID, time.Time, types.JID, types.JID, ...types.ReceiptType) error {
	return nil
}

// SendChatPresence does nothing: the simulator shows no typing indicator.
func (r *Remote) SendChatPresence(context.Context, types.JID, types.ChatPresence, types.ChatPresenceMedia) error {
	return nil
}

// IsConnected reports whether the last exchange with the bridge worked.
func (r *Remote) IsConnected() bool { return r.connected.Load() }

// IsLoggedIn is always true: the simulator needs no pairing.
func (r *Remote) IsLoggedIn() bool { return true }
