package conversation

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/uns-dtik/loket"
)

// The built-in kinds. Each sees an answer only through Input, as a kind added
// elsewhere would; their refusals are the sentences of refusals.go.
func init() {
	RegisterKind("confirm", Kind{Check: noParams, Parse: parseConfirm, Show: showConfirm, Refusable: true})
	RegisterKind("text", Kind{Check: checkBounds(1, 2000), Parse: parseText})
	RegisterKind("nip", Kind{Check: noParams, Parse: parseNIPField})
	RegisterKind("choice", Kind{Check: checkChoice, Parse: parseChoice, Hint: choiceList, Show: showChoice})
	RegisterKind("email", Kind{Check: checkEmail, Parse: parseEmailField})
	RegisterKind("date", Kind{Check: noParams, Parse: parseDateField, Show: showDate, Example: dateExample, Recheck: true})
	RegisterKind("count", Kind{Check: checkBounds(0, 1_000_000), Parse: parseCountField})
	RegisterKind("phone", Kind{Check: noParams, Parse: parsePhoneField, Hint: phoneDefault})
	RegisterKind("username", Kind{Check: checkUsername, Parse: parseUsernameField, Show: showUsername, Recheck: true})
}

func noParams(*Field) error { return nil }

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
	for i, o := range f.Options {
		if o.ID == "" || o.EN == "" {
			return fmt.Errorf("option %d needs its text in id and en (or one plain string for both)", i+1)
		}
	}
	// No reply may pick two options: every way of naming one (its text in either
	// language, what either has in parentheses) is tried as a reply, read as
	// parseChoice reads it, against the others.
	for i, o := range f.Options {
		for _, reply := range namings(o) {
			if !pickedBy(o, reply, normaliseCommand(reply)) {
				continue // not a way to pick it ("( FT )" is no abbreviation)
			}
			if _, err := strconv.Atoi(strings.TrimSpace(reply)); err == nil {
				return fmt.Errorf("option %d: %q is a number, and a reply of a number picks the option of that number", i+1, reply)
			}
			for j, other := range f.Options {
				if j != i && pickedBy(other, reply, normaliseCommand(reply)) {
					return fmt.Errorf("options %d and %d can both be picked by replying %q: a reply could not tell them apart", min(i, j)+1, max(i, j)+1, reply)
				}
			}
		}
	}
	return nil
}

