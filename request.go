package loket

import (
	"net/http"
	"time"
)

// Status is where a request stands in its lifecycle (the table in lifecycle.go; docs/ARCHITECTURE.md).
type Status string

// The request statuses, each a row of the lifecycle table (Requests.Statuses lists
// them). A request is filed as StatusSubmitted (Requests.Filed).
const (
	StatusSubmitted Status = "submitted"
	StatusRevision  Status = "revision"
	StatusVerified  Status = "verified"
	StatusDisposed  Status = "disposed"
	StatusDone      Status = "done"
	StatusRejected  Status = "rejected"
	StatusCancelled Status = "cancelled"
)

// Field is one answered field of a request, kept in the order the dialog asked it.
type Field struct {
	Key string `json:"key"`
	// Value is the normalised answer (an E.164 number, an ISO date, a lower-case e-mail).
	Value string `json:"value"`
	// Shown is the answer as the applicant sees it echoed back ("Sabtu, 12 Desember 2026").
	Shown string `json:"shown,omitempty"`
}

// Letter is the signed and stamped request letter, a checked PDF; or a complaint's
// attachment (a picture, or a checked PDF), kept the same way.
type Letter struct {
	ID       int64
	FileName string
	Size     int64
	Pages    int // counted by the letter check; 0 for a complaint's attachment
	SHA256   []byte
	Data     []byte // empty when listed without content
}

// IsAttachment reports whether l is a complaint's attachment rather than a request
// letter: a letter's pages are always counted (a PDF without pages is refused), an
// attachment's never are.
func (l *Letter) IsAttachment() bool { return l.Pages == 0 }

// attachmentTypes are the files a complaint's attachment may be, by their content:
// pictures a phone takes of its screen, and PDFs.
var attachmentTypes = map[string]string{
	"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp", "application/pdf": ".pdf",
}

// AttachmentType is what data is by its bytes (not by the name or type the sender's
// app claims), as a MIME type and a file extension, if it is a file a complaint may
// carry; ok is false for anything else (an archive, a program).
func AttachmentType(data []byte) (mime, ext string, ok bool) {
	mime = http.DetectContentType(data)
	ext, ok = attachmentTypes[mime]
	return mime, ext, ok
}

// NewRequest is what the dialog files: everything the applicant gave.
type NewRequest struct {
	// DraftID makes filing idempotent: filing the same draft twice returns the first request.
	DraftID  string
	Service  string // catalog code, e.g. "ZM"
	Chat     string // who filed it, in the form of Message.Chat
	Phone    string // E.164 of the applicant, when known
	Name     string // WhatsApp display name at filing time, for staff's convenience
	Lang     Lang
	Fields   []Field
	LetterID int64
	// Unique names the fields whose value no other open or completed request may hold
	// (a proposed e-mail username); filing checks them under a lock.
	Unique []string
	// Period is the days the request uses, for a service whose catalog bounds them
	// (licence.go); nil for none.
	Period *Period
	// Capacity is how many requests of the service a day holds (0: no limit): filing
	// marks the request Waiting when one of its days is full.
	Capacity int
}

// Request is a filed service request.
type Request struct {
	ID      int64
	Ref     string // <CODE>-<YYYY>-<NNNN>, e.g. ZM-2026-0007
	Service string
	Chat    string
	Phone   string
	Name    string
	Lang    Lang
	Status  Status
	Fields  []Field
	Letter  *Letter
	// Assignee is the staff member (E.164) the request was dispositioned to.
	Assignee string
	// Period is the days the request uses (nil for a service without them).
	Period *Period
	// Waiting is set when the licence pool is full on one of the request's days with
	// requests filed before it: "menunggu ketersediaan lisensi". The store sets it at
	// filing and resubmission; staff's views count the days again, as they change
	// when an earlier request is rejected, cancelled or resubmitted onto them.
	Waiting   bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Field returns the value of the field with the given key, or "".
func (r *Request) Field(key string) string {
	for _, f := range r.Fields {
		if f.Key == key {
			return f.Value
		}
	}
	return ""
}

// ApplicantRole is the role the audit trail gives the applicant's own moves (filing,
// resubmitting, cancelling), beside the staff roles.
const ApplicantRole = "pemohon"

// Event is one entry in a request's audit trail: who moved it from where to where, and why.
type Event struct {
	At    time.Time
	Actor string // E.164 number, or "system"
	Role  string // a staff role, or ApplicantRole
	From  Status // empty for the filing event
	To    Status
	Note  string
}

// ApplicantActor names an applicant in the audit trail (Event.Actor): by number, or
// by chat when WhatsApp hid the number.
func ApplicantActor(phone, chat string) string {
	if phone != "" {
		return phone
	}
	return chat
}

// Questionnaire is the feedback asked after a request is done (SOP rule 5).
type Questionnaire struct {
	RequestID int64
	Ref       string
	Service   string
	// Step is the next question: 0 speed, 1 ease, 2 satisfaction, 3 comment.
	Step    int
	AskedAt time.Time
	// Chat and Lang are the applicant's, to remind them.
	Chat string
	Lang Lang
}

// QuestionnaireSteps is how many questions the questionnaire asks.
const QuestionnaireSteps = 4

// A questionnaire waits QuestionnaireReminderAfter for answers, is reminded once, and
// waits as long again (QuestionnaireLifetime in all); then it is no longer asked.
const (
	QuestionnaireReminderAfter = 24 * time.Hour
	QuestionnaireLifetime      = 2 * QuestionnaireReminderAfter
)
