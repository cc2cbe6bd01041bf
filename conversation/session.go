package conversation

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uns-dtik/loket"
)

// Session is one chat's dialog state, kept in Redis as JSON between messages. The
// dialog's state machine is rebuilt from State on every message.
type Session struct {
	Lang    loket.Lang `json:"lang"`
	Greeted bool       `json:"greeted,omitempty"`
	// Service is the code of the service being drafted; empty when no draft.
	Service string `json:"service,omitempty"`
	// State is the dialog state: "ask:<field key>" or "review".
	State   string                 `json:"state,omitempty"`
	DraftID string                 `json:"draft_id,omitempty"`
	Answers map[string]loket.Field `json:"answers,omitempty"`
	// RevisionOf is the request being corrected after an admin's /revisi; sending
	// the draft resubmits that request instead of filing a new one.
	RevisionOf int64 `json:"revision_of,omitempty"`
	// Editing is set while a field is re-asked from the summary: answering returns there.
	Editing bool `json:"editing,omitempty"`
	// Pending is a question the next message answers: "cancel", "resume", "menu", or
	// "switch:<code>" (drop the draft for that service?).
	Pending string    `json:"pending,omitempty"`
	Updated time.Time `json:"updated"`
	// LastSeq is the inbox sequence of the last message applied, and LastReplies what
	// it answered: that message handled again gets the same replies and changes
	// nothing, so a crash before the inbox row is marked done is safe.
	LastSeq     int64         `json:"last_seq"`
	LastReplies []loket.Reply `json:"last_replies,omitempty"`
}

// drafting reports whether a draft is in progress.
func (s *Session) drafting() bool { return s.Service != "" }

// clearDraft forgets the draft but keeps the language and the de-duplication state.
func (s *Session) clearDraft() {
	s.Service, s.State, s.DraftID, s.Answers, s.Editing, s.Pending, s.RevisionOf = "", "", "", nil, false, "", 0
}

// SessionStore keeps sessions (store.Sessions satisfies it).
type SessionStore interface {
	Load(ctx context.Context, chat string) ([]byte, int64, error)
	Save(ctx context.Context, chat string, data []byte, version int64, ttl time.Duration) error
}

func (c *Conversation) loadSession(ctx context.Context, chat string) (*Session, int64, error) {
	data, version, err := c.Sessions.Load(ctx, chat)
	if err != nil {
		return nil, 0, err
	}
	s := &Session{Lang: loket.Indonesian}
	if data != nil {
		if err := json.Unmarshal(data, s); err != nil {
			// A session we cannot read is reset rather than blocking the chat for ever.
			c.log().Warn("unreadable session reset", "err", err)
			s = &Session{Lang: loket.Indonesian}
		}
	}
	return s, version, nil
}

func (c *Conversation) saveSession(ctx context.Context, chat string, s *Session, version int64) error {
	data, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("encode session: %w", err)
	}
	return c.Sessions.Save(ctx, chat, data, version, c.ttl())
}

func newDraftID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
