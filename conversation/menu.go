package conversation

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/uns-dtik/loket"
)

// idle handles a message when no draft is in progress: a menu choice starts a
// service; anything else gets the greeting and the menu.
func (t *turn) idle(ctx context.Context) error {
	if svc := t.c.Catalog.match(t.cmd); svc != nil {
		return t.start(ctx, svc)
	}
	var lead string
	switch {
	case !t.s.Greeted:
		name := ""
		if n := strings.TrimSpace(t.msg.Name); n != "" && len(n) < 60 {
			name = " " + n
		}
		lead = t.say(greeting{Name: name})
		t.s.Greeted = true
	case t.msg.Kind != loket.KindText:
		lead = t.say(idleNotText{Kind: t.msg.Kind})
	case loket.IsDigits(t.cmd):
		lead = t.say(menuUnknown{Typed: t.cmd})
	}
	return t.showMenu(ctx, lead)
}

// showMenu shows the menu after lead. With a draft in progress, or a questionnaire
// waiting, the next message is first taken as a menu choice (the menu question).
func (t *turn) showMenu(ctx context.Context, lead string) error {
	note := ""
	switch {
	case t.s.drafting():
		svc, _ := t.current()
		note = t.say(menuDraftKept{Title: svc.Title.In(t.s.Lang), Step: t.stepNumber(), Steps: len(svc.Fields)})
	case t.openQ != nil:
		// The next number is a menu choice, not a rating: the questionnaire waits and
		// is asked again once the applicant is done with what they came for.
		note = t.say(menuQuestionnaireWaits{Ref: t.openQ.Ref})
	}
	if note != "" {
		if err := t.fire(ctx, evMenu); err != nil {
			return err
		}
	}
	t.reply(lead, t.menuText(), note)
	return nil
}

// menuText is the numbered list of services.
func (t *turn) menuText() string { return t.say(menu{Services: t.serviceList()}) }

// match finds the service a menu answer names: its number, its code, or a keyword.
func (c *Catalog) match(cmd string) *Service {
	if s := c.choice(cmd); s != nil || cmd == "" {
		return s
	}
	// The first word that names a service decides: "keluhan tentang email" is a
	// complaint about e-mail, not an e-mail request.
	for _, w := range strings.Fields(cmd) {
		for _, s := range c.Services {
			if slices.Contains(s.Keywords, w) {
				return s
			}
		}
	}
	return nil
}

// choice finds the service an answer names exactly: its menu number, code or title.
// A keyword in a sentence ("Webinar Nasional 2026") is not a choice.
func (c *Catalog) choice(cmd string) *Service {
	if cmd == "" {
		return nil
	}
	for i, s := range c.Services {
		if cmd == fmt.Sprint(i+1) || strings.EqualFold(cmd, s.Code) ||
			strings.EqualFold(cmd, s.Title.ID) || strings.EqualFold(cmd, s.Title.EN) {
			return s
		}
	}
	return nil
}
