package bot

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.mau.fi/whatsmeow"
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

// ErrThrottled is returned by Send while WhatsApp has asked the bot to slow down
// (rate-overlimit, error 429, or 463 for too many new chats): nothing is sent until
// the hold ends, and what was to go out waits, none of it counted as an attempt.
var ErrThrottled = errors.New("bot: WhatsApp asked to slow down; sending is paused")

// throttledBy reports whether err is WhatsApp refusing a send for its rate: a send
// answered with error 429 or 463, or an info query (an upload's) refused with 429.
func throttledBy(err error) bool {
	if errors.Is(err, whatsmeow.ErrIQRateOverLimit) {
		return true
	}
	var code int
	if errors.Is(err, whatsmeow.ErrServerReturnedError) {
		_, after, _ := strings.Cut(err.Error(), whatsmeow.ErrServerReturnedError.Error())
		code, _ = strconv.Atoi(strings.TrimSpace(after))
	}
	return code == 429 || code == 463
}

// hold pauses every send when WhatsApp throttles: the first hold lasts base, each
// one while still throttled twice as long, up to 16 times base; a send that goes
// through ends the series.
type hold struct {
	mu    sync.Mutex
	until time.Time
	next  time.Duration
}

// active returns when the current hold ends, zero when none is on.
func (h *hold) active(now time.Time) time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	if now.Before(h.until) {
		return h.until
	}
	return time.Time{}
}

// start begins a hold, twice as long as the last one of the series, and returns how
// long it lasts. Sends refused while a hold is on (they were on their way before it
// began) do not lengthen it: one refusal, one step.
func (h *hold) start(now time.Time, base time.Duration) time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	if now.Before(h.until) {
		return h.until.Sub(now)
	}
	h.next = min(max(h.next*2, base), 16*base)
	h.until = now.Add(h.next)
	return h.next
}

// clear ends the series after a send went through.
func (h *hold) clear() {
	h.mu.Lock()
	h.next = 0
	h.mu.Unlock()
}
