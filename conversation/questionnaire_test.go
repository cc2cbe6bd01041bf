package conversation_test

import (
	"context"
	"testing"

	"github.com/uns-dtik/loket"
)

// TestQuestionnaireKnowsTheDialogsCommands: the questionnaire skips exactly what the
// dialog takes as a command. Its own list used to take any message starting with a
// command word, so the comment "Status pengerjaan cepat sekali" got the menu.
func TestQuestionnaireKnowsTheDialogsCommands(t *testing.T) {
	t.Parallel()
	d := eventDialog(t)
	d.say("1", "Langkah 1 dari 3")
	d.say("semnas", "Langkah 2 dari 3")
	d.say("10 Desember 2026", "Langkah 3 dari 3")
	d.say("13 Desember 2026", "Ringkasan")
	d.say("kirim", "EV-2026-0001")
	db := d.c.Store.(interface {
		RequestByRef(context.Context, string) (*loket.Request, error)
		MoveRequest(context.Context, loket.Move) error
	})
	ctx := context.Background()
	r, err := db.RequestByRef(ctx, "EV-2026-0001")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.MoveRequest(ctx, loket.Move{RequestID: r.ID, From: loket.StatusSubmitted, To: loket.StatusDone,
		Actor: "+6281100000001", Role: "pimpinan", At: d.now, AskQuestionnaire: true}); err != nil {
		t.Fatal(err)
	}
	d.say("status", "EV-2026-0001", "(1/4)")
	d.say("5", "(2/4)")
	d.say("4", "(3/4)")
	d.say("5", "(4/4)")
	d.say("Status pengerjaan cepat sekali", "Terima kasih atas penilaian Anda")
}
