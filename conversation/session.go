package conversation

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/uns-dtik/loket"
)

// Session is one chat's dialog, kept in Redis between messages in the form
// session_saved.go writes and reads.
type Session struct {
	Lang    loket.Lang
	Greeted bool
	// Service is the code of the service being drafted; empty when no draft.
	Service string
	// State is the state of the draft's machine (of the lobby's without a draft), in
	// the grammar of state.go: "ask:nip", "edit:end_date?cancel", "revision/review".
	// Only the machines write it.
	State   string
	DraftID string
	Answers map[string]loket.Field
	// RevisionOf is the request a revision draft corrects (see state's revision).
	RevisionOf int64
	Updated    time.Time
	// LastSeq is the inbox sequence of the last message applied, and LastReplies what
	// it answered: that message handled again gets the same replies and changes
	// nothing, so a crash before the inbox row is marked done is safe.
	LastSeq     int64
	LastReplies []loket.Reply
}

// drafting reports whether a draft is in progress.
func (s *Session) drafting() bool { return s.Service != "" }

// newDraft begins an empty draft of service code.
func (s *Session) newDraft(code, id string) {
	s.Service, s.DraftID, s.Answers, s.RevisionOf, s.Greeted = code, id, map[string]loket.Field{}, 0, true
}

// clearDraft forgets the draft but keeps the language and the de-duplication state.
// Only entering idle calls it, so the draft and the state end together.
func (s *Session) clearDraft() {
	s.Service, s.DraftID, s.Answers, s.RevisionOf = "", "", nil, 0
}

// newSession is the session of a chat that has none: Indonesian, in the lobby.
func newSession() *Session { return &Session{Lang: loket.Indonesian, State: stepIdle} }

func (c *Conversation) loadSession(ctx context.Context, chat string) (*Session, int64, error) {
	data, version, err := c.Sessions.Load(ctx, chat)
	if err != nil {
		return nil, 0, err
	}
	if data == nil {
		return newSession(), version, nil
	}
	s, err := decodeSession(data, chat)
	if err != nil {
		// A session we cannot read is reset rather than blocking the chat for ever.
		c.log().Warn("unreadable session reset", "err", err)
		return newSession(), version, nil
	}
	return s, version, nil
}

// checkState ends a draft whose machine no longer has its state: a catalog deployed
// since it was saved dropped its service or field.
func (c *Conversation) checkState(s *Session) {
	def := c.Catalog.lobby
	if s.drafting() {
		svc := c.Catalog.Service(s.Service)
		if svc == nil {
			def = nil
		} else {
			def = svc.machine
		}
	}
	if def == nil || !def.has(s.State) {
		c.log().Warn("draft dropped: its state is not in the catalog's dialog", "service", s.Service, "state", s.State)
		s.State = stepIdle
		s.clearDraft()
	}
}

func (c *Conversation) saveSession(ctx context.Context, chat string, s *Session, version int64) error {
	data, err := encodeSession(s, chat)
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
