package conversation

import (
	"fmt"
	"strings"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation/letter"
)

// What the dialog says in English, for applicants who asked for it: one method per
// sentence, as in text_id.go; the refusals are in refusals_en.go.

// The dialog.
func (m greeting) English() string {
	return fmt.Sprintf("Hello%s! 👋 Welcome to *Loket DTIK UNS*, the WhatsApp front desk for IT service requests at Universitas Sebelas Maret.", m.Name)
}
func (m menu) English() string {
	return fmt.Sprintf("Reply with the *number* of the service you need:\n%s\n\nType *info <number>* for a service's information (requirements, procedure, time, cost), *status* to see your requests, *help* for guidance, or *indonesia* untuk Bahasa Indonesia.", m.Services)
}
func (m infoWhichInDraft) English() string {
	return fmt.Sprintf("Information on which service? Type *info* and its number, e.g. *info 1*:\n%s", m.Services)
}
func (m infoWhich) English() string {
	return fmt.Sprintf("Information on which service? Reply with its *number*:\n%s", m.Services)
}
func (m infoUnknown) English() string {
	return fmt.Sprintf("Sorry, \"%s\" is not one of the services.", m.Typed)
}
func (m infoMissing) English() string {
	return fmt.Sprintf("There is no information on *%s* here yet; please ask DTIK (tik@unit.uns.ac.id).", m.Title)
}
func (m infoStart) English() string {
	draft := ""
	if m.Draft {
		draft = " At the letter step, type *draft letter* for a draft request letter with your answers."
	}
	return fmt.Sprintf("To apply, reply *%d* (or *%s*) at the menu.%s", m.Number, m.Keyword, draft)
}
func (m infoRequirements) English() string {
	return fmt.Sprintf("*Requirements — %s* (%s)\n%s", m.Title, m.SOP, m.Requirements)
}
func (m infoFull) English() string {
	days := "set by DTIK"
	if m.Days > 0 {
		days = fmt.Sprintf("%d working days from the request", m.Days)
	}
	return fmt.Sprintf("*Service information — %s* (%s)\n\n*Product*\n%s\n\n*Requirements*\n%s\n\n*System, mechanism and procedure*\n%s\n\n*Completion time*\n%s\n\n*Cost*\n%s",
		m.Title, m.SOP, m.Product, m.Requirements, m.Procedure, days, m.Cost)
}
func (m menuDraftKept) English() string {
	return fmt.Sprintf("Your *%s* draft is kept (step %d of %d). Reply *continue* to carry on with it.", m.Title, m.Step, m.Steps)
}
func (m menuUnknown) English() string {
	return fmt.Sprintf("Sorry, \"%s\" is not one of the choices.", m.Typed)
}
func (m serviceIntro) English() string {
	return fmt.Sprintf("*%s* (%s)\nI will ask you %d things the SOP requires, one at a time. At any time you can type *back* (previous question), *help*, *menu* or *cancel*.", m.Title, m.SOP, m.Questions)
}
func (m step) English() string          { return fmt.Sprintf("*Step %d of %d — %s*", m.N, m.Of, m.Label) }
func (m currentAnswer) English() string { return fmt.Sprintf("Current answer: %s", m.Answer) }
func (m recorded) English() string      { return fmt.Sprintf("✓ %s: %s", m.Label, m.Answer) }
func (choiceOther) English() string     { return "Or type another name if it is not listed." }
func (m senderNumber) English() string {
	return fmt.Sprintf("Reply *yes* to use this number of yours (%s).", m.Phone)
}
func (m summary) English() string {
	return fmt.Sprintf("*Summary of your %s request*\n%s\n\nPlease check it. Reply *submit* to file it, *edit <number>* to change an answer (e.g. edit %d), or *cancel*.", m.Title, m.Rows, m.Example)
}
func (m reviewUnclear) English() string {
	return fmt.Sprintf("Reply *submit* to file the request, *edit <number>* to change an answer (e.g. edit %d), or *cancel*.", m.Example)
}
func (m editRange) English() string {
	return fmt.Sprintf("There is no number %s in the summary. Choose 1 to %d, e.g. edit %d.", m.Typed, m.Max, m.Example)
}
func (m answerMissing) English() string {
	return fmt.Sprintf("*%s* is not answered yet; please answer it before submitting.", m.Label)
}
func (m answerStale) English() string {
	return fmt.Sprintf("*%s* must be given again before submitting: %s", m.Label, m.Why)
}
func (m recheck) English() string {
	return fmt.Sprintf("Because %s changed, *%s* must be given again: %s", m.Changed, m.Field, m.Why)
}
func (m filed) English() string {
	return fmt.Sprintf("✅ We have received your *%s* request, reference *%s*.\n\n%s\n\nYou will be told on WhatsApp at every step. Type *status %s* to follow it.", m.Title, m.Ref, m.NextSteps, m.Ref)
}
func (m reopened) English() string {
	return fmt.Sprintf("Request *%s* is open again for correction. DTIK's admin says: %s", m.Ref, m.Note)
}
func (m reopenedFields) English() string {
	return fmt.Sprintf("To correct: %s. We start with the first; afterwards you are back at the summary.", m.Labels)
}
func (resubmitTooLate) English() string {
	return "This request is no longer waiting for a correction, so nothing was sent. Type *status* to see where it stands."
}
func (m resubmitted) English() string {
	return fmt.Sprintf("✅ We have received the corrections to request *%s* and passed them to DTIK's admin.\n\n%s\n\nType *status %s* to follow it.", m.Ref, m.NextSteps, m.Ref)
}
func (ratingRange) English() string { return "Please reply with a number from 1 to 5." }
func (questionnaireThanks) English() string {
	return "Thank you for your feedback! 🙏 It helps DTIK improve its services. Type *menu* if you need another service."
}
func (m menuQuestionnaireWaits) English() string {
	return fmt.Sprintf("We will ask the questionnaire for *%s* again later.", m.Ref)
}
func (questionnairePending) English() string {
	return "Your service questionnaire is not finished yet:"
}
func (refusedEnd) English() string { return "Type *menu* if you would like another service." }
func (backFirst) English() string  { return "This is already the first question." }
func (notNow) English() string {
	return "Sorry, that command does not apply at this step. Let us carry on from here:"
}
func (m cancelConfirm) English() string {
	return fmt.Sprintf("Do you really want to cancel your *%s* draft? Every answer you gave will be deleted. Reply *yes* or *no*.", m.Title)
}
func (cancelDone) English() string {
	return "The draft has been cancelled and deleted. Type *menu* if you would like to request a service."
}
func (cancelKept) English() string { return "All right, the draft is kept. Let us carry on." }
func (m switchConfirm) English() string {
	return fmt.Sprintf("Your *%s* draft (step %d of %d) will be dropped if you start *%s*. Start the new service? Reply *yes*, or *no* to carry on with the draft.", m.Draft, m.Step, m.Steps, m.New)
}
func (switchUnclear) English() string {
	return "Reply *yes* to drop the draft and start the new service, or *no* to carry on with the draft."
}
func (cancelUnclear) English() string { return "Reply *yes* to cancel the draft, or *no* to carry on." }
func (nothingToCancel) English() string {
	return "You have no draft in progress. Type *menu* to choose a service."
}
func (m resumeAsk) English() string {
	return fmt.Sprintf("You have an unfinished *%s* draft (step %d of %d: %s). Continue or start again? Reply *continue* or *restart*.", m.Title, m.Step, m.Steps, m.Label)
}
func (resumeUnclear) English() string {
	return "Reply *continue* to carry on with the draft, *restart* to start from the beginning, or *cancel*."
}
func (languageSet) English() string { return "All right, we will continue in English." }
func (draftOffer) English() string {
	return "No letter yet? Type *draft letter*: we send you a draft request letter with your answers filled in (.docx to put on your unit's letterhead, sign by your leader and stamp; .pdf to look at)."
}
func (m draftSent) English() string {
	return fmt.Sprintf("Here is the draft *%s* request letter made from your answers. Put it on your unit's letterhead, fill in what is still dotted, have your head of unit sign and stamp it, then send the scan as a PDF.", m.Title)
}
func (m draftNone) English() string {
	return fmt.Sprintf("There is no draft letter for *%s* yet. Write the request letter as the service requires and send it as a PDF.", m.Title)
}
func (draftNoService) English() string {
	return "The draft letter is made from your request's answers. Choose a service from the *menu* first; you can ask for the *draft letter* at any time after that."
}
func (draftCaptionDOCX) English() string { return "Draft letter (editable)" }
func (draftCaptionPDF) English() string  { return "Draft letter preview" }
func (helpIdle) English() string {
	return "*Help*\nLoket takes DTIK service requests by chat: choose a service from the *menu*, answer its questions one by one, send the request letter (a PDF signed by your leader and stamped), then *submit*.\nCommands: *menu*, *status*, *status <reference>*, *cancel <reference>* (cancels a request not yet assigned), *indonesia*."
}
func (m helpStep) English() string {
	return fmt.Sprintf("*Help — %s*\n%s\n\nCommands: *back* (previous question), *menu*, *status*, *cancel* (delete the draft), *indonesia*.", m.Title, m.Body)
}
func (editNotRead) English() string {
	return "Sorry, edited messages are not read: the earlier answer is already recorded. To change it, send the answer again as a new message (or *back* / *edit <number>*)."
}
func (confirmUnclear) English() string { return "Please reply *yes* or *no*." }
func (m choiceRange) English() string {
	return fmt.Sprintf("Number %d is not on the list. Reply with 1 to %d, or type the name.", m.N, m.Max)
}
func (m emailNotInZoom) English() string {
	return fmt.Sprintf("%s is not registered as a UNS Zoom user (SOP#18 rule 3). Activate UNS Zoom with that address first (sign in to zoom.us with UNS SSO), or give another address that is registered.", m.Email)
}
func (m usernameTaken) English() string {
	return fmt.Sprintf("The username %s@%s is already requested in another request. Propose another one, e.g. %s2026.", m.Name, m.Domain, m.Name)
}
func (letterExpectedDocument) English() string {
	return "This step needs the *request letter* as a PDF document (attachment). In WhatsApp: tap 📎 › Document, then choose the PDF scan of the signed, stamped letter."
}
func (letterPhoto) English() string {
	return "Your letter came as a photo. Please send it as a *scanned PDF document* (tap 📎 › Document), so the signature and stamp stay legible."
}
func (m letterWord) English() string {
	return fmt.Sprintf("%s is a Word document, not a PDF. Print the letter, have it signed and stamped, then send the *scan as a PDF* document.", m.Name)
}
func (letterOverLimit) English() string {
	return "Your letter is over the 10 MB limit. Please scan it again at a lower resolution (e.g. 150 dpi, black and white) and send the PDF again as a document."
}
func (m letterDownloadFailed) English() string {
	return fmt.Sprintf("Sorry, %s could not be downloaded from WhatsApp. Please send the document again.", m.Name)
}
func (letterGone) English() string {
	return "the letter you sent is no longer kept because the draft was left too long. Please send the letter once more."
}
func (statusNone) English() string {
	return "You have no requests yet. Type *menu* to request a service."
}
func (m statusList) English() string {
	return fmt.Sprintf("*Your requests*\n%s\n\nType *status <reference>* for details, e.g. status %s", m.Rows, m.Example)
}
func (m statusNotFound) English() string {
	return fmt.Sprintf("Request %s was not found among your requests. Type *status* to see your list.", m.Ref)
}
func (m statusDraftNote) English() string {
	return fmt.Sprintf("(You have a *%s* draft in progress; type *continue* to carry on.)", m.Title)
}
func (summaryLabel) English() string { return "Summary" }
func (answerYes) English() string    { return "Yes" }

