package backoffice

import (
	"context"
	"fmt"
	"strings"

	"github.com/uns-dtik/loket"
)

// maxSearch is the longest text /cari looks for: a name, an e-mail, a reference.
const maxSearch = 100

// search is /cari: requests whose reference, applicant, unit, event, e-mail or
// username contains the text.
func (h *handling) search(ctx context.Context, c command) error {
	text := strings.TrimSpace(strings.TrimSpace(c.ref + " " + c.args))
	if n := len([]rune(text)); n < 3 || n > maxSearch {
		h.reply(say(searchUsage{}))
		return nil
	}
	found, err := h.o.Store.Search(ctx, text, 20)
	if err != nil {
		return err
	}
	if len(found) == 0 {
		h.reply(say(searchNone{Text: text}))
		return nil
	}
	rows := make([]string, len(found))
	for i, r := range found {
		rows[i] = fmt.Sprintf("%d. *%s* — %s · %s · %s", i+1, r.Ref, h.o.Services.ServiceTitle(r.Service, loket.Indonesian),
			say(statusWord{r.Status}), say(h.o.applicant(r)))
	}
	h.reply(say(searchFound{Text: text, Rows: strings.Join(rows, "\n")}))
	return nil
}

// stats is /statistik: counts per service and status, and the median time each stage
// takes.
func (h *handling) stats(ctx context.Context) error {
	counts, err := h.o.Store.Counts(ctx)
	if err != nil {
		return err
	}
	var rows []string
	last := ""
	for _, c := range counts {
		if c.Service != last {
			rows = append(rows, "*"+h.o.Services.ServiceTitle(c.Service, loket.Indonesian)+"*")
			last = c.Service
		}
		rows = append(rows, fmt.Sprintf("• %s: %d", say(statusWord{c.Status}), c.N))
	}
	if len(rows) == 0 {
		rows = append(rows, say(statsEmpty{}))
	}
	rows = append(rows, "", say(statsStages{}))
	for _, l := range followed(h.o.Services) {
		// Each table's own: a complaint's "submitted" is another wait than a
		// request's.
		medians, err := h.o.Store.StageMedians(ctx, codesOf(h.o.Services, l))
		if err != nil {
			return err
		}
		for _, s := range l.AwaitingStaff() {
			d, ok := medians[s]
			shown := "-"
			if ok {
				shown = say(span{d})
			}
			rows = append(rows, fmt.Sprintf("• %s: %s", say(stage(h.o.Services, l, s)), shown))
		}
	}
	open, err := h.o.Store.Awaiting(ctx, loket.Lifecycles.AwaitingStaff())
	if err != nil {
		return err
	}
	late := 0
	for _, r := range open {
		if h.o.Calendar.Overdue(r, h.o.Services.SLADays(r.Service), h.o.now()) {
			late++
		}
	}
	rows = append(rows, "", say(statsOverdue{Late: late, Open: len(open)}))
	speed, ease, satisfaction, n, err := h.o.Store.QuestionnaireAverages(ctx)
	if err != nil {
		return err
	}
	rows = append(rows, "", say(statsQuestionnaire{Answered: n}))
	if n > 0 {
		rows = append(rows, say(statsRatings{Speed: speed, Ease: ease, Satisfaction: satisfaction}))
	}
	h.reply(say(statsHead{}) + "\n" + strings.Join(rows, "\n"))
	return nil
}
