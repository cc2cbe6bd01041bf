package backoffice

import (
	"context"
	"fmt"
	"strings"

	"github.com/uns-dtik/loket"
)

// queueLength is the most requests /antrian lists per role.
const queueLength = 50

// queue lists what waits on the sender's roles (the requests whose holder, under their
// service's approvers, is one of them), oldest first, with its age.
func (h *handling) queue(ctx context.Context) error {
	// Every request waiting on staff is read and sorted out here: a request's holder
	// depends on its service, and the open requests of a service desk are few.
	reqs, err := h.o.Store.Queue(ctx, loket.Lifecycles.AwaitingStaff(), "", 0)
	if err == nil {
		err = h.o.freshWaiting(ctx, reqs...)
	}
	if err != nil {
		return err
	}
	var rows []string
	for _, role := range h.me.Roles {
		rows = append(rows, h.o.queueRows(reqs, h.me, role, len(rows))...)
	}
	if len(rows) == 0 {
		h.reply(say(queueEmpty{}))
		return nil
	}
	h.reply(say(queue{Rows: strings.Join(rows, "\n")}))
	return nil
}

// queueRows are the rows of the requests among reqs that s holds in role, at most
// queueLength, numbered on from before: reference, service, overdue mark, status,
// age and applicant.
func (o *Office) queueRows(reqs []*loket.Request, s *loket.Staff, role loket.Role, before int) []string {
	var rows []string
	for _, r := range reqs {
		if len(rows) == queueLength || !holder(o.Services, r).Holds(r, s, role) {
			continue
		}
		late := ""
		if sla := o.Services.SLADays(r.Service); o.Calendar.Overdue(r, sla, o.now()) {
			late = say(overdueMark{Days: sla})
		}
		if r.Waiting {
			late += say(licenceWaitMark{})
		}
		rows = append(rows, fmt.Sprintf("%d. *%s* — %s%s\n    %s · %s · %s", before+len(rows)+1, r.Ref,
			o.Services.ServiceTitle(r.Service, loket.Indonesian), late, say(statusWord{r.Status}),
			say(waited{o.now().Sub(r.UpdatedAt)}), say(o.applicant(r))))
	}
	return rows
}

// show sends every field, the timeline and the letter again.
func (h *handling) show(ctx context.Context, r *loket.Request) error {
	events, err := h.o.Store.Timeline(ctx, r.ID)
	if err != nil {
		return err
	}
	var tl []string
	for _, e := range events {
		actor := timelineActor{Name: h.o.nameOf(ctx, e.Actor), Role: e.Role}
		if lifecycleOf(h.o.Services, r.Service).Assigns(e.To) && r.Assignee != "" {
			// A request is assigned once, so the current assignee is the one it went to.
			actor.Assignee = h.o.nameOf(ctx, r.Assignee)
		}
		tl = append(tl, loket.TimelineRow(loket.Indonesian, e, say(actor)))
	}
	h.reply(say(requestDetail{Summary: h.o.summary(r), Status: r.Status, Timeline: strings.Join(tl, "\n")}))
	if r.Letter == nil {
		return nil
	}
	// The letter goes through the outbox, like every document the bot sends: replies
	// stay small enough to record, and the PDF is retried if WhatsApp is away.
	var caption staffSentence = letterCaption{r.Ref}
	if r.Letter.IsAttachment() {
		caption = attachmentCaption{r.Ref}
	}
	return h.o.Store.Notify(ctx, r.ID, []loket.Notification{{Chat: h.msg.Chat, Text: say(caption), LetterID: r.Letter.ID}},
		h.o.now(), h.handled())
}

// dispose assigns r to a staff member named by number or (part of) name.
func (h *handling) dispose(ctx context.Context, r *loket.Request, args string) error {
	// Role and state first: naming staff for a request one may not move is moot.
	if _, err := h.o.step(ctx, r, loket.ActionDispose, &actor{Staff: h.me}); err != nil {
		return h.refused(ctx, r, loket.ActionDispose, err)
	}
	if args == "" {
		h.reply(say(disposeWho{}))
		return nil
	}
	all, err := h.o.Store.ListStaff(ctx)
	if err != nil {
		return err
	}
	who, note, found := h.findStaff(all, args)
	switch len(found) {
	case 0:
		h.reply(say(staffUnknown{Who: who}))
		return nil
	case 1:
	default:
		var names []string
		for _, s := range found {
			names = append(names, fmt.Sprintf("• %s (%s)", s.Name, s.Phone))
		}
		h.reply(say(staffAmbiguous{Who: who, Names: strings.Join(names, "\n"), Ref: r.Ref}))
		return nil
	}
	note, free, err := h.licencesFree(ctx, r, who, note)
	if err != nil || !free {
		return err
	}
	return h.move(ctx, r, loket.ActionDispose, note, found[0].Phone)
}

// findStaff matches the start of args against staff holding the staf role: a number
// (any format) or the longest run of words that matches names. It returns what it
// matched on, the rest (the note), and the candidates.
func (h *handling) findStaff(all []loket.Staff, args string) (string, string, []loket.Staff) {
	words := strings.Fields(args)
	if phone := loket.NormalizePhone(words[0]); phone != "" {
		for _, s := range all {
			if s.Phone == phone && s.Has(loket.RoleStaf) {
				return words[0], strings.Join(words[1:], " "), []loket.Staff{s}
			}
		}
		return words[0], "", nil
	}
	// Prefer the longest name prefix that still matches someone.
	for n := len(words); n > 0; n-- {
		who := strings.ToLower(strings.Join(words[:n], " "))
		var found []loket.Staff
		for _, s := range all {
			if s.Has(loket.RoleStaf) && strings.Contains(strings.ToLower(s.Name), who) {
				found = append(found, s)
			}
		}
		if len(found) > 0 {
			return strings.Join(words[:n], " "), strings.Join(words[n:], " "), found
		}
	}
	return words[0], "", nil
}
