package memstore_test

import (
	"testing"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/memstore"
	"github.com/uns-dtik/loket/store/storetest"
)

// DB and Sessions stand in for store.DB and store.Sessions wherever the rooms ask
// for the root's interfaces (storetest.Backend embeds every one of them).
var (
	_ storetest.Backend  = (*memstore.DB)(nil)
	_ loket.SessionStore = (*memstore.Sessions)(nil)
)

// TestContract: the fakes behave as store.DB and store.Sessions do, by the checks
// both are held to.
func TestContract(t *testing.T) {
	storetest.Contract(t, func(*testing.T) storetest.Subject {
		db := memstore.New()
		return storetest.Subject{Store: db, Sessions: &memstore.Sessions{}, Sent: func(_ testing.TB, chat string) []storetest.Note {
			var out []storetest.Note
			for _, s := range db.Outbox() {
				if s.Chat == chat {
					out = append(out, storetest.Note{Text: s.Text, MsgID: s.MsgID, RequestID: s.RequestID})
				}
			}
			return out
		}}
	})
}
