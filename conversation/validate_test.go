package conversation

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/uns-dtik/loket"
)

// validationNow is the moment the validator tests run at: Monday 23 November 2026.
var validationNow = time.Date(2026, 11, 23, 9, 0, 0, 0, loket.Jakarta)

// validationCase is one answer and what a validator must make of it: the value
// (want) or the refusal, named by its type in snake case (nipLength is
// "nip_length"), and the refusal's fields in order when args is set.
type validationCase struct {
	name string
	in   string
	want string
	code string
	args []any
}

// checkCase runs one case's result against its expectation.
func checkCase(t *testing.T, c validationCase, got string, err error) {
	t.Helper()
	if c.code == "" {
		if err != nil {
			t.Fatalf("%q: unexpected error %v", c.in, err)
		}
		if got != c.want {
			t.Fatalf("%q: got %q, want %q", c.in, got, c.want)
		}
		return
	}
	s := checkValidationError(t, c.in, err)
	code, args := refusalParts(s)
	if code != c.code {
		t.Fatalf("%q: got %s %#v, want %q", c.in, code, s, c.code)
	}
	if c.args != nil && !reflect.DeepEqual(args, c.args) {
		t.Fatalf("%q: got args %#v, want %#v", c.in, args, c.args)
	}
}

// refusalParts names a refusal's type in snake case and lists its fields in order.
func refusalParts(s loket.Sentence) (string, []any) {
	v := reflect.ValueOf(s)
	var code strings.Builder
	for i, r := range v.Type().Name() {
		if unicode.IsUpper(r) {
			if i > 0 {
				code.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		code.WriteRune(r)
	}
	args := make([]any, v.NumField())
	for i := range args {
		args[i] = v.Field(i).Interface()
	}
	return code.String(), args
}

// checkValidationError asserts that err, the refusal of answer in, is a
// *loket.Refusal that renders in both languages, and returns its sentence. A "%!" is
// a formatting error unless the answer typed it.
func checkValidationError(t testing.TB, in string, err error) loket.Sentence {
	t.Helper()
	var refused *loket.Refusal
	if !errors.As(err, &refused) {
		t.Fatalf("error %v (%T) is not a *loket.Refusal", err, err)
	}
	for _, lang := range []loket.Lang{loket.Indonesian, loket.English} {
		text := loket.Say(lang, refused.Sentence)
		if text == "" || strings.Contains(text, "%!") && !strings.Contains(in, "%") {
			t.Fatalf("%#v renders badly in %s: %q", refused.Sentence, lang, text)
		}
	}
	return refused.Sentence
}

var nipCases = []validationCase{
	{name: "grouped as printed", in: "19860926 201505 1 001", want: "198609262015051001"},
	{name: "plain digits", in: "198609262015051001", want: "198609262015051001"},
	{name: "dots and dashes", in: "19860926.201505-1.001", want: "198609262015051001"},
	{name: "NIP. prefix", in: "NIP. 19860926 201505 1 001", want: "198609262015051001"},
	{name: "nip: prefix", in: "nip:198609262015051001", want: "198609262015051001"},
	{name: "zero-width around and inside", in: "\u200b19860926\u200b201505 1 001\ufeff", want: "198609262015051001"},
	{name: "born on 29 February", in: "19880229 201505 1 001", want: "198802292015051001"},
	{name: "PPPK year only", in: "19900101 202421 1 001", want: "199001012024211001"},
	{name: "PPPK in the year of 18th birthday", in: "20000601 201821 2 005", want: "200006012018212005"},
	{name: "appointed in the month of 18th birthday", in: "20000601 201806 2 005", want: "200006012018062005"},
	{name: "appointed this month", in: "19860926 202611 1 001", want: "198609262026111001"},
	{name: "16 digits", in: "19860926 201505 1 0", code: "nip_length", args: []any{16}},
	{name: "19 digits", in: "19860926 201505 1 0012", code: "nip_length", args: []any{19}},
	{name: "empty", in: "  ", code: "nip_length", args: []any{0}},
	{name: "letter O for zero", in: "1986O926 201505 1 001", code: "nip_not_digits", args: []any{"O"}},
	{name: "slash", in: "19860926/201505/1/001", code: "nip_not_digits", args: []any{"/"}},
	{name: "control character shown as code point", in: "19860926\x00201505", code: "nip_not_digits", args: []any{"U+0000"}},
	{name: "31 February birth", in: "19860231 201505 1 001", code: "nip_birth_date", args: []any{"19860231"}},
	{name: "birth month 13", in: "19861326 201505 1 001", code: "nip_birth_date"},
	{name: "29 February in a common year", in: "19870229 201505 1 001", code: "nip_birth_date"},
	{name: "birth year 1800", in: "18000101 201505 1 001", code: "nip_birth_date"},
	{name: "appointment month 13", in: "19860926 201513 1 001", code: "nip_appointment", args: []any{"201513"}},
	{name: "appointment month 00", in: "19860926 201500 1 001", code: "nip_appointment"},
	{name: "appointed next month", in: "19860926 202612 1 001", code: "nip_appointment_future", args: []any{2026, time.December}},
	{name: "PPPK next year", in: "19860926 202721 1 001", code: "nip_appointment_future", args: []any{2027, time.Month(0)}},
	{name: "appointed at 17", in: "20000101 201701 1 001", code: "nip_appointment_age"},
	{name: "appointed a month before 18", in: "20000601 201805 1 001", code: "nip_appointment_age",
		args: []any{2018, time.May, time.Date(2000, time.June, 1, 0, 0, 0, 0, loket.Jakarta)}},
	{name: "PPPK appointed at 17", in: "20000601 201721 1 001", code: "nip_appointment_age"},
	{name: "sex digit 3", in: "19860926 201505 3 001", code: "nip_gender", args: []any{"3"}},
	{name: "serial 000", in: "19860926 201505 1 000", code: "nip_serial"},
	{name: "a pasted paragraph", in: strings.Repeat("1986 ", 100), code: "nip_too_long"},
}

func TestParseNIP(t *testing.T) {
	for _, c := range nipCases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseNIP(c.in, validationNow)
			checkCase(t, c, got, err)
		})
	}
}

