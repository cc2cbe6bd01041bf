package conversation

import (
	"time"

	"github.com/uns-dtik/loket"
)

// The sentences of the dialog, one type each, holding the raw data it is about;
// text_id.go and text_en.go render them. Values the catalog gives (titles, labels,
// next steps) arrive already in the applicant's language.
type (
	greeting      struct{ Name string } // " Budi": the WhatsApp name after a space, or ""
	menu          struct{ Services string }
	menuDraftKept struct {
		Title string
		Step  int
		Steps int
	}
	menuUnknown  struct{ Typed string }
	serviceIntro struct {
		Title     string
		SOP       string
		Questions int
	}
	step struct {
		N     int
		Of    int
		Label string
	}
	currentAnswer struct{ Answer string }
	recorded      struct {
		Label  string
		Answer string
	}
	choiceOther  struct{}
	senderNumber struct{ Phone string }
	// The summary's sentences say "ubah N" with an N the summary has (editExample).
	summary struct {
		Title   string
		Rows    string
		Example int
	}
	reviewUnclear struct{ Example int }
	editRange     struct {
		Typed   string
		Max     int
		Example int
	}
	answerMissing struct{ Label string }
	answerStale   struct {
		Label string
		Why   string
	}
	recheck struct {
		Changed string
		Field   string
		Why     string
	}
	filed struct {
		Title     string
		Ref       string
		NextSteps string
	}
	reopened struct {
		Ref  string
		Note string
	}
	reopenedFields    struct{ Labels string }
	reopenNotRevision struct {
		Ref    string
		Status statusName
	}
	resubmitTooLate struct{}
	resubmitted     struct {
		Ref       string
		NextSteps string
	}
	ratingRange            struct{}
	questionnaireThanks    struct{}
	menuQuestionnaireWaits struct{ Ref string }
	questionnairePending   struct{}
	refusedEnd             struct{}
	backFirst              struct{}
	notNow                 struct{}
	cancelConfirm          struct{ Title string }
	cancelDone             struct{}
	cancelKept             struct{}
	switchConfirm          struct {
		Draft string
		Step  int
		Steps int
		New   string
	}
	switchUnclear   struct{}
	cancelUnclear   struct{}
	nothingToCancel struct{}
	resumeAsk       struct {
		Title string
		Step  int
		Steps int
		Label string
	}
	resumeUnclear struct{}
	languageSet   struct{}
	helpIdle      struct{}
	// A service's information (info.go).
	infoWhich        struct{ Services string }
	infoWhichInDraft struct{ Services string } // during a draft: "info <number>", not a bare number
	infoUnknown      struct{ Typed string }
	infoMissing      struct{ Title string }
	infoStart        struct {
		Number  int
		Keyword string
		Draft   bool // the service has a draft letter to offer
	}
	infoRequirements struct{ Title, SOP, Requirements string }
	infoFull         struct {
		Title, SOP, Product, Requirements, Procedure, Cost string
		Days                                               int // the SLA in working days; 0: none set
	}
	// The draft request letter (draftletter.go).
	draftOffer       struct{}
	draftSent        struct{ Title string }
	draftNone        struct{ Title string }
	draftNoService   struct{}
	draftCaptionDOCX struct{}
	draftCaptionPDF  struct{}
	helpStep         struct {
		Title string
		Body  string
	}
	editNotRead    struct{}
	inputNotText   struct{ Kind loket.Kind }
	idleNotText    struct{ Kind loket.Kind }
	confirmUnclear struct{}
	choiceRange    struct {
		N   int
		Max int
	}
	datePast struct {
		Date    time.Time
		Example time.Time
	}
	dateBeforeStart struct {
		Date  time.Time
		Start time.Time
	}
	// exampleDate is a date as an applicant types it, for a prompt's example.
	exampleDate    struct{ Date time.Time }
	emailNotInZoom struct{ Email string }
	usernameTaken  struct {
		Name   string
		Domain string
	}
	letterExpectedDocument struct{}
	letterPhoto            struct{}
	letterWord             struct{ Name string }
	letterOverLimit        struct{}
	letterDownloadFailed   struct{ Name string }
	letterRecorded         struct {
		Name  string
		Pages int
	}
	letterGone struct{}
	statusNone struct{}
	statusList struct {
		Rows    string
		Example string
	}
	statusNotFound struct{ Ref string }
	statusDetail   struct {
		Ref      string
		Title    string
		Status   statusName
		Filed    time.Time
		Fields   string
		Timeline string
	}
	statusDraftNote struct{ Title string }
	summaryLabel    struct{}
	answerYes       struct{}
)

// The words a sentence is built with, for data that has a value per status, kind of
// message or role: a status as the applicant reads it, what a message that is not
// text carries, who acted on a request (by role: applicants are not told which staff
// member handled it).
type (
	// statusName: Holder is the staff role the request waits for in Status, by its
	// service's approvers ("" when none does).
	statusName struct {
		// Next is the event the status waits for under the request's lifecycle: a
		// complaint waits for an answer where a request waits for verification.
		Next   loket.Action
		Status loket.Status
		Holder loket.Role
	}
	kindName  struct{ Kind loket.Kind }
	actorName struct{ Role string }
)

// The sentences of optional fields and of the complaint's kinds (optional.go,
// attachment.go, subject.go).
type (
	answerSkipped      struct{}
	attachmentExpected struct{}
	attachmentType     struct{ Name string }
	// attachmentBoth: a picture with a PDF header (pdfHeaderIn).
	attachmentBoth     struct{ Name string }
	attachmentTooLarge struct{ Size int64 }
	attachmentFailed   struct{}
	// attachmentBusy: too many files are being taken in at once (errLettersBusy).
	attachmentBusy struct{}
	// attachmentPDFRefused is a PDF the letter checker refused: it would have gone
	// to the admins as it came. Fault says why, in the applicant's words.
	attachmentPDFRefused struct {
		Name  string
		Fault pdfFault
	}
	// subjectNotOwn is a reference that is not among the sender's requests: exactly
	// what a reference that does not exist gets, so it leaks nothing.
	subjectNotOwn struct{ Ref string }
)
