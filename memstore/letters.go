package memstore

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/uns-dtik/loket"
)

// letter is a stored letter: its chat, the inbox message that brought it, and the
// request that holds it (0: a draft's).
type letter struct {
	loket.Letter
	chat      string
	seq       int64
	requestID int64
	created   time.Time
}

// AddLetter implements loket.LetterStore.
func (db *DB) AddLetter(_ context.Context, chat string, seq int64, l loket.Letter) (int64, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if seq != 0 {
		for _, s := range db.letters {
			if s != nil && s.chat == chat && s.seq == seq {
				return s.ID, nil
			}
		}
	}
	l.ID = int64(len(db.letters) + 1)
	l.SHA256, l.Data = slices.Clone(l.SHA256), slices.Clone(l.Data)
	db.letters = append(db.letters, &letter{Letter: l, chat: chat, seq: seq, created: time.Now()})
	return l.ID, nil
}

// DropLetters implements loket.LetterStore.
func (db *DB) DropLetters(_ context.Context, chat string, ids []int64) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	for i, l := range db.letters {
		if l != nil && l.chat == chat && l.requestID == 0 && slices.Contains(ids, l.ID) {
			db.letters[i] = nil
		}
	}
	return nil
}

// draftLetter is the letter n links, nil for none, or loket.ErrLetterGone when it is
// not n.Chat's draft letter (any more) nor already request's own (a correction that
// keeps the letter it was filed with).
func (db *DB) draftLetter(n loket.NewRequest, request int64) (*letter, error) {
	if n.LetterID == 0 {
		return nil, nil
	}
	if n.LetterID > int64(len(db.letters)) || n.LetterID < 1 {
		return nil, loket.ErrLetterGone
	}
	l := db.letters[n.LetterID-1]
	if l == nil || l.chat != n.Chat || (l.requestID != 0 && l.requestID != request) {
		return nil, loket.ErrLetterGone
	}
	return l, nil
}

// letterOf is the metadata of a request's latest letter, nil if none.
func (db *DB) letterOf(requestID int64) *loket.Letter {
	for _, l := range slices.Backward(db.letters) {
		if l != nil && l.requestID == requestID {
			meta := l.Letter
			meta.Data = nil
			meta.SHA256 = slices.Clone(l.SHA256)
			return &meta
		}
	}
	return nil
}

// ImportZoomRoster replaces the roster of UNS Zoom users with emails, as
// store.DB.ImportZoomRoster does, and returns how many distinct addresses it holds.
func (db *DB) ImportZoomRoster(_ context.Context, emails []string) (int, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	db.roster = map[string]bool{}
	for _, e := range emails {
		db.roster[strings.ToLower(e)] = true
	}
	return len(db.roster), nil
}

// InZoomRoster implements loket.ZoomRoster.
func (db *DB) InZoomRoster(_ context.Context, email string) (loaded, found bool, err error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	return len(db.roster) > 0, db.roster[strings.ToLower(email)], nil
}
