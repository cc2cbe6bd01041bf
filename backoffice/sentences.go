package backoffice

import (
	"time"

	"github.com/uns-dtik/loket"
)

// The back office's sentences, one type each with the raw data it is about;
// text_id.go renders them all in Bahasa Indonesia and text_en.go those applicants
// read in English too.

// To staff, who read Indonesian: each is a staffSentence.
type (
	unknownCommand struct{ Command string }
	refRequired    struct{ Command string }
	refUnknown     struct{ Ref string }
	// quotedUnknown: the quoted message is no notification and names no single
	// request; Refs are those it names when several, Command and Args what was typed.
	quotedUnknown struct {
		Command string
		Args    string
		Refs    []string
	}
	reasonRequired struct{}
	moveDone       struct {
		Ref    string
		Status loket.Status
	}
	wrongState struct {
		Ref    string
		Status loket.Status
		Last   string
	}
	// notYet: an action refused because Need, fired by a role of By, must come first.
	notYet struct {
		Ref    string
		Status loket.Status
		Need   loket.Action
		By     []loket.Role
	}
	byAt struct {
		Who string
		At  time.Time
	}
	// notAssignee: a staf member not assigned r; Others are the roles that may close
	// it without being assigned.
	notAssignee struct {
		Ref    string
		Others []loket.Role
	}
	disposeWho     struct{}
	roleStaf       struct{}
	staffUnknown   struct{ Who string }
	staffAmbiguous struct {
		Who   string
		Names string
		Ref   string
	}
	overdueMark         struct{ Days int }
	queueEmpty          struct{}
	queue               struct{ Rows string }
	staffNone           struct{}
	staffList           struct{}
	staffAddUsage       struct{}
	staffRemoveUsage    struct{}
	staffLastPimpinan   struct{}
	staffNothingRemoved struct{ Phone string }
	staffAdded          struct {
		Name  string
		Phone string
		Role  loket.Role
	}
	staffWelcome struct {
		Name string
		Role loket.Role
		Rows string
	}
	staffRemoved struct {
		Roles int
		Phone string
	}
	helpHead    struct{}
	searchUsage struct{}
	noteTooLong struct {
		Length int
		Max    int
	}
	searchNone  struct{ Text string }
	searchFound struct {
		Text string
		Rows string
	}
	statsHead    struct{}
	statsEmpty   struct{}
	statsStages  struct{}
	statsOverdue struct {
		Late int
		Open int
	}
	statsQuestionnaire struct{ Answered int }
	statsRatings       struct {
		Speed        float64
		Ease         float64
		Satisfaction float64
	}
	// slaReminder: Next is the event that moves the request on, the reply asked for.
	slaReminder struct {
		Ref    string
		Title  string
		Status loket.Status
		Next   loket.Action
		Days   int
		SLA    int
	}
	digest struct {
		Day     time.Time
		Fresh   []string
		Waiting []string
		Late    []string
	}
	staffNote   struct{ Note string }
	notifyAdmin struct {
		Summary string
		Ref     string
	}
	notifyPimpinan struct {
		Summary  string
		By       string
		NoteLine string
	}
	notifyStaf struct {
		By       string
		Summary  string
		NoteLine string
	}
	notifyAdminCorrected struct {
		Summary string
		Ref     string
	}
	revisionNoteRequired struct{}
	notifyCancelled      struct{ Ref string }
)

// Pieces of staff sentences: the words for an action refused to a role, a role's
// commands, a stage, an applicant, a letter, a waiting time, a timeline row's actor.
type (
	// roleRefusal: only Roles may fire Action (the staf among them only when
	// Assigned the request).
	roleRefusal struct {
		Action   loket.Action
		Roles    []loket.Role
		Assigned bool
	}
	// roleList is roles as a sentence names them: "admin atau pimpinan"; Assigned
	// names the staf "staf yang ditunjuk".
	roleList struct {
		Roles    []loket.Role
		Assigned bool
	}
	helpLine struct{ Command string } // a command's line in /bantuan, by its canonical name
	// stageName: a status awaiting staff, by Next (the event it waits for) and the
	// roles that hold it (Roles).
	stageName struct {
		Status loket.Status
		Next   loket.Action
		Roles  []loket.Role
	}
	// applicantName is who a request is from, as a list row names them: the name the
	// form gives (Form), else the display name WhatsApp gave ("" for none).
	applicantName struct{ Form, WhatsApp string }
	applicantLine struct{ Phone, Name string }
	letterLine    struct {
		FileName string
		Pages    int
	}
	waited        struct{ D time.Duration } // "3 jam": how long a request has waited
	span          struct{ D time.Duration } // "3 jam 10 menit": a median stage time
	timelineActor struct{ Name, Role, Assignee string }
	requestDetail struct {
		Summary  string
		Status   loket.Status
		Timeline string
	}
	letterCaption struct{ Ref string }
	// attachmentCaption: a complaint's file, which is not a request letter.
	attachmentCaption struct{ Ref string }
	applicantActor    struct{}
)

// To applicants, in their language: each is a loket.Sentence.
type (
	questionnaireReminder struct{}
	applicantRevision     struct {
		Ref  string
		Note string
	}
	applicantVerified struct{ Ref string }
	applicantDisposed struct{ Ref string }
	applicantRejected struct {
		Ref  string
		Note string
	}
	applicantDone struct {
		Ref    string
		Result string
	}
	cancelNotFound struct{ Ref string }
	cancelTooLate  struct {
		Ref    string
		Status loket.Status
	}
	cancelled     struct{ Ref string }
	applicantNote struct{ Note string }
)

// statusWord is a status as staff and applicants read it in a sentence: "terverifikasi".
type statusWord struct{ Status loket.Status }

// The complaints' sentences (complaint.go; the notices in notify.go).
type (
	// notifyComplaint is a new complaint, told to whoever answers it.
	notifyComplaint struct {
		Summary string
		Ref     string
	}
	answerRequired struct{ Ref string }
	// notForKind: Command is no step of Ref's lifecycle; Next is the command it waits
	// for ("" when it waits for none).
	notForKind struct {
		Ref, Title    string
		Command, Next string
	}
	// applicantAnswered brings the staff's answer to the complaint's applicant.
	applicantAnswered struct{ Ref, Answer string }
	// applicantClosed: the complaint is closed, with the staff's closing note if any.
	applicantClosed struct{ Ref, Note string }
)
