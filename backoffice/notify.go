package backoffice

import (
	"fmt"
	"strings"
	"time"

	"github.com/uns-dtik/loket"
)

// Announce composes what a request entering submitted causes — new, or corrected
// after a revision: every admin gets the summary and the letter, with the reply to
// type. It is the conversation's loket.Announcer: pure, given the staff.
func (o *Office) Announce(r *loket.Request, staff []loket.Staff) []loket.Notification {
	return o.notifications(r, loket.StatusSubmitted, "", nil, staff)
}

// notifications composes the messages r's move to status `to` causes (see README,
// "who is told what"): staff get the summary, the letter and the exact reply to type;
// the applicant is told in their own language. It does no I/O: staff is the staff
// list, read by the caller.
func (o *Office) notifications(r *loket.Request, to loket.Status, note string, by *loket.Staff, staff []loket.Staff) []loket.Notification {
	var out []loket.Notification
	letter := int64(0)
	if r.Letter != nil {
		letter = r.Letter.ID
	}
	// Staff are told when a request comes to them: the holders of its new status.
	tell := func(text string) {
		for _, phone := range loket.Requests.Holder(to, guardsOf(o.Services, r.Service)).Phones(r, staff) {
			out = append(out, loket.Notification{Chat: chatOf(phone), Text: text, LetterID: letter})
		}
	}
	applicant := func(code string, args ...any) {
		out = append(out, loket.Notification{Chat: r.Chat, Text: sayIn(r.Lang, code, args...)})
	}
	noteLine := ""
	if note != "" {
		noteLine = "\n" + fmt.Sprintf(say("note_line"), note)
	}
	switch to {
	case loket.StatusSubmitted:
		code := "notify_admin"
		if r.Status == loket.StatusRevision {
			code = "notify_admin_corrected"
		}
		tell(fmt.Sprintf(say(code), o.summary(r), r.Ref))
	case loket.StatusRevision:
		applicant("applicant_revision", r.Ref, note, r.Ref)
	case loket.StatusVerified:
		applicant("applicant_verified", r.Ref)
		tell(fmt.Sprintf(say("notify_pimpinan"), o.summary(r), by.Name, noteLine))
	case loket.StatusDisposed:
		applicant("applicant_disposed", r.Ref)
		tell(fmt.Sprintf(say("notify_staf"), by.Name, o.summary(r), noteLine))
	case loket.StatusRejected:
		applicant("applicant_rejected", r.Ref, note)
	case loket.StatusDone:
		result := o.Services.ResultText(r, r.Lang)
		if note != "" {
			result += "\n" + sayIn(r.Lang, "applicant_note", note)
		}
		applicant("applicant_done", r.Ref, result)
		// SOP rule 5: the questionnaire follows the result; the dialog takes the answers.
		out = append(out, loket.Notification{Chat: r.Chat, Text: o.Services.Question(0, r.Ref, r.Lang)})
	}
	return out
}

// summary is a request as staff see it: reference, service, applicant, every field.
func (o *Office) summary(r *loket.Request) string {
	rows := []string{
		fmt.Sprintf("*%s* — %s", r.Ref, o.Services.ServiceTitle(r.Service, loket.Indonesian)),
		fmt.Sprintf("Pemohon: %s (%s)", applicantNumber(r), whatsAppName(r)),
	}
	for _, f := range r.Fields {
		v := f.Shown
		if v == "" {
			v = f.Value
		}
		rows = append(rows, fmt.Sprintf("• %s: %s", o.Services.FieldLabel(r.Service, f.Key, loket.Indonesian), v))
	}
	if r.Letter != nil && r.Letter.FileName != "" {
		rows = append(rows, fmt.Sprintf("• Surat: %s (%d halaman)", r.Letter.FileName, r.Letter.Pages))
	}
	return strings.Join(rows, "\n")
}

// whatsAppName shows the display name the applicant's WhatsApp gave: their own words,
// one cleaned line, in quotes and labelled as what it is, so it can never pass for
// data the bot checked.
func whatsAppName(r *loket.Request) string {
	if r.Name == "" {
		return "tanpa nama WhatsApp"
	}
	return fmt.Sprintf("nama WhatsApp %q", r.Name)
}

// applicantNumber is the applicant's number, or says WhatsApp did not give it.
func applicantNumber(r *loket.Request) string {
	if r.Phone == "" {
		return "nomor tidak diketahui"
	}
	return r.Phone
}

// chatOf turns an E.164 number into the chat key the bot sends to.
func chatOf(phone string) string { return strings.TrimPrefix(phone, "+") }

// age renders a waiting time: "3 jam", "2 hari".
func age(d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%d menit", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d jam", int(d.Hours()))
	}
	return fmt.Sprintf("%d hari", int(d.Hours()/24))
}

func statusWords(s loket.Status, lang loket.Lang) string {
	if s == "" {
		return "-"
	}
	return sayIn(lang, "status_"+string(s))
}
