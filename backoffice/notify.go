package backoffice

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uns-dtik/loket"
)

// Announce composes what a request entering submitted causes — new, or corrected
// after a revision: every admin gets the summary and the letter, with the reply to
// type. It is the conversation's store.Announcer.
func (o *Office) Announce(ctx context.Context, r *loket.Request) ([]loket.Notification, error) {
	return o.notifications(ctx, r, loket.StatusSubmitted, "", nil)
}

// notifications composes the messages r's move to status `to` causes (see the issue's
// "who is told what"): staff get the summary, the letter and the exact reply to type;
// the applicant is told in their own language.
func (o *Office) notifications(ctx context.Context, r *loket.Request, to loket.Status, note string, by *loket.Staff) ([]loket.Notification, error) {
	var out []loket.Notification
	letter := int64(0)
	if r.Letter != nil {
		letter = r.Letter.ID
	}
	tell := func(role loket.Role, text string) error {
		all, err := o.Store.ListStaff(ctx)
		if err != nil {
			return err
		}
		for _, s := range all {
			if s.Has(role) {
				out = append(out, loket.Notification{Chat: chatOf(s.Phone), Text: text, LetterID: letter})
			}
		}
		return nil
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
		if err := tell(loket.RoleAdmin, fmt.Sprintf(say(code), o.summary(r), r.Ref)); err != nil {
			return nil, err
		}
	case loket.StatusRevision:
		applicant("applicant_revision", r.Ref, note, r.Ref)
	case loket.StatusVerified:
		applicant("applicant_verified", r.Ref)
		if err := tell(loket.RolePimpinan, fmt.Sprintf(say("notify_pimpinan"), o.summary(r), by.Name, noteLine)); err != nil {
			return nil, err
		}
	case loket.StatusDisposed:
		applicant("applicant_disposed", r.Ref)
		out = append(out, loket.Notification{Chat: chatOf(r.Assignee), LetterID: letter,
			Text: fmt.Sprintf(say("notify_staf"), by.Name, o.summary(r), noteLine)})
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
	return out, nil
}

// summary is a request as staff see it: reference, service, applicant, every field.
func (o *Office) summary(r *loket.Request) string {
	rows := []string{
		fmt.Sprintf("*%s* — %s", r.Ref, o.Services.ServiceTitle(r.Service, loket.Indonesian)),
		fmt.Sprintf("Pemohon (WhatsApp): %s %s", r.Name, r.Phone),
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
