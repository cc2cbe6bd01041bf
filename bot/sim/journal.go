package sim

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sort"
	"time"
)

// Journal keeps what the simulator holds across restarts: the bot's messages, so the
// page shows the history again and a client polling with after= sees only what is
// new, and the files sent either way, so old /sim/media/ links still open.
// store.DB is one, in PostgreSQL.
type Journal interface {
	KeepSimMessage(ctx context.Context, seq int64, at time.Time, payload []byte) error
	KeepSimMedia(ctx context.Context, id string, at time.Time, data []byte) error
	// SimMessages returns the payloads of the last limit messages kept since since,
	// oldest first, and the highest sequence number ever kept.
	SimMessages(ctx context.Context, since time.Time, limit int) ([][]byte, int64, error)
	SimMedia(ctx context.Context, id string) ([]byte, error)
	PruneSim(ctx context.Context, before time.Time, mediaBytes int64) error
}

// What the journal keeps: two weeks of history, at most journalMessages messages
// shown again, files up to journalMedia bytes in all (a letter is at most 10 MB).
const (
	journalKeep     = 14 * 24 * time.Hour
	journalMessages = 5000
	journalMedia    = 512 << 20
	// journalBacklog bounds what waits to be written while PostgreSQL is away; beyond
	// it the oldest waiting entries are dropped (history is a convenience, the bot's
	// own books are elsewhere).
	journalBacklog = 10000
)

// entry is one write the journal has still to make.
type entry struct {
	seq     int64
	mediaID string
	at      time.Time
	data    []byte
}

