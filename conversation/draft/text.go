package draft

import (
	"strings"
	"text/template"
	"time"
	"unicode"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/unicode/norm"

	"github.com/uns-dtik/loket"
)

// The helpers a template may call, named in Indonesian as the templates are written
// in it. Each takes an answer and prints Blank for one not given.
var funcs = template.FuncMap{
	"tanggal": func(a Answer) string { return answerDate(a, false) },
	"hari":    func(a Answer) string { return answerDate(a, true) },
	"telepon": phone,
}

// isoDate is how the dialog stores a date answer's Value.
const isoDate = "2006-01-02"

// formatDate writes t's day in Jakarta as a letter does: "28 November 2026", with
// weekday "Sabtu, 28 November 2026".
func formatDate(t time.Time, weekday bool) string {
	if weekday {
		return loket.FormatDay(t, loket.Indonesian)
	}
	return loket.FormatDate(t, loket.Indonesian)
}

// answerDate writes a date answer in words; an answer that is not a stored date (a
// custom catalog's text field, say) is printed as it is.
func answerDate(a Answer, weekday bool) string {
	if !a.given {
		return Blank
	}
	d, err := time.ParseInLocation(isoDate, a.value, loket.Jakarta)
	if err != nil {
		return a.String()
	}
	return formatDate(d, weekday)
}

// phone writes a number as its readers dial it: an Indonesian one nationally
// ("0812-3456-7890"), any other internationally ("+1 415-555-2671"). The dialog
// stores numbers in E.164, which nobody writes in a letter.
func phone(a Answer) string {
	if !a.given {
		return Blank
	}
	num, err := phonenumbers.Parse(a.value, "ID")
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return a.String()
	}
	if phonenumbers.GetRegionCodeForNumber(num) == "ID" {
		return escape(phonenumbers.Format(num, phonenumbers.NATIONAL))
	}
	return escape(phonenumbers.Format(num, phonenumbers.INTERNATIONAL))
}

// plain is markup as text: escapes undone, bold marks gone, on one line.
func plain(markup string) string {
	var b strings.Builder
	for _, l := range parseMarkup(markup) {
		b.WriteString(l.text.String())
		b.WriteByte(' ')
	}
	return b.String()
}

// maxSlug bounds the event's part of a file name: phones show about 40 characters
// of a document's name, and some file systems refuse names over 255 bytes.
const maxSlug = 50

// fileBase is a draft's file name without its extension: draf-surat-ZM-<stem>, the
// stem in lower-case ASCII letters, digits and hyphens, cut at a word.
func fileBase(code, stem string) string {
	s := slug(stem)
	if len(s) > maxSlug {
		s = s[:maxSlug]
		if i := strings.LastIndexByte(s, '-'); i > maxSlug/2 {
			s = s[:i]
		}
		s = strings.TrimRight(s, "-")
	}
	if s == "" {
		return "draf-surat-" + code
	}
	return "draf-surat-" + code + "-" + s
}

// slug keeps the letters and digits of s, accents dropped ("Ŝeminar" → "seminar"),
// and joins the words with single hyphens. Letters of scripts without an ASCII
// equivalent are dropped, not guessed.
func slug(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if gap && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(unicode.ToLower(r))
			gap = false
		default:
			gap = true
		}
	}
	return b.String()
}
