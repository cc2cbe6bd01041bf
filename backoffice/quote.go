package backoffice

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"

	"github.com/uns-dtik/loket"
)

// A command that quotes a message instead of naming a reference is about the request
// that message is about. A notification is found by its WhatsApp message ID (the
// outbox row it was sent from says which request). Any other bot message — /lihat's
// answer, a one-row /antrian, "ZM-2026-0001 sekarang: terverifikasi" — is found by the
// one reference its text names: the text the staff member's app copied into the quote.
//
// That text is the sender's to write: a modified app can put anything there. It is
// therefore read as a reference the sender typed, no more: the request must exist,
// and the command is held to the same role, assignee and state checks as with a
// typed reference, so a forged quote gains nothing a typed "/verifikasi ZM-…" would
// not. Recording every reply's message ID with its request was the alternative; it
// would cover only replies sent after it was built, through one path, while the quote
// works for every message the staff member has in their chat, with no store change.

// quotedRef finds a reference in a quoted text: two to four letters, the year and the
// number, as a word of its own. One right after a slash command ("/lihat ZM-2026-0007",
// "contoh: /tolak ZM-2026-0007 …") is an example of how to type a command, as /bantuan
// and every hint give them, not what the message is about; the optional first group
// swallows such a reference so it is not counted.
var quotedRef = regexp.MustCompile(`(/[A-Za-z]+\s+)?\b(` + loket.RefWord + `)\b`)

// headingRef is a reference heading a message, as /lihat heads its answer:
// "*ZM-2026-0007* — Lisensi Zoom …".
var headingRef = regexp.MustCompile(`^\*?(` + loket.RefWord + `)\*? — `)

// quotedRefs lists the distinct references text names (upper-case, in order of first
// mention), leaving out those that follow a slash command.
func quotedRefs(text string) []string {
	var refs []string
	for _, m := range quotedRef.FindAllStringSubmatch(text, -1) {
		if m[1] != "" {
			continue
		}
		if ref := strings.ToUpper(m[2]); !slices.Contains(refs, ref) {
			refs = append(refs, ref)
		}
	}
	return refs
}

// quotedRequest finds the request a command quoting a message is about: the
// notification's, or the one the quoted text names (or, of several, the one its first
// line names). It replies and returns nil when there is none, or several with none
// heading the text.
func (h *handling) quotedRequest(ctx context.Context, c command) (*loket.Request, error) {
	r, err := h.o.Store.RequestByMessageID(ctx, h.msg.QuotedID)
	if !errors.Is(err, loket.ErrNotFound) {
		return r, err
	}
	refs := quotedRefs(h.msg.QuotedText)
	if m := headingRef.FindStringSubmatch(h.msg.QuotedText); len(refs) > 1 && m != nil {
		// A message headed "*KL-2026-0002* — …" is about that request (/lihat of a
		// complaint names the request complained about further down); a list is not.
		refs = []string{strings.ToUpper(m[1])}
	}
	if len(refs) != 1 {
		h.reply(say(quotedUnknown{Command: c.typed, Args: c.args, Refs: refs}))
		return nil, nil
	}
	r, err = h.o.Store.RequestByRef(ctx, refs[0])
	if errors.Is(err, loket.ErrNotFound) {
		h.reply(say(refUnknown{Ref: refs[0]}))
		return nil, nil
	}
	return r, err
}
