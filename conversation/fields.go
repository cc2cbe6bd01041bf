package conversation

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/uns-dtik/loket"
)

// kind is a validator selected by a field's `kind` in the catalog.
type kind struct {
	// check refuses a catalog field whose parameters do not fit the kind.
	check func(f *Field) error
	// parse validates an answer and returns it normalised.
	parse func(ctx context.Context, t *turn, svc *Service, f *Field, text string) (loket.Field, error)
	// extra, when set, adds to the prompt (a numbered list, the sender's number).
	extra func(t *turn, f *Field) string
	// show, when set, renders a stored answer in the session's language.
	show func(t *turn, f *Field, v loket.Field) string
}

// errRefused is a "no" to a confirm field: the dialog ends with the field's refusal.
var errRefused = errors.New("conversation: applicant does not meet the condition")

var kinds map[string]kind

func init() {
	kinds = map[string]kind{
		"confirm":  {check: checkConfirm, parse: parseConfirm, show: showConfirm},
		"text":     {check: checkBounds(1, 2000), parse: parseText},
		"nip":      {check: noParams, parse: parseNIPField},
		"choice":   {check: checkChoice, parse: parseChoice, extra: choiceList},
		"email":    {check: checkEmail, parse: parseEmailField},
		"date":     {check: noParams, parse: parseDateField, show: showDate},
		"count":    {check: checkBounds(0, 1_000_000), parse: parseCountField},
		"phone":    {check: noParams, parse: parsePhoneField, extra: phoneDefault},
		"username": {check: checkUsername, parse: parseUsernameField, show: showUsername},
		"letter":   {check: noParams, parse: parseLetterField, show: showLetter},
	}
}

