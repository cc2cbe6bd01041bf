package conversation

import (
	"context"
	"fmt"
	"strings"

	"github.com/uns-dtik/loket"
)

// status answers `status` (the sender's own requests) and `status REF` (one of them in
// detail). Someone else's reference is "not found", exactly like one that does not exist.
func (t *turn) status(ctx context.Context, ref string) error {
	var text string
	var err error
	if ref == "" {
		text, err = t.statusList(ctx)
	} else {
		text, err = t.statusDetail(ctx, ref)
	}
	if err != nil {
		return err
	}
	note := ""
	if t.s.drafting() {
		svc, _ := t.current()
		note = t.say(statusDraftNote{Title: svc.Title.In(t.s.Lang)})
	}
	t.reply(text, note)
	return nil
}

func (t *turn) statusList(ctx context.Context) (string, error) {
	reqs, err := t.c.Store.ChatRequests(ctx, t.msg.Chat, 10)
	if err != nil {
		return "", err
	}
	if len(reqs) == 0 {
		return t.say(statusNone{}), nil
	}
	rows := make([]string, len(reqs))
	for i, r := range reqs {
		rows[i] = fmt.Sprintf("%d. *%s* — %s\n    %s · %s", i+1, r.Ref, t.serviceTitle(r.Service),
			t.say(t.statusName(r)), loket.FormatTime(r.UpdatedAt, t.s.Lang))
	}
	return t.say(statusList{Rows: strings.Join(rows, "\n"), Example: reqs[0].Ref}), nil
}

func (t *turn) statusDetail(ctx context.Context, ref string) (string, error) {
	r, err := t.c.Store.ChatRequest(ctx, t.msg.Chat, ref)
	if isNotFound(err) {
		return t.say(statusNotFound{Ref: ref}), nil
	}
	if err != nil {
		return "", err
	}
	events, err := t.c.Store.Timeline(ctx, r.ID)
	if err != nil {
		return "", err
	}
	var fields []string
	if svc := t.c.Catalog.Service(r.Service); svc != nil {
		for _, v := range r.Fields {
			if f := svc.field(v.Key); f != nil {
				fields = append(fields, fmt.Sprintf("• %s: %s", f.Label.In(t.s.Lang), t.shown(f, v)))
			}
		}
		if r.Letter != nil {
			if f := letterField(svc); f != nil {
				// Shown as its kind shows it: a letter with its pages, a screenshot by name.
				v := loket.Field{Value: letterValue(r.Letter.ID, r.Letter.Pages), Shown: r.Letter.FileName}
				fields = append(fields, fmt.Sprintf("• %s: %s", f.Label.In(t.s.Lang), t.shown(f, v)))
			}
		}
	}
	var timeline []string
	for _, e := range events {
		// Staff's notes among themselves stay theirs: the table says which the applicant reads.
		e.Note = t.c.Catalog.Lifecycle(r.Service).ApplicantNote(e.From, e.To, e.Note)
		timeline = append(timeline, loket.TimelineRow(t.s.Lang, e, t.say(actorName{e.Role})))
	}
	return t.say(statusDetail{Ref: r.Ref, Title: t.serviceTitle(r.Service), Status: t.statusName(r), Filed: r.CreatedAt,
		Fields: strings.Join(fields, "\n"), Timeline: strings.Join(timeline, "\n")}), nil
}

// statusName is r's status as the applicant reads it, naming whom it waits for by
// its service's approvers.
func (t *turn) statusName(r *loket.Request) statusName {
	l := t.c.Catalog.Lifecycle(r.Service)
	st, _ := l.Stage(r.Status)
	return statusName{Status: r.Status, Next: st.Next, Holder: l.Holder(r.Status, l.Guards(t.c.Catalog.Approvers(r.Service))).Role}
}

func letterField(svc *Service) *Field {
	for _, f := range svc.Fields {
		if f.kind.Document {
			return f
		}
	}
	return nil
}

func (t *turn) serviceTitle(code string) string {
	if svc := t.c.Catalog.Service(code); svc != nil {
		return svc.Title.In(t.s.Lang)
	}
	return code
}