// Sentences whose data is a status, a kind, a date or a size.
func (m reopenNotRevision) English() string {
	return fmt.Sprintf("Request %s is not waiting for a correction (its status: %s).", m.Ref, m.Status.English())
}
func (m inputNotText) English() string {
	return fmt.Sprintf("Sorry, I cannot use %s at this step. Please answer with text.", kindName{m.Kind}.English())
}
func (m idleNotText) English() string {
	return fmt.Sprintf("Sorry, I cannot handle %s.", kindName{m.Kind}.English())
}
func (m datePast) English() string {
	return fmt.Sprintf("%s is in the past. Give today or a later date, e.g. tomorrow, or %s.", dateEN(m.Date), dayEN(m.Example))
}
func (m dateBeforeStart) English() string {
	return fmt.Sprintf("%s is before the start date (%s). Give the start date or a later one, e.g. %s.", dateEN(m.Date), dateEN(m.Start), dayEN(m.Start.AddDate(0, 0, 1)))
}
func (m exampleDate) English() string { return dayEN(m.Date) }
func (m statusDetail) English() string {
	return fmt.Sprintf("*%s — %s*\nStatus: *%s*\nFiled: %s\n\n%s\n\n*Timeline*\n%s", m.Ref, m.Title, m.Status.English(), loket.FormatTime(m.Filed, loket.English), m.Fields, m.Timeline)
}

