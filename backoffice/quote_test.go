package backoffice

import (
	"context"
	"strings"
	"testing"

	"github.com/uns-dtik/loket"
)

// quote sends a staff command from phone that replies to (quotes) the message with
// WhatsApp ID id and text quoted, and returns the answer.
func (d *desk) quote(phone, text, id, quoted string) string {
	d.t.Helper()
	d.seq++
	msg := loket.Message{Seq: d.seq, Chat: strings.TrimPrefix(phone, "+"), Phone: phone, Kind: loket.KindText, Text: text,
		QuotedID: id, QuotedText: quoted}
	replies, err := d.o.Handle(context.Background(), msg)
	if err != nil || len(replies) == 0 {
		d.t.Fatalf("%s: %v, %v", text, replies, err)
	}
	return replies[0].Text
}

// TestQuotingAnyMessageThatNamesOneRequest: a command that quotes a bot message no
// notification was sent as (/lihat's answer, a "now: verified") acts on the one
// request that message names, under the same role and state checks as a typed
// reference. A message naming none or several is refused with a hint that names the
// command typed; a reference that only follows a command in the quoted text (the
// examples of /bantuan and the hints) is not what the message is about.
func TestQuotingAnyMessageThatNamesOneRequest(t *testing.T) {
	t.Parallel()
	d := newDesk(t, services{"ZM": nil})
	first, second := d.file("ZM"), d.file("ZM")
	shown := d.command(adminPhone, "/lihat "+first.Ref)

	if got := d.quote(stafPhone, "/selesai", "3EB0LIHAT1", shown); !strings.Contains(got, "Hanya staf yang ditunjuk") && !strings.Contains(got, "masih berstatus") {
		t.Errorf("a staf member quoting /lihat was not held to the usual checks: %q", got)
	}
	if got := d.quote(adminPhone, "/verifikasi lengkap", "3EB0LIHAT1", shown); !strings.Contains(got, first.Ref+" sekarang: terverifikasi") {
		t.Fatalf("quoting /lihat's text with /verifikasi: %q", got)
	}
	if d.status(second.Ref) != loket.StatusSubmitted {
		t.Fatalf("%s moved too", second.Ref)
	}

	queue := d.command(adminPhone, "/antrian")
	if !strings.Contains(queue, second.Ref) {
		t.Fatalf("queue: %q", queue)
	}
	several := "1. *" + first.Ref + "*\n2. *" + second.Ref + "*"
	got := d.quote(adminPhone, "/tolak tidak lengkap", "3EB0ANTRIAN", several)
	if !strings.Contains(got, first.Ref) || !strings.Contains(got, second.Ref) || !strings.Contains(got, "/tolak ") || strings.Contains(got, "/lihat") {
		t.Errorf("quoting a message naming two requests: %q", got)
	}
	help := d.command(adminPhone, "/bantuan")
	got = d.quote(adminPhone, "/verify", "3EB0BANTUAN", help)
	if !strings.Contains(got, "/verify ") || strings.Contains(got, "/lihat") {
		t.Errorf("quoting /bantuan (examples only) with /verify: %q", got)
	}
	if got := d.quote(adminPhone, "/verifikasi", "3EB0KOSONG", ""); !strings.Contains(got, "/verifikasi ") || strings.Contains(got, "/lihat") {
		t.Errorf("quoting a message without text: %q", got)
	}
	if d.status(first.Ref) != loket.StatusVerified || d.status(second.Ref) != loket.StatusSubmitted {
		t.Fatalf("refused quotes moved requests: %s %s, %s %s", first.Ref, d.status(first.Ref), second.Ref, d.status(second.Ref))
	}

	// A notification is found by its message ID, whatever text comes with the quote:
	// the outbox says which request it was about.
	var note string
	for _, s := range d.db.Outbox() {
		if s.RequestID == second.ID && s.Chat == strings.TrimPrefix(adminPhone, "+") {
			note = s.MsgID
		}
	}
	if note == "" {
		t.Fatal("the admin was not told of the second request")
	}
	if got := d.quote(adminPhone, "/verifikasi", note, "*"+first.Ref+"*"); !strings.Contains(got, second.Ref+" sekarang: terverifikasi") {
		t.Fatalf("quoting the notification of %s: %q", second.Ref, got)
	}
}

// TestQuotingAMessageHeadedByItsRequest: /lihat of a complaint names the request
// complained about below its own reference; quoting it is about the complaint.
func TestQuotingAMessageHeadedByItsRequest(t *testing.T) {
	text := "*KL-2026-0002* — Keluhan layanan\nStatus: *diajukan*\n• Tentang: ZM-2026-0001"
	if m := headingRef.FindStringSubmatch(text); m == nil || m[1] != "KL-2026-0002" {
		t.Fatalf("heading of %q: %v", text, m)
	}
	if m := headingRef.FindStringSubmatch("1. *ZM-2026-0001* — Lisensi\n2. *ZM-2026-0002* — Lisensi"); m != nil {
		t.Fatalf("a list is headed by %v", m)
	}
}