func TestFormatNIP(t *testing.T) {
	for in, want := range map[string]string{
		"198609262015051001": "19860926 201505 1 001",
		"":                   "",
		"12345":              "12345",
		"19860926201505100x": "19860926201505100x",
	} {
		if got := FormatNIP(in); got != want {
			t.Errorf("FormatNIP(%q) = %q, want %q", in, got, want)
		}
	}
}

var unsDomains = []string{"staff.uns.ac.id", "unit.uns.ac.id"}

var emailCases = []validationCase{
	{name: "staff address", in: "budi.santoso@staff.uns.ac.id", want: "budi.santoso@staff.uns.ac.id"},
	{name: "unit address in capitals", in: "  TIK@UNIT.UNS.AC.ID ", want: "tik@unit.uns.ac.id"},
	{name: "mailto link", in: "mailto:budi@staff.uns.ac.id", want: "budi@staff.uns.ac.id"},
	{name: "plus and underscore", in: "budi_s+zoom@staff.uns.ac.id", want: "budi_s+zoom@staff.uns.ac.id"},
	{name: "gmail refused", in: "budi@gmail.com", code: "email_domain",
		args: []any{"gmail.com", "@staff.uns.ac.id, @unit.uns.ac.id", "budi@staff.uns.ac.id"}},
	{name: "student domain refused", in: "budi@student.uns.ac.id", code: "email_domain"},
	{name: "parent domain refused", in: "budi@uns.ac.id", code: "email_domain"},
	{name: "display name", in: "Budi <budi@staff.uns.ac.id>", code: "email_spaces"},
	{name: "angle brackets", in: "<budi@staff.uns.ac.id>", code: "email_domain_invalid"},
	{name: "comment", in: "budi@staff.uns.ac.id (kantor)", code: "email_spaces"},
	{name: "no at sign", in: "budi.santoso", code: "email_no_at"},
	{name: "empty", in: "", code: "email_no_at"},
	{name: "single-label domain", in: "budi@staff", code: "email_domain_invalid", args: []any{"staff"}},
	{name: "label starts with hyphen", in: "budi@-staff.uns.ac.id", code: "email_domain_invalid"},
	{name: "one-letter TLD", in: "budi@staff.uns.ac.i", code: "email_domain_invalid"},
	{name: "numeric TLD", in: "budi@10.0.0.1", code: "email_domain_invalid"},
	{name: "trailing dot", in: "budi@staff.uns.ac.id.", code: "email_domain_invalid"},
	{name: "fmt verb typed as domain (fuzz)", in: "@%!", code: "email_domain_invalid", args: []any{"%!"}},
	{name: "underscore in domain", in: "budi@staff_uns.ac.id", code: "email_domain_invalid"},
	{name: "two at signs", in: "budi@@staff.uns.ac.id", code: "email_invalid"},
	{name: "quoted local part", in: `"budi"@staff.uns.ac.id`, code: "email_invalid"},
	{name: "double dot", in: "budi..santoso@staff.uns.ac.id", code: "email_invalid"},
	{name: "leading dot", in: ".budi@staff.uns.ac.id", code: "email_invalid"},
	{name: "accented local part", in: "budí@staff.uns.ac.id", code: "email_invalid"},
	{name: "empty local part", in: "@staff.uns.ac.id", code: "email_invalid"},
	{name: "apostrophe", in: "o'neil@staff.uns.ac.id", want: "o'neil@staff.uns.ac.id"},
	{name: "RFC-legal but unreal characters", in: "a{b}|c@staff.uns.ac.id", code: "email_invalid"},
	{name: "percent sign", in: "a%b@staff.uns.ac.id", code: "email_invalid"},
	{name: "too long", in: strings.Repeat("a", 250) + "@staff.uns.ac.id", code: "email_too_long", args: []any{254}},
}

