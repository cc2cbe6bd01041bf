package memstore

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/uns-dtik/loket"
)

// Sessions keeps dialog sessions in memory with the versions and time to live of
// store.Sessions: a save from a stale version is loket.ErrConflict. The zero value
// is ready to use.
type Sessions struct {
	// Now is the clock the time to live counts on (default time.Now): Redis expires
	// keys on its own clock, not the dialog's.
	Now func() time.Time

	mu    sync.Mutex
	chats map[string]session
}

type session struct {
	data    []byte
	version int64
	expires time.Time
}

func (s *Sessions) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// current is chat's live session, the zero session when none is.
func (s *Sessions) current(chat string) session {
	got, ok := s.chats[chat]
	if !ok || !s.now().Before(got.expires) {
		return session{}
	}
	return got
}

// Load implements loket.SessionStore.
func (s *Sessions) Load(_ context.Context, chat string) ([]byte, int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	got := s.current(chat)
	return slices.Clone(got.data), got.version, nil
}

// Save implements loket.SessionStore.
func (s *Sessions) Save(_ context.Context, chat string, data []byte, version int64, ttl time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current(chat).version != version {
		return loket.ErrConflict
	}
	if s.chats == nil {
		s.chats = map[string]session{}
	}
	s.chats[chat] = session{data: slices.Clone(data), version: version + 1, expires: s.now().Add(ttl)}
	return nil
}
