package backoffice

import (
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/internal/sentencetest"
)

// Whether each sentence has its renderings is checked by the compiler (a staff
// sentence without Indonesian is not a staffSentence, an applicant's without English
// not a loket.Sentence); these tests check what they render.

var at = time.Date(2026, time.November, 23, 10, 15, 0, 0, loket.Jakarta)

var staffSamples = []staffSentence{
	applicantLine{Phone: "+6281234567890", Name: "Budi"}, applicantLine{}, applicantName{}, applicantName{Form: "Budi"}, applicantName{WhatsApp: "Budi"}, letterLine{FileName: "surat.pdf", Pages: 2},
	waited{90 * time.Minute}, span{50 * time.Hour}, timelineActor{Name: "Rina", Role: "admin"}, requestDetail{Summary: "Budi", Status: loket.StatusDisposed, Timeline: "Budi"},
	letterCaption{Ref: "ZM-2026-0007"}, attachmentCaption{Ref: "KL-2026-0007"}, applicantActor{}, digest{Day: at},
	unknownCommand{Command: "Budi"}, refRequired{Command: "Budi"}, refUnknown{Ref: "Budi"}, quotedUnknown{Command: "Budi"},
	quotedUnknown{Command: "Budi", Args: "Budi", Refs: []string{"Budi", "Budi"}},
	reasonRequired{}, moveDone{Ref: "Budi", Status: loket.StatusVerified},
	wrongState{Ref: "Budi", Status: loket.StatusVerified, Last: "Budi"},
	notYet{Ref: "Budi", Status: loket.StatusVerified, Need: loket.ActionDispose, By: []loket.Role{loket.RolePimpinan}}, byAt{Who: "Budi", At: at},
	notYet{Ref: "Budi", Status: loket.StatusVerified}, roleList{Roles: []loket.Role{loket.RoleAdmin, loket.RolePimpinan, loket.RoleStaf}, Assigned: true},
	notAssignee{Ref: "Budi"}, notAssignee{Ref: "Budi", Others: []loket.Role{loket.RolePimpinan}}, disposeWho{}, roleStaf{}, staffUnknown{Who: "Budi"},
	staffAmbiguous{Who: "Budi", Names: "Budi", Ref: "Budi"}, overdueMark{Days: 3}, queueEmpty{},
	queue{Rows: "Budi"}, staffNone{}, staffList{}, staffAddUsage{}, staffRemoveUsage{}, staffLastPimpinan{},
	staffNothingRemoved{Phone: "Budi"}, staffAdded{Name: "Budi", Phone: "Budi", Role: loket.RoleStaf},
	staffRemoved{Roles: 3, Phone: "Budi"}, staffWelcome{Name: "Budi", Role: loket.RoleAdmin, Rows: "Budi"}, helpHead{}, helpLine{Command: "cari"}, searchUsage{}, noteTooLong{Length: 3, Max: 3},
	searchNone{Text: "Budi"}, searchFound{Text: "Budi", Rows: "Budi"}, statsHead{}, statsEmpty{}, statsStages{},
	statsOverdue{Late: 3, Open: 3}, statsQuestionnaire{Answered: 3},
	statsRatings{Speed: 4.5, Ease: 4.5, Satisfaction: 4.5},
	slaReminder{Ref: "Budi", Title: "Budi", Status: loket.StatusVerified, Next: loket.ActionDispose, Days: 3, SLA: 3},
	digest{Day: at, Fresh: []string{"• ZM-2026-0007"}, Waiting: []string{"• ZM-2026-0007"}, Late: []string{"• ZM-2026-0007"}},
	staffNote{Note: "Budi"}, notifyAdmin{Summary: "Budi", Ref: "Budi"},
	notifyPimpinan{Summary: "Budi", By: "Budi", NoteLine: "Budi"},
	notifyStaf{By: "Budi", Summary: "Budi", NoteLine: "Budi"}, notifyAdminCorrected{Summary: "Budi", Ref: "Budi"},
	revisionNoteRequired{}, notifyCancelled{Ref: "Budi"},
	notifyComplaint{Summary: "Budi", Ref: "Budi"}, answerRequired{Ref: "Budi"}, letterLine{FileName: "tangkapan-layar.png"},
	notForKind{Ref: "Budi", Title: "Budi", Command: "Budi", Next: "Budi"}, notForKind{Ref: "Budi", Title: "Budi", Command: "Budi"},
	slaReminder{Ref: "Budi", Title: "Budi", Status: loket.StatusSubmitted, Next: loket.ActionAnswer, Days: 3, SLA: 3},
}
var applicantSamples = []loket.Sentence{
	questionnaireReminder{}, applicantRevision{Ref: "Budi", Note: "Budi"}, applicantVerified{Ref: "Budi"},
	applicantDisposed{Ref: "Budi"}, applicantRejected{Ref: "Budi", Note: "Budi"},
	applicantDone{Ref: "Budi", Result: "Budi"}, cancelNotFound{Ref: "Budi"},
	cancelTooLate{Ref: "Budi", Status: loket.StatusVerified}, cancelled{Ref: "Budi"}, applicantNote{Note: "Budi"},
	applicantAnswered{Ref: "Budi", Answer: "Budi"}, applicantClosed{Ref: "Budi"}, applicantClosed{Ref: "Budi", Note: "Budi"},
}

