package memstore

import (
	"context"
	"slices"
	"time"

	"github.com/uns-dtik/loket"
)

// Sent is a notification written to the outbox, for tests to read (Outbox).
type Sent struct {
	loket.Notification
	// MsgID is the WhatsApp message ID fixed when it was written.
	MsgID string
	// RequestID is the request it is about, 0 for none.
	RequestID int64
	At        time.Time
}

// Outbox returns every notification written so far, oldest first.
func (db *DB) Outbox() []Sent {
	db.mu.Lock()
	defer db.mu.Unlock()
	return slices.Clone(db.outbox)
}

func (db *DB) addOutbox(requestID int64, notes []loket.Notification, at time.Time) {
	for _, n := range notes {
		db.outbox = append(db.outbox, Sent{Notification: n, MsgID: loket.NewMessageID(), RequestID: requestID, At: stamp(at)})
	}
}

// Notify implements loket.Notifier; h's replies are not kept (no inbox here).
func (db *DB) Notify(_ context.Context, requestID int64, n []loket.Notification, at time.Time, _ *loket.Handled) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	db.addOutbox(requestID, n, at)
	return nil
}

// NotifyOnce implements loket.ReminderStore.
func (db *DB) NotifyOnce(_ context.Context, key string, requestID int64, notes []loket.Notification, at time.Time) (bool, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if _, sent := db.marks[key]; sent {
		return false, nil
	}
	db.marks[key] = at
	db.addOutbox(requestID, notes, at)
	return true, nil
}

// Awaiting implements loket.ReminderStore and loket.ReportStore.
func (db *DB) Awaiting(_ context.Context, statuses []loket.Status) ([]*loket.Request, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.list(in(statuses), oldestFirst, 0), nil
}
