package store

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"
)

// gatherer gathers the requests of concurrent callers into one round trip, the way
// PostgreSQL gathers commits into one WAL flush: the first request goes at once;
// requests that come while it is on its way wait for it and then go together, in the
// next round trip. A quiet bot therefore waits for nothing, and a busy one pays one
// round trip (for PostgreSQL, one statement and one commit) for several requests
// instead of one each. Every caller still returns only once its own request is done
// (committed), so what a caller knows of it is what it would know had it gone alone.
//
// It serves the inbox's claims and marks (ClaimInbox, FinishInbox), which the bot's
// workers make at the same moment. The inbox's records are not gathered: whatsmeow
// hands the bot one message at a time (it handles a connection's stanzas one after
// another, the event handlers inside), so no two records are ever made at once. Nor
// are the sessions' loads and saves in Redis: gathered, they showed no gain with
// messages delivered one at a time, and cost a goroutine and a channel each.
type gatherer[T any] struct {
	mu       sync.Mutex
	queue    []*gathered[T]
	flushing bool
	// statements counts the round trips sent, for the tests.
	statements int
}

// gathered is one caller's request, waiting for its round trip.
type gathered[T any] struct {
	item T
	err  error
	ctx  context.Context // the caller's: a request whose caller has left is not sent
	done chan struct{}
}

// gatherTimeout bounds one gathered round trip. Each caller waits no longer than its
// own context allows; the round trip itself must not hang on one caller's context,
// since it carries the others' requests too. A claim or mark cut so fails, and its
// message waits as in an outage (bot.handleRow): PostgreSQL stalled, not the work.
const gatherTimeout = 5 * time.Second

// do sends item with whatever other items are waiting, by send, and returns once
// item's round trip is done or ctx ends. send sends its batch in one round trip and
// answers each item in the item itself; an error it returns is every item's. An item
// whose caller has left before its round trip was formed is not sent; one whose
// caller left while its round trip was on its way may still be done (committed), as
// with any request whose answer was not waited for.
func (g *gatherer[T]) do(ctx context.Context, item T, send func(context.Context, []T) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	w := &gathered[T]{item: item, ctx: ctx, done: make(chan struct{})}
	g.mu.Lock()
	g.queue = append(g.queue, w)
	lead := !g.flushing
	g.flushing = true
	g.mu.Unlock()
	if lead {
		go g.flush(send) // in a goroutine of its own, so this caller too waits only as long as ctx allows
	}
	select {
	case <-w.done:
		return w.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// flush sends the items waiting now in one round trip, then again for those that
// came meanwhile, until none wait.
func (g *gatherer[T]) flush(send func(context.Context, []T) error) {
	for {
		g.mu.Lock()
		batch := g.queue
		if len(batch) == 0 {
			g.flushing = false
			g.mu.Unlock()
			return
		}
		g.queue = nil
		g.mu.Unlock()

		batch = slices.DeleteFunc(batch, func(w *gathered[T]) bool {
			if err := w.ctx.Err(); err != nil {
				w.err = err // not sent: its caller answers ctx's error, whichever it sees first
				close(w.done)
				return true
			}
			return false
		})
		if len(batch) == 0 {
			continue
		}
		g.mu.Lock()
		g.statements++
		g.mu.Unlock()
		items := make([]T, len(batch))
		for i, w := range batch {
			items[i] = w.item
		}
		ctx, cancel := context.WithTimeout(context.Background(), gatherTimeout)
		err := sendSafely(ctx, items, send)
		cancel()
		for _, w := range batch {
			w.err = err
			close(w.done)
		}
	}
}

// sendSafely sends items by send, turning a panic into every item's error: a panic
// here would otherwise end the process, not fail the callers' messages.
func sendSafely[T any](ctx context.Context, items []T, send func(context.Context, []T) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return send(ctx, items)
}

// counts says how many round trips g has sent (sent), and how many items wait for the
// one on its way (waiting); for the tests.
func (g *gatherer[T]) counts() (sent, waiting int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.statements, len(g.queue)
}