func TestParseEmail(t *testing.T) {
	for _, c := range emailCases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseEmail(c.in, unsDomains)
			checkCase(t, c, got, err)
		})
	}
	t.Run("any domain without an allow-list", func(t *testing.T) {
		got, err := ParseEmail("Budi@Gmail.com", nil)
		checkCase(t, validationCase{in: "Budi@Gmail.com", want: "budi@gmail.com"}, got, err)
	})
}

var phoneCases = []validationCase{
	{name: "08 plain", in: "081234567890", want: "+6281234567890"},
	{name: "08 dashed", in: "0812-3456-7890", want: "+6281234567890"},
	{name: "08 spaced", in: "0812 3456 7890", want: "+6281234567890"},
	{name: "08 dotted", in: "0812.3456.7890", want: "+6281234567890"},
	{name: "+62 spaced", in: "+62 812-3456-7890", want: "+6281234567890"},
	{name: "62 without plus", in: "6281234567890", want: "+6281234567890"},
	{name: "without trunk zero", in: "812 3456 7890", want: "+6281234567890"},
	{name: "parentheses", in: "+62 (812) 3456 7890", want: "+6281234567890"},
	{name: "11-digit mobile", in: "0813-1234-567", want: "+628131234567"},
	{name: "Jakarta landline", in: "021-5551234", code: "phone_not_mobile"},
	{name: "Solo landline", in: "(0271) 646994", code: "phone_not_mobile"},
	{name: "United States", in: "+1 415 555 2671", code: "phone_foreign", args: []any{1}},
	{name: "Malaysia", in: "+60 12-345 6789", code: "phone_foreign", args: []any{60}},
	{name: "too short", in: "0812", code: "phone_length"},
	{name: "one digit short", in: "0812 1234", code: "phone_length", args: []any{8}},
	{name: "one digit too many", in: "0812 3456 789012", code: "phone_length", args: []any{14}},
	{name: "with 62 and trunk zero", in: "+62 0812 3456 7890", want: "+6281234567890"},
	{name: "toll-free", in: "0800 1234 567", code: "phone_not_mobile"},
	{name: "letters", in: "nomor saya 0812", code: "phone_invalid"},
	{name: "empty", in: "", code: "phone_invalid"},
	{name: "only punctuation", in: "+-()", code: "phone_invalid"},
	{name: "pasted paragraph", in: strings.Repeat("0812 ", 20), code: "phone_too_long"},
}

