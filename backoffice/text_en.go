package backoffice

import (
	"fmt"

	"github.com/uns-dtik/loket"
)

// What the back office tells applicants, in English for those who asked for it; staff
// read Indonesian (text_id.go).

func (questionnaireReminder) English() string {
	return "Reminder: your service questionnaire is not answered yet; your answers help DTIK (SOP rule 5)."
}
func (m applicantRevision) English() string {
	return fmt.Sprintf("Your request *%s* needs a correction. DTIK's admin says: %s\nReply *fix %s* to reopen your answers, change what is needed (a new letter too), then *submit*.", m.Ref, m.Note, m.Ref)
}
func (m applicantVerified) English() string {
	return fmt.Sprintf("Your request *%s* was verified by DTIK's admin and passed to the head for assignment.", m.Ref)
}
func (m applicantDisposed) English() string {
	return fmt.Sprintf("Your request *%s* is now being handled by DTIK staff.", m.Ref)
}
func (m applicantRejected) English() string {
	return fmt.Sprintf("We are sorry: your request *%s* was rejected. Reason: %s\nFor questions, contact DTIK at tik@unit.uns.ac.id.", m.Ref, m.Note)
}
func (m applicantDone) English() string {
	return fmt.Sprintf("✅ Your request *%s* is done.\n%s", m.Ref, m.Result)
}
func (m cancelNotFound) English() string {
	return fmt.Sprintf("Request %s was not found among your requests. Type *status* to see your list.", m.Ref)
}
func (m cancelled) English() string {
	return fmt.Sprintf("Request *%s* has been cancelled. DTIK has been told.", m.Ref)
}
func (m applicantNote) English() string { return fmt.Sprintf("Note from DTIK staff: %s", m.Note) }
func (m cancelTooLate) English() string {
	return fmt.Sprintf("Request *%s* is already %s, so it can no longer be cancelled by chat. Contact DTIK at tik@unit.uns.ac.id if needed.", m.Ref, statusWord{m.Status}.English())
}

func (m statusWord) English() string {
	switch m.Status {
	case "":
		return "-"
	case loket.StatusSubmitted:
		return "submitted"
	case loket.StatusRevision:
		return "needs revision"
	case loket.StatusVerified:
		return "verified"
	case loket.StatusDisposed:
		return "assigned"
	case loket.StatusDone:
		return "done"
	case loket.StatusRejected:
		return "rejected"
	case loket.StatusCancelled:
		return "cancelled"
	case loket.StatusAnswered:
		return "answered"
	}
	return string(m.Status)
}

// Complaints.
func (m applicantAnswered) English() string {
	return fmt.Sprintf("💬 DTIK's answer to your complaint *%s*:\n%s\n\nIf something is still wrong, reply *complaint* to file a new one.", m.Ref, m.Answer)
}
func (m applicantClosed) English() string {
	if m.Note == "" {
		return fmt.Sprintf("✅ Your complaint *%s* is closed. Thank you.", m.Ref)
	}
	return fmt.Sprintf("✅ Your complaint *%s* is closed. Note from DTIK staff: %s", m.Ref, m.Note)
}