func (m letterRecorded) English() string {
	if m.Pages == 1 {
		return fmt.Sprintf("%s, 1 page", m.Name)
	}
	return fmt.Sprintf("%s, %d pages", m.Name, m.Pages)
}

// The words sentences are built with (see text_id.go).
var statusNamesEN = map[loket.Status]string{
	loket.StatusSubmitted: "Submitted — waiting for the {role}'s verification",
	loket.StatusRevision:  "Needs a revision from you",
	loket.StatusVerified:  "Verified — waiting for the {role}'s assignment",
	loket.StatusDisposed:  "Being handled by DTIK {role}",
	loket.StatusDone:      "Done",
	loket.StatusRejected:  "Rejected",
	loket.StatusCancelled: "Cancelled",
	loket.StatusAnswered:  "Answered by DTIK — waiting for the {role} to close it",
}

// statusByNextEN: see statusByNextID.
var statusByNextEN = map[loket.Action]string{
	loket.ActionAnswer: "Submitted — waiting for the {role}'s answer",
}

// roleNamesEN are the roles in a status's words.
var roleNamesEN = map[loket.Role]string{loket.RoleAdmin: "admin", loket.RolePimpinan: "head", loket.RoleStaf: "staff"}

func (m statusName) English() string {
	words, ok := statusByNextEN[m.Next]
	if !ok {
		words, ok = statusNamesEN[m.Status]
	}
	if ok {
		return strings.ReplaceAll(words, "{role}", roleNamesEN[m.Holder])
	}
	return string(m.Status)
}