func TestParseMobile(t *testing.T) {
	for _, c := range phoneCases {
		t.Run(c.name, func(t *testing.T) {
			got, err := loket.ParseMobile(c.in)
			checkCase(t, c, got, err)
		})
	}
}

var countCases = []validationCase{
	{name: "plain", in: "500", want: "500"},
	{name: "with orang", in: "500 orang", want: "500"},
	{name: "with peserta", in: "500 Peserta", want: "500"},
	{name: "about", in: "sekitar 500 orang", want: "500"},
	{name: "kurang lebih", in: "kurang lebih 300", want: "300"},
	{name: "plus-minus sign", in: "±250", want: "250"},
	{name: "dot thousands", in: "1.000", want: "1000"},
	{name: "comma thousands", in: "1,000", want: "1000"},
	{name: "zero decimals", in: "1.000,00", want: "1000"},
	{name: "leading zeros", in: "007", want: "7"},
	{name: "the minimum", in: "1", want: "1"},
	{name: "word", in: "abc", code: "count_not_number", args: []any{1, 1000}},
	{name: "number in words", in: "lima ratus", code: "count_not_number"},
	{name: "empty", in: "", code: "count_not_number"},
	{name: "zero", in: "0", code: "count_too_small", args: []any{"0", 1, 1000}},
	{name: "negative", in: "-5", code: "count_too_small", args: []any{"-5", 1, 1000}},
	{name: "above max", in: "1001", code: "count_too_large", args: []any{"1001", 1, 1000}},
	{name: "thousands above max", in: "2.000 peserta", code: "count_too_large"},
	{name: "huge", in: "99999999999999999999999", code: "count_too_large"},
	{name: "huge negative", in: "-99999999999999999999999", code: "count_too_small"},
	{name: "decimal point", in: "2.5", code: "count_fraction", args: []any{"2.5", 1, 1000}},
	{name: "decimal comma", in: "2,5", code: "count_fraction"},
	{name: "zero point five", in: "0.500", code: "count_fraction"},
	{name: "range with hyphen", in: "50-100", code: "count_range"},
	{name: "range in words", in: "50 sampai 100", code: "count_range"},
	{name: "bad grouping", in: "1.00.0", code: "count_not_number"},
	{name: "pasted paragraph", in: strings.Repeat("5", 300), code: "count_not_number"},
}

func TestParseCount(t *testing.T) {
	for _, c := range countCases {
		t.Run(c.name, func(t *testing.T) {
			n, err := ParseCount(c.in, 1, 1000)
			checkCase(t, c, strconv.Itoa(n), err)
		})
	}
}

