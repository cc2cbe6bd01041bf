package loket

// eventLine is one timeline row's words: what Event did, by Actor (as the reader
// should see them). Statuses are data, so each language's switch has a fallback
// ("submitted → archived (Rina)"); TestEveryStatusHasAnEventLine keeps it unused.
type eventLine struct {
	Event Event
	Actor string
}

// EventLine is one timeline row's words for e: what happened, by actor, and the note.
func EventLine(lang Lang, e Event, actor string) string {
	line := Say(lang, eventLine{Event: e, Actor: actor})
	if e.Note != "" {
		line += ": " + e.Note
	}
	return line
}

// TimelineRow is one row of a request's timeline as the applicant's `status` and the
// staff's /lihat show it: "• 23 Nov 2026 10.15 WIB — diverifikasi oleh admin: surat lengkap".
func TimelineRow(lang Lang, e Event, actor string) string {
	return "• " + FormatTime(e.At, lang) + " — " + EventLine(lang, e, actor)
}
