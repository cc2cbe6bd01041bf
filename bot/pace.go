package bot

import (
	"context"
	"time"

	"golang.org/x/time/rate"
)

// Pacer is the budget of everything the bot sends: direct replies and notifications
// alike spend it, so together they never exceed PerMinute (WhatsApp bans numbers that
// behave like bulk senders). Past it, sends wait their turn, in the order they came;
// nothing is dropped. A nil *Pacer paces nothing.
type Pacer struct {
	lim *rate.Limiter
}

// NewPacer returns a budget of perMinute sends a minute, of which a tenth may go at
// once after a quiet spell.
func NewPacer(perMinute int) *Pacer {
	perMinute = max(perMinute, 1)
	return &Pacer{lim: rate.NewLimiter(rate.Every(time.Minute/time.Duration(perMinute)), max(1, perMinute/10))}
}

// Wait blocks until the budget allows one more send, or ctx ends.
func (p *Pacer) Wait(ctx context.Context) error {
	if p == nil {
		return nil
	}
	return p.lim.Wait(ctx)
}