func kindNames() string {
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func noParams(*Field) error { return nil }

func checkConfirm(f *Field) error {
	if f.Refusal.ID == "" || f.Refusal.EN == "" {
		return errors.New("confirm needs a refusal in id and en")
	}
	return nil
}

func checkBounds(lo, hi int) func(f *Field) error {
	return func(f *Field) error {
		if f.Min < lo || f.Max > hi || f.Min > f.Max || f.Max == 0 {
			return fmt.Errorf("min and max must satisfy %d <= min <= max <= %d (got %d, %d)", lo, hi, f.Min, f.Max)
		}
		return nil
	}
}

func checkChoice(f *Field) error {
	if len(f.Options) == 0 {
		return errors.New("choice needs options")
	}
	return nil
}

var domainPattern = regexp.MustCompile(`^([a-z0-9-]{1,63}\.)+[a-z]{2,}$`)

func checkEmail(f *Field) error {
	for _, d := range f.Domains {
		if !domainPattern.MatchString(d) {
			return fmt.Errorf("domain %q is not a domain name", d)
		}
	}
	if f.Roster != "" && f.Roster != "zoom" {
		return fmt.Errorf("roster %q is unknown (known: zoom)", f.Roster)
	}
	return nil
}

func checkUsername(f *Field) error {
	if !domainPattern.MatchString(f.Domain) {
		return fmt.Errorf("username needs the domain of the accounts (got %q)", f.Domain)
	}
	return nil
}

func parseConfirm(_ context.Context, t *turn, _ *Service, _ *Field, _ string) (loket.Field, error) {
	switch yesNo(t.cmd) {
	case yes:
		return loket.Field{Value: "ya", Shown: "Ya"}, nil
	case no:
		return loket.Field{}, errRefused
	}
	return loket.Field{}, loket.Errorf("confirm_unclear")
}

func showConfirm(t *turn, _ *Field, _ loket.Field) string { return t.say("answer_yes") }

func parseText(_ context.Context, _ *turn, _ *Service, f *Field, text string) (loket.Field, error) {
	v, err := CleanText(text, f.Min, f.Max)
	return loket.Field{Value: v}, err
}

func parseNIPField(_ context.Context, t *turn, _ *Service, _ *Field, text string) (loket.Field, error) {
	v, err := ParseNIP(text, t.now)
	return loket.Field{Value: v, Shown: FormatNIP(v)}, err
}

func parseChoice(_ context.Context, t *turn, _ *Service, f *Field, text string) (loket.Field, error) {
	if n, err := strconv.Atoi(strings.TrimSpace(text)); err == nil {
		if n < 1 || n > len(f.Options) {
			return loket.Field{}, loket.Errorf("choice_range", n, len(f.Options))
		}
		return loket.Field{Value: f.Options[n-1]}, nil
	}
	for _, o := range f.Options {
		if strings.EqualFold(o, strings.TrimSpace(text)) || strings.Contains(strings.ToLower(o), "("+t.cmd+")") {
			return loket.Field{Value: o}, nil
		}
	}
	if !f.AllowOther {
		return loket.Field{}, loket.Errorf("choice_range", 0, len(f.Options))
	}
	v, err := CleanText(text, 3, 150)
	return loket.Field{Value: v}, err
}

func choiceList(t *turn, f *Field) string {
	rows := make([]string, len(f.Options))
	for i, o := range f.Options {
		rows[i] = fmt.Sprintf("%d. %s", i+1, o)
	}
	return strings.Join(rows, "\n")
}

func parseEmailField(ctx context.Context, t *turn, _ *Service, f *Field, text string) (loket.Field, error) {
	v, err := ParseEmail(text, f.Domains)
	if err != nil || f.Roster != "zoom" {
		return loket.Field{Value: v}, err
	}
	loaded, found, err := t.c.Store.InZoomRoster(ctx, v)
	if err != nil {
		return loket.Field{}, err
	}
	if loaded && !found {
		return loket.Field{}, loket.Errorf("email_not_in_zoom", v)
	}
	return loket.Field{Value: v}, nil
}

// isoDate is how dates are stored: the applicant sees them in words (showDate).
const isoDate = "2006-01-02"

func parseDateField(_ context.Context, t *turn, _ *Service, f *Field, text string) (loket.Field, error) {
	d, err := ParseDate(text, t.now)
	if err != nil {
		return loket.Field{}, err
	}
	shown := FormatDate(d, string(t.s.Lang))
	today := time.Date(t.now.In(loket.Jakarta).Year(), t.now.In(loket.Jakarta).Month(), t.now.In(loket.Jakarta).Day(), 0, 0, 0, 0, loket.Jakarta)
	if f.NotPast && d.Before(today) {
		return loket.Field{}, loket.Errorf("date_past", shown)
	}
	if f.After != "" {
		if prev, ok := t.s.Answers[f.After]; ok {
			start, err := time.ParseInLocation(isoDate, prev.Value, loket.Jakarta)
			if err == nil && d.Before(start) {
				return loket.Field{}, loket.Errorf("date_before_start", shown, FormatDate(start, string(t.s.Lang)))
			}
		}
	}
	return loket.Field{Value: d.Format(isoDate), Shown: FormatDate(d, string(loket.Indonesian))}, nil
}

func showDate(t *turn, _ *Field, v loket.Field) string {
	d, err := time.ParseInLocation(isoDate, v.Value, loket.Jakarta)
	if err != nil {
		return v.Value
	}
	return FormatDate(d, string(t.s.Lang))
}

func parseCountField(_ context.Context, _ *turn, _ *Service, f *Field, text string) (loket.Field, error) {
	n, err := ParseCount(text, f.Min, f.Max)
	return loket.Field{Value: strconv.Itoa(n)}, err
}

func parsePhoneField(_ context.Context, t *turn, _ *Service, f *Field, text string) (loket.Field, error) {
	if f.DefaultSender && t.msg.Phone != "" && (yesNo(t.cmd) == yes || t.cmd == "nomor ini" || t.cmd == "sama") {
		return loket.Field{Value: t.msg.Phone}, nil
	}
	v, err := loket.ParseMobile(text)
	return loket.Field{Value: v}, err
}

func phoneDefault(t *turn, f *Field) string {
	if !f.DefaultSender || t.msg.Phone == "" {
		return ""
	}
	return t.say("phone_default", t.msg.Phone)
}

func parseUsernameField(ctx context.Context, t *turn, _ *Service, f *Field, text string) (loket.Field, error) {
	v, err := ParseUsername(text)
	if err != nil || !f.Unique {
		return loket.Field{Value: v}, err
	}
	taken, err := t.c.Store.FieldTaken(ctx, f.Key, v, t.s.RevisionOf)
	if err != nil {
		return loket.Field{}, err
	}
	if taken {
		return loket.Field{}, loket.Errorf("username_taken", v, f.Domain, v)
	}
	return loket.Field{Value: v, Shown: v + "@" + f.Domain}, nil
}

func showUsername(_ *turn, f *Field, v loket.Field) string { return v.Value + "@" + f.Domain }

// parse validates text (or, for a letter, the message's document) as an answer to f.
func (t *turn) parse(ctx context.Context, svc *Service, f *Field, text string) (loket.Field, error) {
	return kinds[f.Kind].parse(ctx, t, svc, f, text)
}
