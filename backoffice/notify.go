package backoffice

import (
	"fmt"
	"strings"

	"github.com/uns-dtik/loket"
)

// Announce composes what a request entering the status it is filed in causes — new,
// or corrected after a revision: its holders get the summary and the letter, with
// the reply to type. It is the conversation's loket.Announcer: pure, given the staff.
func (o *Office) Announce(r *loket.Request, staff []loket.Staff) []loket.Notification {
	return o.notifications(r, lifecycleOf(o.Services, r.Service).Filed(), "", nil, staff)
}

// notifications composes the messages r's move to status `to` causes (see README,
// "who is told what"): staff get the summary, the letter and the exact reply to type;
// the applicant is told in their own language. It does no I/O: staff is the staff
// list, read by the caller.
func (o *Office) notifications(r *loket.Request, to loket.Status, note string, by *loket.Staff, staff []loket.Staff) []loket.Notification {
	var out []loket.Notification
	table := lifecycleOf(o.Services, r.Service)
	letter := int64(0)
	if r.Letter != nil {
		letter = r.Letter.ID
	}
	// Staff are told when a request comes to them: the holders of its new status.
	tell := func(text string) {
		for _, phone := range table.Holder(to, guardsOf(o.Services, r.Service)).Phones(r, staff) {
			out = append(out, loket.Notification{Chat: loket.ChatOf(phone), Text: text, LetterID: letter})
		}
	}
	applicant := func(s loket.Sentence) {
		out = append(out, loket.Notification{Chat: r.Chat, Text: sayIn(r.Lang, s)})
	}
	// Staff read every note; the applicant only what the lifecycle table writes for them.
	noteLine := ""
	if note != "" {
		noteLine = "\n" + say(staffNote{Note: note})
	}
	shared := table.ApplicantNote(r.Status, to, note)
	switch to {
	case loket.StatusSubmitted:
		if st, _ := table.Stage(to); st.Next == loket.ActionAnswer {
			// A complaint: nothing to verify, the reply to type is the answer.
			tell(say(notifyComplaint{Summary: o.summary(r), Ref: r.Ref}))
			break
		}
		// Corrected when it comes back by the applicant's resubmission, new otherwise.
		if t, ok := table.Between(r.Status, to); ok && t.Action == loket.ActionResubmit {
			tell(say(notifyAdminCorrected{Summary: o.summary(r), Ref: r.Ref}))
		} else {
			tell(say(notifyAdmin{Summary: o.summary(r), Ref: r.Ref}))
		}
	case loket.StatusRevision:
		applicant(applicantRevision{Ref: r.Ref, Note: shared})
	case loket.StatusVerified:
		applicant(applicantVerified{Ref: r.Ref})
		tell(say(notifyPimpinan{Summary: o.summary(r), By: by.Name, NoteLine: noteLine}))
	case loket.StatusDisposed:
		applicant(applicantDisposed{Ref: r.Ref})
		tell(say(notifyStaf{By: by.Name, Summary: o.summary(r), NoteLine: noteLine}))
	case loket.StatusRejected:
		applicant(applicantRejected{Ref: r.Ref, Note: shared})
	case loket.StatusAnswered:
		applicant(applicantAnswered{Ref: r.Ref, Answer: shared})
	case loket.StatusDone:
		if !table.Served(to) {
			// Closed without a service delivered (a complaint): no result, no questionnaire.
			applicant(applicantClosed{Ref: r.Ref, Note: shared})
			break
		}
		result := o.Services.ResultText(r, r.Lang)
		if shared != "" {
			result += "\n" + sayIn(r.Lang, applicantNote{Note: shared})
		}
		applicant(applicantDone{Ref: r.Ref, Result: result})
		// SOP rule 5: the questionnaire follows the result; the dialog takes the answers.
		out = append(out, loket.Notification{Chat: r.Chat, Text: o.Services.Question(0, r.Ref, r.Lang)})
	}
	return out
}

// summary is a request as staff see it: reference, service, applicant, every field.
func (o *Office) summary(r *loket.Request) string {
	rows := []string{
		fmt.Sprintf("*%s* — %s", r.Ref, o.Services.ServiceTitle(r.Service, loket.Indonesian)),
		say(applicantLine{Phone: r.Phone, Name: r.Name}),
	}
	for _, f := range r.Fields {
		v := f.Shown
		if v == "" {
			v = f.Value
		}
		rows = append(rows, fmt.Sprintf("• %s: %s", o.Services.FieldLabel(r.Service, f.Key, loket.Indonesian), v))
	}
	if r.Letter != nil && r.Letter.FileName != "" {
		rows = append(rows, say(letterLine{FileName: r.Letter.FileName, Pages: r.Letter.Pages}))
	}
	if r.Waiting {
		rows = append(rows, say(licenceWaitLine{}))
	}
	return strings.Join(rows, "\n")
}

// applicant is who r is from, as staff's lists name them: by the form's name for the
// applicant, by the WhatsApp display name (which the sender's phone decides) only when
// the form gives none.
func (o *Office) applicant(r *loket.Request) applicantName {
	return applicantName{Form: o.Services.ApplicantName(r), WhatsApp: r.Name}
}

// chatOf turns an E.164 number into the chat key the bot sends to.
