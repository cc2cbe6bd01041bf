package conversation_test

import (
	"testing"

	"github.com/uns-dtik/loket"
)

// TestQuestionnaireKnowsTheDialogsCommands: the questionnaire skips exactly what the
// dialog takes as a command. Its own list used to take any message starting with a
// command word, so the comment "Status pengerjaan cepat sekali" got the menu.
func TestQuestionnaireKnowsTheDialogsCommands(t *testing.T) {
	t.Parallel()
	d := eventDialog(t)
	d.move(d.fileEvent(), loket.StatusDone, "pimpinan", "")
	d.say("status", "EV-2026-0001", "(1/4)")
	d.say("5", "(2/4)")
	d.say("4", "(3/4)")
	d.say("5", "(4/4)")
	d.say("Status pengerjaan cepat sekali", "Terima kasih atas penilaian Anda")
}
