package conversation

import (
	"context"
	"fmt"
	"strings"
)

// Info is a service's Informasi Layanan, as eservice shows it: what the applicant
// gets, what they must bring (the SOP's rules in its own words), how the request
// goes, and what it costs. The completion time is the service's sla; how to start
// is its menu number and keywords.
type Info struct {
	Product      Text `yaml:"product"`
	Requirements Text `yaml:"requirements"`
	Procedure    Text `yaml:"procedure"`
	Cost         Text `yaml:"cost"`
}

// check refuses an info block with a part missing in either language; a service
// without one is allowed (its `info` says so).
func (i *Info) check() error {
	if i == nil {
		return nil
	}
	for name, t := range map[string]Text{"product": i.Product, "requirements": i.Requirements, "procedure": i.Procedure, "cost": i.Cost} {
		if strings.TrimSpace(t.ID) == "" || strings.TrimSpace(t.EN) == "" {
			return fmt.Errorf("%s needs both id and en", name)
		}
	}
	return nil
}

// The words that ask for a service's information, and for its requirements alone.
var (
	infoWords         = map[string]bool{"info": true, "informasi": true, "information": true, "informasi layanan": true}
	requirementsWords = map[string]bool{"syarat": true, "persyaratan": true, "requirements": true, "requirement": true}
)

// infoRequest reads `info zoom`, `persyaratan 2`, `syarat`: whether the message asks
// for information, only the requirements, and which service ("" when it names none).
func infoRequest(cmd string) (asked, requirementsOnly bool, service string) {
	if infoWords[cmd] || requirementsWords[cmd] {
		return true, requirementsWords[cmd], ""
	}
	word, rest, ok := strings.Cut(cmd, " ")
	switch {
	case ok && infoWords[word]:
		return true, false, rest
	case ok && requirementsWords[word]:
		return true, true, rest
	}
	return false, false, ""
}

// asksInfo tells an information request from an answer that merely starts with one
// of its words: while a draft asks its questions ("Info Session 2026" may be an event's
// name) only the bare word, or the word and exactly a service's number, code, title
// or keyword, is a request.
func (t *turn) asksInfo(named string) bool {
	if !t.s.drafting() || named == "" || t.c.Catalog.choice(named) != nil {
		return true
	}
	for _, s := range t.c.Catalog.Services {
		for _, k := range s.Keywords {
			if named == k {
				return true
			}
		}
	}
	return false
}

// info answers a request for a service's information. Without a service named it
// lists the services; in the lobby the next message may then be just a number.
func (t *turn) info(ctx context.Context, requirementsOnly bool, named string) error {
	if named == "" {
		if t.s.drafting() {
			// No "which service?" question during a draft: a bare number is the
			// draft's answer, so the service is named with the word.
			t.reply(t.say(infoWhichInDraft{Services: t.serviceList()}), t.whereWeAre())
			return nil
		}
		if err := t.fire(ctx, evInfo); err != nil {
			return err
		}
		t.reply(t.say(infoWhich{Services: t.serviceList()}))
		return nil
	}
	svc := t.c.Catalog.match(named)
	if svc == nil {
		t.reply(t.say(infoUnknown{Typed: named}), t.say(infoWhich{Services: t.serviceList()}))
		return nil
	}
	t.reply(t.infoCard(svc, requirementsOnly))
	return nil
}

// answerInfo takes the message after a bare `info` in the lobby: a service's number
// or name shows its information; anything else is handled as if `info` had not been
// asked.
func (t *turn) answerInfo(ctx context.Context) (bool, error) {
	if err := t.fire(ctx, evStay); err != nil {
		return true, err
	}
	svc := t.c.Catalog.match(t.cmd)
	if svc == nil {
		return false, nil
	}
	t.reply(t.infoCard(svc, false))
	return true, nil
}

// infoCard is a service's information in the applicant's language, ending with how
// to start it.
func (t *turn) infoCard(svc *Service, requirementsOnly bool) string {
	lang := t.s.Lang
	start := t.say(infoStart{Number: t.c.Catalog.number(svc), Keyword: firstOr(svc.Keywords, svc.Code), Draft: t.c.Drafts.Has(svc.Code)})
	if svc.Info == nil {
		return lines(t.say(infoMissing{Title: svc.Title.In(lang)}), start)
	}
	if requirementsOnly {
		return lines(t.say(infoRequirements{Title: svc.Title.In(lang), SOP: svc.SOP, Requirements: svc.Info.Requirements.In(lang)}), start)
	}
	return lines(t.say(infoFull{
		Title: svc.Title.In(lang), SOP: svc.SOP,
		Product: svc.Info.Product.In(lang), Requirements: svc.Info.Requirements.In(lang),
		Procedure: svc.Info.Procedure.In(lang), Days: t.c.Catalog.SLADays(svc.Code), Cost: svc.Info.Cost.In(lang),
	}), start)
}

// serviceList is the numbered list of services, as the menu shows it.
func (t *turn) serviceList() string {
	items := make([]string, len(t.c.Catalog.Services))
	for i, s := range t.c.Catalog.Services {
		items[i] = fmt.Sprintf("%d. %s", i+1, s.Title.In(t.s.Lang))
	}
	return strings.Join(items, "\n")
}

// number is svc's menu number.
func (c *Catalog) number(svc *Service) int {
	for i, s := range c.Services {
		if s == svc {
			return i + 1
		}
	}
	return 0
}

func firstOr(words []string, fallback string) string {
	if len(words) > 0 {
		return words[0]
	}
	return strings.ToLower(fallback)
}
