package conversation

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/uns-dtik/loket"
)

// The session as Redis keeps it: JSON, read on every message and written after it,
// so it carries what the dialog needs and no more. Every field that may be empty is
// left out when it is; an answer does not repeat the key it is filed under; a reply
// names neither its chat (the session's own) nor the IDs it does not have. Most of
// what remains is the last message's replies, which a replay of that message must
// get again word for word, and the answers. The time of the last message is kept to
// the second.
//
// Sessions written by earlier versions stay readable, so a deploy keeps open
// dialogs: the last replies under "last_replies" as loket.Reply's own JSON, answers
// with their "key", and, before the dialog's states were named, "editing" and
// "pending" beside the state (folded into it by migrateState).

// sessionHead is what a session is saved and read with alike.
type sessionHead struct {
	Lang       loket.Lang `json:"lang"`
	Greeted    bool       `json:"greeted,omitempty"`
	Service    string     `json:"service,omitempty"`
	State      string     `json:"state,omitempty"`
	DraftID    string     `json:"draft_id,omitempty"`
	RevisionOf int64      `json:"revision_of,omitempty"`
	Updated    time.Time  `json:"updated"`
	LastSeq    int64      `json:"last_seq"`
}

// savedSession is a session as it is written.
type savedSession struct {
	sessionHead
	Answers map[string]savedAnswer `json:"answers,omitempty"`
	Replies []savedReply           `json:"replies,omitempty"`
}

// readSession is a session as any version wrote it. Its answers are read as
// loket.Field, whose "key" is there in earlier versions' and missing in this one's.
type readSession struct {
	sessionHead
	Answers map[string]loket.Field `json:"answers"`
	Replies []savedReply           `json:"replies"`

	LastReplies []loket.Reply `json:"last_replies"`
	Editing     bool          `json:"editing"`
	Pending     string        `json:"pending"`
}

// savedAnswer is a loket.Field filed under its key in the answers: Key is written
// only if it is not that key, which the dialog never does.
type savedAnswer struct {
	Key   string `json:"key,omitempty"`
	Value string `json:"value"`
	Shown string `json:"shown,omitempty"`
}

// savedReply is a loket.Reply; Chat is left out when it is the session's chat, which
// is every reply the dialog makes.
type savedReply struct {
	Chat       string            `json:"chat,omitempty"`
	ID         string            `json:"id,omitempty"`
	Text       string            `json:"text,omitempty"`
	QuotedID   string            `json:"quoted_id,omitempty"`
	Attachment *loket.Attachment `json:"attachment,omitempty"`
}

// encodeSession writes s, chat's session, as Redis keeps it.
func encodeSession(s *Session, chat string) ([]byte, error) {
	saved := savedSession{sessionHead: sessionHead{
		Lang: s.Lang, Greeted: s.Greeted, Service: s.Service, State: s.State, DraftID: s.DraftID,
		RevisionOf: s.RevisionOf, LastSeq: s.LastSeq,
		// Only a long pause is measured from it: nanoseconds would be ten bytes of noise.
		Updated: s.Updated.Truncate(time.Second),
	}}
	if len(s.Answers) > 0 {
		saved.Answers = make(map[string]savedAnswer, len(s.Answers))
		for key, f := range s.Answers {
			a := savedAnswer{Value: f.Value, Shown: f.Shown}
			if f.Key != key {
				a.Key = f.Key
			}
			saved.Answers[key] = a
		}
	}
	if len(s.LastReplies) > 0 {
		saved.Replies = make([]savedReply, len(s.LastReplies))
		for i, r := range s.LastReplies {
			saved.Replies[i] = savedReply{Chat: r.Chat, ID: r.ID, Text: r.Text, QuotedID: r.QuotedID, Attachment: r.Attachment}
			if r.Chat == chat {
				saved.Replies[i].Chat = ""
			}
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// Replies are full of "<nomor>" and "&": escaped for HTML each would take six
	// bytes, and nothing here is ever put into a page.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&saved); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// decodeSession reads chat's session as any version of Loket saved it.
func decodeSession(data []byte, chat string) (*Session, error) {
	// What a session leaves out is what a chat without one has: the oldest wrote no
	// language.
	saved := readSession{sessionHead: sessionHead{Lang: loket.Indonesian, State: stepIdle}}
	if err := json.Unmarshal(data, &saved); err != nil {
		return nil, err
	}
	h := saved.sessionHead
	s := &Session{
		Lang: h.Lang, Greeted: h.Greeted, Service: h.Service, DraftID: h.DraftID,
		RevisionOf: h.RevisionOf, Updated: h.Updated, LastSeq: h.LastSeq,
		State:       migrateState(h.State, saved.Editing, saved.Pending, h.RevisionOf),
		Answers:     saved.Answers,
		LastReplies: saved.LastReplies,
	}
	for key, f := range s.Answers {
		if f.Key == "" {
			f.Key = key
			s.Answers[key] = f
		}
	}
	if saved.Replies != nil {
		s.LastReplies = make([]loket.Reply, len(saved.Replies))
		for i, r := range saved.Replies {
			s.LastReplies[i] = loket.Reply{Chat: r.Chat, ID: r.ID, Text: r.Text, QuotedID: r.QuotedID, Attachment: r.Attachment}
			if r.Chat == "" {
				s.LastReplies[i].Chat = chat
			}
		}
	}
	return s, nil
}
