package store

import (
	"context"
	"slices"
	"sync"
	"time"
)

// gatherer gathers the writes of concurrent callers into one statement, the way
// PostgreSQL gathers commits into one WAL flush: the first write goes at once; writes
// that come while its statement is on its way wait for it and then go together, in
// the next statement. A quiet bot therefore waits for nothing, and a busy one pays
// one round trip, one statement and one commit for several writes instead of one
// each. Every caller still returns only once its own write is committed, so what a
// caller knows of its write is what it would know had it sent it alone.
//
// The inbox's records (AddInbox) and its claims and marks (ClaimInbox, FinishInbox)
// are gathered so, each by a gatherer of its own.
type gatherer[T any] struct {
	mu       sync.Mutex
	queue    []*gathered[T]
	flushing bool
	// statements counts the statements sent, for the tests.
	statements int
}

// gathered is one caller's write, waiting for its statement.
type gathered[T any] struct {
	item T
	err  error
	ctx  context.Context // the caller's: a write whose caller has left is not sent
	done chan struct{}
}

// gatherTimeout bounds one gathered statement. Each caller waits no longer than its
// own context allows; the statement itself must not hang on one caller's context,
// since it carries the others' writes too. A write that fails so (PostgreSQL stalled
// for longer) fails as a write sent alone would: its caller tries again later.
const gatherTimeout = 5 * time.Second

// do sends item with whatever other items are waiting, by send, and returns once
// item's statement is committed or ctx ends. send writes its batch in one statement
// and answers each item in the item itself; an error it returns is every item's. An
// item whose caller has left before its statement was formed is not sent; one whose
// caller left while its statement was on its way may still be committed, as with any
// statement whose answer was not waited for.
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

// flush sends the items waiting now in one statement, then again for those that came
// meanwhile, until none wait.
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
		err := send(ctx, items)
		cancel()
		for _, w := range batch {
			w.err = err
			close(w.done)
		}
	}
}

// sent is how many statements g has sent, and waiting how many items wait for the
// statement on its way; for the tests.
func (g *gatherer[T]) counts() (sent, waiting int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.statements, len(g.queue)
}
