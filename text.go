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