// staffOnly is a staff sentence as a loket.Sentence, for sentencetest: staff read
// Indonesian only, so its English is its Indonesian.
type staffOnly struct{ staffSentence }

func (s staffOnly) English() string { return s.Indonesian() }

// TestEverySentenceRenders: every sentence of the back office is whole: not empty,
// no fmt error, no verb left unformatted.
func TestEverySentenceRenders(t *testing.T) {
	for _, s := range staffSamples {
		sentencetest.Check(t, staffOnly{s})
	}
	sentencetest.Check(t, applicantSamples...)
}

// TestEveryWordIsSaid: every status, stage, action refused and role has words of its
// own, not the stored (English) value or the catch-all a switch falls back to.
func TestEveryWordIsSaid(t *testing.T) {
	for _, s := range loket.Lifecycles.Statuses() {
		for _, lang := range []loket.Lang{loket.Indonesian, loket.English} {
			if got := sayIn(lang, statusWord{s}); got == "" || lang == loket.Indonesian && got == string(s) {
				t.Errorf("status %s in %s: %q", s, lang, got)
			}
		}
	}
	for _, l := range loket.Lifecycles {
		for _, s := range l.AwaitingStaff() {
			if got := say(stage(services{}, l, s)); got == string(s) {
				t.Errorf("stage %s of %s has no words", s, l.Name)
			}
		}
	}
	every := loket.ComplaintGuards(nil)
	for action, roles := range loket.DefaultGuards {
		every[action] = roles
	}
	for action := range every {
		if got := say(refusal(services{}, action, "")); strings.Contains(got, string(action)) {
			t.Errorf("refusing %s: %q", action, got)
		}
	}
	for action := range every {
		if got := say(notYet{Need: action, By: []loket.Role{loket.RoleAdmin}}); strings.Contains(got, "langkah sebelumnya") {
			t.Errorf("waiting for %s: %q", action, got)
		}
	}
	for _, c := range staffCommands {
		if got := say(helpLine{Command: c.name}); got == "/"+c.name {
			t.Errorf("/%s has no line in /bantuan", c.name)
		}
	}
}

// TestTimesSayWIB: every staff sentence that shows a moment names its zone, so a
// reader elsewhere does not take Jakarta's clock for their own.
func TestTimesSayWIB(t *testing.T) {
	if got := say(byAt{Who: "Rina", At: at}); got != "oleh Rina pada 23 Nov 2026 10.15 WIB" {
		t.Errorf("byAt: %q", got)
	}
	if got := say(wrongState{Ref: "ZM-2026-0007", Status: loket.StatusVerified, Last: say(byAt{Who: "Rina", At: at})}); !strings.Contains(got, "10.15 WIB") {
		t.Errorf("wrongState: %q", got)
	}
}
