package bot

import (
	"context"
	"time"
)

// HousekeepingStore is what Housekeeper needs (store.DB satisfies it).
type HousekeepingStore interface {
	PurgeInbox(ctx context.Context, before time.Time) (int64, error)
	PurgeDraftLetters(ctx context.Context, before time.Time) (int64, error)
}

// Housekeeper deletes what inbound traffic leaves behind: inbox rows handled longer
// ago than InboxRetention, and letters of drafts nobody filed, older than DraftAge.
// Requests and their letters are kept.
type Housekeeper struct {
	Store HousekeepingStore
	// InboxRetention is how long a handled message is kept (default 30 days).
	InboxRetention time.Duration
	// DraftAge is how long an unfiled letter is kept: longer than a draft lives
	// (default 4 days, for drafts that live 72 hours).
	DraftAge time.Duration
	Bot      *Bot
}

// Run cleans up every interval until ctx ends.
func (h *Housekeeper) Run(ctx context.Context, every time.Duration) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		h.Clean(ctx, time.Now())
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Clean does one round; a failure is logged and the next round tries again.
func (h *Housekeeper) Clean(ctx context.Context, now time.Time) {
	log := h.Bot.log()
	if n, err := h.Store.PurgeInbox(ctx, now.Add(-orDefault(h.InboxRetention, 30*24*time.Hour))); err != nil {
		log.Warn("housekeeping: purge inbox", "err", err)
	} else if n > 0 {
		log.Info("housekeeping: handled messages purged", "count", n)
	}
	if n, err := h.Store.PurgeDraftLetters(ctx, now.Add(-orDefault(h.DraftAge, 96*time.Hour))); err != nil {
		log.Warn("housekeeping: purge draft letters", "err", err)
	} else if n > 0 {
		log.Info("housekeeping: letters of abandoned drafts deleted", "count", n)
	}
}