// Restore shows again what j kept, numbers on from it, and from now on writes what
// the simulator records to j, in the background: a journal that is away delays the
// history, never a message. Call it before the bot starts sending.
func (s *Sim) Restore(ctx context.Context, j Journal, log *slog.Logger) error {
	now := time.Now()
	if err := j.PruneSim(ctx, now.Add(-journalKeep), journalMedia); err != nil {
		return err
	}
	payloads, last, err := j.SimMessages(ctx, now.Add(-journalKeep), journalMessages)
	if err != nil {
		return err
	}
	kept := make([]Outbound, 0, len(payloads))
	for _, p := range payloads {
		var o Outbound
		if err := json.Unmarshal(p, &o); err != nil {
			return fmt.Errorf("simulator journal: %w", err)
		}
		kept = append(kept, o)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(kept, s.sent...)
	for _, o := range kept {
		s.sentIDs[o.To+"/"+o.ID] = true
	}
	s.lastSeq = max(s.lastSeq, last)
	s.journal, s.journalLog, s.journalWake = j, log, make(chan struct{}, 1)
	s.inflight.Add(1)
	go s.writeJournal()
	return nil
}

// rememberMessage queues a sent message for the journal, if there is one: without one
// (tests, the bench) no send pays for its encoding. Call with s.mu held.
func (s *Sim) rememberMessage(o Outbound) {
	if s.journal == nil {
		return
	}
	if payload, err := json.Marshal(o); err == nil {
		s.remember(entry{seq: o.Seq, at: o.At, data: payload})
	}
}

// remember queues an entry for the journal, if there is one. Call with s.mu held.
func (s *Sim) remember(e entry) {
	if s.journal == nil {
		return
	}
	if len(s.pending) >= journalBacklog {
		s.pending = s.pending[1:]
	}
	s.pending = append(s.pending, e)
	select {
	case s.journalWake <- struct{}{}:
	default:
	}
}

// writeJournal writes queued entries in order until the simulator closes, then what
// it can of the rest within a few seconds. A failed write is tried again a second
// later, the entry kept at the head of the queue.
func (s *Sim) writeJournal() {
	defer s.inflight.Done()
	failing := false
	for {
		s.mu.Lock()
		var e entry
		queued := len(s.pending) > 0
		if queued {
			e = s.pending[0]
		}
		s.mu.Unlock()
		if !queued {
			select {
			case <-s.journalWake:
				continue
			case <-s.ctx.Done():
				return
			}
		}
		if s.ctx.Err() != nil {
			s.flushJournal()
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := s.keep(ctx, e)
		cancel()
		if err != nil {
			if !failing && s.journalLog != nil {
				s.journalLog.Warn("the simulator's history is not being kept; trying again", "error", err)
			}
			failing = true
			select {
			case <-time.After(time.Second):
			case <-s.ctx.Done():
			}
			continue
		}
		failing = false
		s.mu.Lock()
		// The head is still e unless a full backlog dropped it meanwhile.
		if len(s.pending) > 0 && s.pending[0].seq == e.seq && s.pending[0].mediaID == e.mediaID {
			s.pending = s.pending[1:]
		}
		if e.mediaID != "" {
			s.trimMedia() // a file kept is one memory may let go of
		}
		s.mu.Unlock()
	}
}

// flushJournal writes what is still queued when the simulator closes, for at most a
// few seconds: a stop must not hang on a journal that is away.
func (s *Sim) flushJournal() {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	s.mu.Lock()
	left := s.pending
	s.pending = nil
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.trimMedia()
		s.mu.Unlock()
	}()
	for _, e := range left {
		if err := s.keep(ctx, e); err != nil {
			if s.journalLog != nil {
				s.journalLog.Warn("the simulator's last messages were not kept", "left", len(left), "error", err)
			}
			return
		}
	}
}

func (s *Sim) keep(ctx context.Context, e entry) error {
	if e.mediaID != "" {
		return s.journal.KeepSimMedia(ctx, e.mediaID, e.at, e.data)
	}
	return s.journal.KeepSimMessage(ctx, e.seq, e.at, e.data)
}

// keptMedia reads a file the journal kept, for a link older than this process.
func (s *Sim) keptMedia(id string) ([]byte, bool) {
	s.mu.Lock()
	j := s.journal
	s.mu.Unlock()
	if j == nil {
		return nil, false
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	data, err := j.SimMedia(ctx, id)
	return data, err == nil
}

// What the simulator holds in memory, however long it runs: the newest messages (the
// page and polls see those; older ones stay in the journal, if any) and the newest
// files up to a total (older ones are read from the journal on demand, or, without
// one, are gone: their links answer 404).
// (Variables, so a test can lower them.)
var (
	memoryMessages       = 10000
	memoryMedia    int64 = 128 << 20
)

// trimTranscript drops the oldest messages beyond memoryMessages. Call with s.mu held.
// The transcript is resliced, not copied: append moves the messages kept to a new
// array only when the old one is full, once per about a quarter of memoryMessages
// sends, where a copy at every send cost each send the whole transcript.
func (s *Sim) trimTranscript() {
	over := len(s.sent) - memoryMessages
	if over <= 0 {
		return
	}
	for _, o := range s.sent[:over] {
		delete(s.sentIDs, o.To+"/"+o.ID)
	}
	clear(s.sent[:over]) // their texts are garbage now, though the array stays a while
	s.sent = s.sent[over:]
}

// trimMedia drops the oldest files beyond the media memory (Sim.MediaMemory, else
// memoryMedia) from memory, except those the journal has still to write. Call with
// s.mu held.
func (s *Sim) trimMedia() {
	limit := memoryMedia
	if s.MediaMemory > 0 {
		limit = s.MediaMemory
	}
	if s.mediaBytes <= limit {
		return
	}
	waiting := map[string]bool{}
	for _, e := range s.pending {
		if e.mediaID != "" {
			waiting[e.mediaID] = true
		}
	}
	kept := s.mediaOrder[:0]
	for _, id := range s.mediaOrder {
		if s.mediaBytes > limit && !waiting[id] {
			s.mediaBytes -= int64(len(s.media[id]))
			delete(s.media, id)
			continue
		}
		kept = append(kept, id)
	}
	s.mediaOrder = kept
}

// firstAfter is the index in sent of the first message numbered after seq.
func firstAfter(sent []Outbound, seq int64) int {
	return sort.Search(len(sent), func(i int) bool { return sent[i].Seq > seq })
}