// namings are the ways of naming o in a reply: its text in each language, and what
// each has in parentheses ("FKIP").
func namings(o Option) []string {
	var names []string
	for _, name := range []string{o.ID, o.EN} {
		names = append(names, name)
		for rest := name; ; {
			open := strings.Index(rest, "(")
			end := strings.Index(rest[max(open, 0):], ")")
			if open < 0 || end < 0 {
				break
			}
			names = append(names, rest[open+1:open+end])
			rest = rest[open+end+1:]
		}
	}
	return names
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

func parseConfirm(_ context.Context, in *Input) (loket.Field, error) {
	switch yesNo(in.Words) {
	case yes:
		return loket.Field{Value: "ya", Shown: "Ya"}, nil
	case no:
		return loket.Field{}, ErrRefused
	}
	return loket.Field{}, loket.Refuse(confirmUnclear{})
}

func showConfirm(_ *Field, _ loket.Field, lang loket.Lang) string {
	return loket.Say(lang, answerYes{})
}

func parseText(_ context.Context, in *Input) (loket.Field, error) {
	v, err := CleanText(in.Text, in.Field.Min, in.Field.Max)
	return loket.Field{Value: v}, err
}

func parseNIPField(_ context.Context, in *Input) (loket.Field, error) {
	v, err := ParseNIP(in.Text, in.Now)
	return loket.Field{Value: v, Shown: FormatNIP(v)}, err
}

func parseChoice(_ context.Context, in *Input) (loket.Field, error) {
	f, text := in.Field, strings.TrimSpace(in.Text)
	if n, err := strconv.Atoi(text); err == nil {
		if n < 1 || n > len(f.Options) {
			return loket.Field{}, loket.Refuse(choiceRange{N: n, Max: len(f.Options)})
		}
		return loket.Field{Value: f.Options[n-1].ID}, nil
	}
	for _, o := range f.Options {
		if pickedBy(o, text, in.Words) {
			return loket.Field{Value: o.ID}, nil
		}
	}
	if !f.AllowOther {
		return loket.Field{}, loket.Refuse(choiceRange{N: 0, Max: len(f.Options)})
	}
	v, err := CleanText(in.Text, 3, 150)
	return loket.Field{Value: v}, err
}

// pickedBy reports whether a reply names o: text, as typed (trimmed), is its text in
// either language, whatever the case; words, the reply normalised, is what either has
// in parentheses ("fkip" for "… (FKIP)").
func pickedBy(o Option, text, words string) bool {
	for _, name := range []string{o.ID, o.EN} {
		if strings.EqualFold(name, text) || strings.Contains(strings.ToLower(name), "("+words+")") {
			return true
		}
	}
	return false
}

func choiceList(f *Field, _ string, lang loket.Lang) string {
	rows := make([]string, len(f.Options))
	for i, o := range f.Options {
		rows[i] = fmt.Sprintf("%d. %s", i+1, o.In(lang))
	}
	return strings.Join(rows, "\n")
}

// showChoice renders a chosen option in lang (the answer stored is its Indonesian);
// text typed where the field allows it, or a complaint's reference, as it is.
func showChoice(f *Field, v loket.Field, lang loket.Lang) string {
	for _, o := range f.Options {
		if v.Value == o.ID {
			return o.In(lang)
		}
	}
	if v.Shown != "" {
		return v.Shown
	}
	return v.Value
}

func parseEmailField(ctx context.Context, in *Input) (loket.Field, error) {
	v, err := ParseEmail(in.Text, in.Field.Domains)
	if err != nil || in.Field.Roster != "zoom" {
		return loket.Field{Value: v}, err
	}
	loaded, found, err := in.Lookup.InZoomRoster(ctx, v)
	if err != nil {
		return loket.Field{}, err
	}
	if loaded && !found {
		return loket.Field{}, loket.Refuse(emailNotInZoom{Email: v})
	}
	return loket.Field{Value: v}, nil
}

// isoDate is how dates are stored: the applicant sees them in words (showDate).
const isoDate = "2006-01-02"

func parseDateField(_ context.Context, in *Input) (loket.Field, error) {
	f := in.Field
	today := dayOf(in.Now)
	start, hasStart := startDate(f, in.Earlier)
	// A date without a year is read from the earliest day the field accepts: the
	// start date when it comes after today (or when past dates are allowed), so an
	// end date is never put a year early or late by reading it from today.
	from := today
	if hasStart && (start.After(today) || !f.NotPast) {
		from = start
	}
	d, err := readDate(in.Text, today, from)
	if err != nil {
		return loket.Field{}, err
	}
	if f.NotPast && d.Before(today) {
		return loket.Field{}, loket.Refuse(datePast{Date: d, Example: exampleDay(f, today, in.Earlier)})
	}
	if hasStart && d.Before(start) {
		return loket.Field{}, loket.Refuse(dateBeforeStart{Date: d, Start: start})
	}
	return loket.Field{Value: d.Format(isoDate), Shown: FormatDate(d, string(loket.Indonesian))}, nil
}

// startDate is the answer to the earlier date field f may not precede (its After).
func startDate(f *Field, earlier map[string]loket.Field) (time.Time, bool) {
	prev, ok := earlier[f.After]
	if !ok || f.After == "" {
		return time.Time{}, false
	}
	start, err := time.ParseInLocation(isoDate, prev.Value, loket.Jakarta)
	return start, err == nil
}

// exampleDay is a day field f would take on today, given the earlier answers: the
// day after the start date when f follows one (not before today if f refuses the
// past), else a week from today, a plausible date for an event.
func exampleDay(f *Field, today time.Time, earlier map[string]loket.Field) time.Time {
	if start, ok := startDate(f, earlier); ok && !(f.NotPast && start.Before(today)) {
		return start.AddDate(0, 0, 1)
	}
	return today.AddDate(0, 0, 7)
}

// dateExample is the date kind's Example: exampleDay, as the applicant writes it.
func dateExample(f *Field, now time.Time, earlier map[string]loket.Field, lang loket.Lang) string {
	return loket.Say(lang, exampleDate{Date: exampleDay(f, dayOf(now), earlier)})
}

func showDate(_ *Field, v loket.Field, lang loket.Lang) string {
	d, err := time.ParseInLocation(isoDate, v.Value, loket.Jakarta)
	if err != nil {
		return v.Value
	}
	return FormatDate(d, string(lang))
}

func parseCountField(_ context.Context, in *Input) (loket.Field, error) {
	n, err := ParseCount(in.Text, in.Field.Min, in.Field.Max)
	return loket.Field{Value: strconv.Itoa(n)}, err
}

// ownNumber are the words that take the sender's own number as the answer.
var ownNumber = map[string]bool{"nomor ini": true, "sama": true}

func parsePhoneField(_ context.Context, in *Input) (loket.Field, error) {
	sender := in.Message.Phone
	if in.Field.DefaultSender && sender != "" && (yesNo(in.Words) == yes || ownNumber[in.Words]) {
		return loket.Field{Value: sender}, nil
	}
	v, err := loket.ParseMobile(in.Text)
	return loket.Field{Value: v}, err
}

func phoneDefault(f *Field, sender string, lang loket.Lang) string {
	if !f.DefaultSender || sender == "" {
		return ""
	}
	return loket.Say(lang, senderNumber{Phone: sender})
}

func parseUsernameField(ctx context.Context, in *Input) (loket.Field, error) {
	f := in.Field
	v, err := ParseUsername(in.Text, f.Domain)
	if err != nil || !f.Unique {
		return loket.Field{Value: v}, err
	}
	taken, err := in.Lookup.Taken(ctx, f.Key, v)
	if err != nil {
		return loket.Field{}, err
	}
	if taken {
		return loket.Field{}, loket.Refuse(usernameTaken{Name: v, Domain: f.Domain})
	}
	return loket.Field{Value: v, Shown: v + "@" + f.Domain}, nil
}

func showUsername(f *Field, v loket.Field, _ loket.Lang) string { return v.Value + "@" + f.Domain }