var textCases = []validationCase{
	{name: "tidied", in: "  Seminar   Nasional \n\t TI  ", want: "Seminar Nasional TI"},
	{name: "no-break space", in: "Seminar\u00a0Nasional", want: "Seminar Nasional"},
	{name: "zero-width removed not spaced", in: "Semi\u200bnar\u2060 Nasional\ufeff", want: "Seminar Nasional"},
	{name: "emoji inside", in: "🎉 Seminar 🎉", want: "🎉 Seminar 🎉"},
	{name: "digits only", in: "2026", want: "2026"},
	{name: "NUL", in: "Seminar\x00Nasional", code: "text_control"},
	{name: "escape", in: "Seminar\x1b[31m", code: "text_control"},
	{name: "invalid UTF-8", in: "Seminar \xff", code: "text_control"},
	{name: "emoji only", in: "🎉🎉 🙏", code: "text_no_letters"},
	{name: "punctuation only", in: "...", code: "text_no_letters"},
	{name: "zero-width only", in: "\u200b\u200c\u200d", code: "text_empty"},
	{name: "blank", in: " \n ", code: "text_empty"},
	{name: "too short", in: " ab ", code: "text_too_short", args: []any{2, 3}},
	{name: "too long", in: strings.Repeat("kata ", 30), code: "text_too_long", args: []any{149, 100}},
}

func TestCleanText(t *testing.T) {
	for _, c := range textCases {
		t.Run(c.name, func(t *testing.T) {
			got, err := CleanText(c.in, 3, 100)
			checkCase(t, c, got, err)
		})
	}
}

var usernameCases = []validationCase{
	{name: "plain", in: "semnas-ti2026", want: "semnas-ti2026"},
	{name: "capitals and spaces around", in: "  SemNas.TI2026 ", want: "semnas.ti2026"},
	{name: "own domain stripped", in: "semnas-ti2026@mail.uns.ac.id", want: "semnas-ti2026"},
	{name: "own domain in capitals", in: "SEMNAS@MAIL.UNS.AC.ID", want: "semnas"},
	{name: "other domain", in: "semnas@gmail.com", code: "username_domain", args: []any{"gmail.com", "mail.uns.ac.id"}},
	{name: "staff domain", in: "semnas@staff.uns.ac.id", code: "username_domain"},
	{name: "space inside", in: "semnas ti", code: "username_space"},
	{name: "underscore", in: "semnas_ti", code: "username_chars", args: []any{"_"}},
	{name: "accented", in: "sémnas", code: "username_chars", args: []any{"é"}},
	{name: "Kelvin sign does not fold to k", in: "\u212Aab", code: "username_chars"},
	{name: "two characters", in: "ab", code: "username_length", args: []any{2}},
	{name: "31 characters", in: strings.Repeat("a", 31), code: "username_length", args: []any{31}},
	{name: "only the domain", in: "@mail.uns.ac.id", code: "username_length", args: []any{0}},
	{name: "starts with a digit", in: "2026semnas", code: "username_start"},
	{name: "starts with a dot", in: ".semnas", code: "username_start"},
	{name: "double dot", in: "semnas..ti", code: "username_double_punct", args: []any{".."}},
	{name: "dot hyphen", in: "semnas.-ti", code: "username_double_punct"},
	{name: "ends with hyphen", in: "semnas-", code: "username_end"},
	{name: "ends with dot", in: "semnas.", code: "username_end"},
	{name: "pasted paragraph", in: strings.Repeat("semnas ", 40), code: "username_length"},
}

func TestParseUsername(t *testing.T) {
	for _, c := range usernameCases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseUsername(c.in, "mail.uns.ac.id")
			checkCase(t, c, got, err)
		})
	}
}

func FuzzParseNIP(f *testing.F) {
	for _, c := range nipCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		nip, err := ParseNIP(s, validationNow)
		if err != nil {
			checkValidationError(t, s, err)
			return
		}
		if len(nip) != 18 || !loket.IsDigits(nip) {
			t.Fatalf("ParseNIP(%q) = %q, not 18 digits", s, nip)
		}
		for _, again := range []string{nip, FormatNIP(nip)} {
			if got, err := ParseNIP(again, validationNow); err != nil || got != nip {
				t.Fatalf("ParseNIP(%q) = %q, %v; want %q", again, got, err, nip)
			}
		}
	})
}

