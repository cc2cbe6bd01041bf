package storetest

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
)

// The WhatsApp number's connection lock, as tests play the other process.

// EndNumberHolder ends the database session that holds this schema's WhatsApp
// number lock, as a PostgreSQL restart or a broken network would.
func (e *Env) EndNumberHolder(t testing.TB) {
	t.Helper()
	holder, err := e.DB.ConnectionHolder(context.Background())
	_, pid, found := strings.Cut(holder, "pid ")
	if err != nil || !found {
		t.Fatalf("holder %q: %v", holder, err)
	}
	if _, err := e.DB.Pool.Exec(context.Background(), `SELECT pg_terminate_backend($1)`, strings.TrimSuffix(pid, ")")); err != nil {
		t.Fatal(err)
	}
}

// HoldNumber takes this schema's WhatsApp number lock for the test, as another
// Loket process would, as soon as it comes free (within 3 s), and returns what
// gives it up: once, whoever calls it, and at the latest when the test ends.
func (e *Env) HoldNumber(t testing.TB) (release func()) {
	t.Helper()
	var lock loket.Lock
	for deadline := time.Now().Add(3 * time.Second); lock == nil && time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		lock, _ = e.DB.TryLockConnection(context.Background())
	}
	if lock == nil {
		t.Fatal("the WhatsApp number's lock never came free")
	}
	release = sync.OnceFunc(lock.Release)
	t.Cleanup(release)
	return release
}