var kindNamesEN = map[loket.Kind]string{
	loket.KindImage:    "a picture",
	loket.KindSticker:  "a sticker",
	loket.KindAudio:    "a voice message",
	loket.KindVideo:    "a video",
	loket.KindLocation: "a location",
	loket.KindContact:  "a contact card",
	loket.KindDocument: "a document",
}

func (m kindName) English() string {
	if words, ok := kindNamesEN[m.Kind]; ok {
		return words
	}
	return "this kind of message"
}

var actorNamesEN = map[string]string{
	"pemohon":                  "the applicant",
	string(loket.RoleAdmin):    "DTIK's admin",
	string(loket.RolePimpinan): "DTIK's head",
	string(loket.RoleStaf):     "DTIK staff",
	"system":                   "the system",
}

func (m actorName) English() string {
	if words, ok := actorNamesEN[m.Role]; ok {
		return words
	}
	return m.Role
}

// dateEN is a day in words, as FormatDate writes it: "Saturday, 12 December 2026".
func dateEN(t time.Time) string { return loket.FormatDay(t, loket.English) }

// dayEN is a day without its weekday: "1 June 2000".
func dayEN(t time.Time) string { return loket.FormatDate(t, loket.English) }

// monthYearEN is "May 2018"; a month of 0 is the year alone, a year of 0 the month alone.
func monthYearEN(m time.Month, year int) string {
	return monthYear(loket.MonthName(m, loket.English), year)
}

// Optional fields and the complaint's kinds.
func (answerSkipped) English() string { return "(skipped)" }
func (attachmentExpected) English() string {
	return "This step waits for a *screenshot* (photo) or a *PDF file* (document). Send the file, or type *skip* if you have none. Example: a screenshot of the error message."
}
func (m attachmentType) English() string {
	return fmt.Sprintf("%s is neither a picture nor a PDF. Send a screenshot (photo, JPG/PNG) or a PDF, or type *skip*. Example: a screenshot of the error.", m.Name)
}
func (m attachmentBoth) English() string {
	return fmt.Sprintf("%s reads as both a picture and a PDF, so it cannot be passed on to staff. Send a plain screenshot (photo) or the PDF alone, or type *skip*. Example: a screenshot of the error.", m.Name)
}
func (m attachmentTooLarge) English() string {
	return fmt.Sprintf("Your file is %.1f MB; at most 10 MB. Send a smaller screenshot, or type *skip*. Example: one screenshot only.", float64(m.Size)/(1<<20))
}
func (attachmentBusy) English() string {
	return "Sorry, Loket is receiving many files right now. Please send the same file again in a minute, or type *skip*. Example: send the screenshot again."
}
func (attachmentFailed) English() string {
	return "Sorry, your file could not be downloaded from WhatsApp. Please send it again, or type *skip*. Example: send the screenshot again."
}
func (m attachmentPDFRefused) English() string {
	why, remedy := pdfFaultEN(m.Fault)
	return fmt.Sprintf("We cannot pass %s on to the admins: %s. %s, send a screenshot (photo) instead, or type *skip*. Example: a screenshot of the error.", m.Name, why, remedy)
}

// pdfFaultEN says why an attachment's PDF was refused, and what would make it pass.
func pdfFaultEN(f pdfFault) (why, remedy string) {
	switch f {
	case pdfActive:
		return "this PDF holds active content (scripts, embedded files or automatic actions), which we do not accept for safety",
			"Save it again as a plain PDF (Print › Save as PDF) and send it again"
	case pdfLocked:
		return "this PDF is locked with a password or protection",
			"Save it again without a password or protection and send it again"
	case pdfTooManyPages:
		return fmt.Sprintf("this PDF has more than %d pages", letter.MaxPages),
			"Send only the pages that matter (choose them when saving as PDF)"
	case pdfUnpackedLarge:
		return "this PDF's content is too large for us to open",
			"Save it again at a lower resolution and send it again"
	}
	return "this PDF is damaged or cannot be read",
		"Make sure the file opens on your phone, save it again as a PDF and send it again"
}
func (m subjectNotOwn) English() string {
	return fmt.Sprintf("Request %s is not among your requests. Type the reference of a request of your own (see *status*), or choose a number from the list. Example: 3", m.Ref)
}