func FuzzParseEmail(f *testing.F) {
	for _, c := range emailCases {
		f.Add(c.in, true)
	}
	f.Add("Budi@Gmail.com", false)
	f.Fuzz(func(t *testing.T, s string, allowList bool) {
		var domains []string
		if allowList {
			domains = unsDomains
		}
		addr, err := ParseEmail(s, domains)
		if err != nil {
			checkValidationError(t, s, err)
			return
		}
		if addr != asciiLower(addr) || len(addr) > maxEmail || strings.Count(addr, "@") != 1 {
			t.Fatalf("ParseEmail(%q) = %q, not a lower-case address", s, addr)
		}
		if got, err := ParseEmail(addr, domains); err != nil || got != addr {
			t.Fatalf("ParseEmail(%q) = %q, %v; want it unchanged", addr, got, err)
		}
	})
}

func FuzzParseMobile(f *testing.F) {
	for _, c := range phoneCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		phone, err := loket.ParseMobile(s)
		if err != nil {
			checkValidationError(t, s, err)
			return
		}
		if !strings.HasPrefix(phone, "+628") || !loket.IsDigits(phone[1:]) {
			t.Fatalf("ParseMobile(%q) = %q, not an Indonesian mobile in E.164", s, phone)
		}
		if got, err := loket.ParseMobile(phone); err != nil || got != phone {
			t.Fatalf("ParseMobile(%q) = %q, %v; want it unchanged", phone, got, err)
		}
	})
}

func FuzzParseCount(f *testing.F) {
	for _, c := range countCases {
		f.Add(c.in, 1, 1000)
	}
	f.Add("0", 0, 1_000_000)
	f.Fuzz(func(t *testing.T, s string, min, max int) {
		n, err := ParseCount(s, min, max)
		if err != nil {
			checkValidationError(t, s, err)
			return
		}
		if n < min || n > max {
			t.Fatalf("ParseCount(%q, %d, %d) = %d, out of bounds", s, min, max, n)
		}
		if got, err := ParseCount(strconv.Itoa(n), min, max); err != nil || got != n {
			t.Fatalf("ParseCount(%d) = %d, %v; want it unchanged", n, got, err)
		}
	})
}

func FuzzCleanText(f *testing.F) {
	for _, c := range textCases {
		f.Add(c.in, 3, 100)
	}
	f.Fuzz(func(t *testing.T, s string, min, max int) {
		out, err := CleanText(s, min, max)
		if err != nil {
			checkValidationError(t, s, err)
			return
		}
		n := utf8.RuneCountInString(out)
		if n < min || max > 0 && n > max || n == 0 {
			t.Fatalf("CleanText(%q, %d, %d) = %q: %d characters, out of bounds", s, min, max, out, n)
		}
		if out != strings.TrimSpace(out) || strings.Contains(out, "  ") {
			t.Fatalf("CleanText(%q) = %q, not tidied", s, out)
		}
		for _, r := range out {
			if isInvisible(r) || unicode.IsControl(r) || unicode.IsSpace(r) && r != ' ' {
				t.Fatalf("CleanText(%q) = %q keeps %U", s, out, r)
			}
		}
		if again, err := CleanText(out, min, max); err != nil || again != out {
			t.Fatalf("CleanText(%q) = %q, %v; want it unchanged", out, again, err)
		}
	})
}

func FuzzParseUsername(f *testing.F) {
	for _, c := range usernameCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseUsername(s, "mail.uns.ac.id")
		if err != nil {
			checkValidationError(t, s, err)
			return
		}
		if got, err := ParseUsername(u, "mail.uns.ac.id"); err != nil || got != u {
			t.Fatalf("ParseUsername(%q) = %q, %v; want it unchanged", u, got, err)
		}
		if got, err := ParseUsername(u+"@mail.uns.ac.id", "mail.uns.ac.id"); err != nil || got != u {
			t.Fatalf("ParseUsername(%q) = %q, %v; want %q", u+"@mail.uns.ac.id", got, err, u)
		}
	})
}
