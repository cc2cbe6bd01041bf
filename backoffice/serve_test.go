package backoffice

import (
	"context"
	"testing"

	"github.com/uns-dtik/loket"
)

// staffReads counts the reads of staff records by phone, on the real fake beneath.
type staffReads struct {
	Store
	n int
}

func (s *staffReads) StaffByPhone(ctx context.Context, phone string) (*loket.Staff, error) {
	s.n++
	return s.Store.StaffByPhone(ctx, phone)
}

// TestServeReadsTheSenderOnce: deciding that a message is a staff command and
// running it take one read of the sender's staff record between them (the bot
// asked twice, once to route the message and once to run it); a message that is not
// a command takes none, and a command from a number that is not staff one, and is
// left for the dialog.
func TestServeReadsTheSenderOnce(t *testing.T) {
	d := newDesk(t, services{"ZM": {loket.RoleAdmin}})
	reads := &staffReads{Store: d.db}
	d.o.Store = reads
	ctx := context.Background()
	for _, c := range []struct {
		name, phone, text string
		served            bool
		reads             int
	}{
		{"a staff command", adminPhone, "/antrian", true, 1},
		{"staff chatting", adminPhone, "halo", false, 0},
		{"a command from an applicant", "+6281234567890", "/antrian", false, 1},
	} {
		reads.n = 0
		msg := loket.Message{Seq: 1, Chat: c.phone[1:], Phone: c.phone, Kind: loket.KindText, Text: c.text}
		replies, served, err := d.o.Serve(ctx, msg)
		if err != nil || served != c.served || (served && len(replies) == 0) {
			t.Errorf("%s: served %v with %d replies, %v; want served %v", c.name, served, len(replies), err, c.served)
		}
		if reads.n != c.reads {
			t.Errorf("%s: the sender's staff record was read %d times, want %d", c.name, reads.n, c.reads)
		}
	}
}
