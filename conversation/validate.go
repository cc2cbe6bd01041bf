package conversation

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/uns-dtik/loket"
)

// Validators turn what an applicant typed into a normalised value, or refuse it with a
// loket.Refusal of a sentence of refusals.go holding what was typed and the limits.
// They judge an answer as a careful admin would: forgiving about spacing and
// punctuation, strict about content.

// maxInput bounds the short answers (NIP, e-mail, phone, date, count, username): a
// longer message is refused at once instead of being taken apart.
const maxInput = 200

// maxEmail is the longest e-mail address SMTP allows (RFC 5321).
const maxEmail = 254

// isInvisible reports characters that carry no visible text: zero-width characters
// (U+200B–U+200D, U+2060, U+FEFF) and the bidirectional marks, embeddings and
// isolates that copying from other apps leaves behind. They are dropped silently.
func isInvisible(r rune) bool {
	switch {
	case r >= 0x200B && r <= 0x200F, r == 0x2060, r == 0xFEFF:
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// trimInput removes white space and invisible characters at both ends.
func trimInput(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || isInvisible(r) })
}

// asciiLower lower-cases A–Z only, so that no non-ASCII letter can fold into an
// ASCII one (the Kelvin sign K lower-cases to k under Unicode rules).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// shownRune renders a character for an error message: as itself when it is visible,
// otherwise as its code point.
func shownRune(r rune) string {
	if r == utf8.RuneError || !unicode.IsGraphic(r) || unicode.IsSpace(r) {
		return fmt.Sprintf("U+%04X", r)
	}
	return string(r)
}

// atoi converts a short run of ASCII digits; callers check the digits first.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// ParseEmail validates a bare e-mail address and returns it lower-cased. The address
// must be exactly what net/mail parses (no display name, comment or quoting), at most
// 254 bytes, with a local part of letters, digits and . _ - + ' and a domain of two or more labels of
// [a-z0-9-] (not starting or ending with '-') under an alphabetic top-level domain.
// When domains is not empty, the address's domain must be one of them.
func ParseEmail(s string, domains []string) (string, error) {
	s = trimInput(s)
	if len(s) > maxEmail {
		return "", loket.Refuse(emailTooLong{Max: maxEmail})
	}
	if len(s) > 7 && asciiLower(s[:7]) == "mailto:" {
		s = s[7:]
	}
	if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		return "", loket.Refuse(emailSpaces{})
	}
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return "", loket.Refuse(emailNoAt{})
	}
	local, domain := s[:at], asciiLower(s[at+1:])
	if !validDomain(domain) {
		return "", loket.Refuse(emailDomainInvalid{Domain: domain})
	}
	if local == "" || len(local) > 64 || strings.IndexFunc(local, notLocalChar) >= 0 {
		return "", loket.Refuse(emailInvalid{})
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return "", loket.Refuse(emailInvalid{})
	}
	addr := asciiLower(s)
	if len(domains) == 0 {
		return addr, nil
	}
	for _, d := range domains {
		if asciiLower(d) == domain {
			return addr, nil
		}
	}
	allowed := make([]string, len(domains))
	for i, d := range domains {
		allowed[i] = "@" + asciiLower(d)
	}
	return "", loket.Refuse(emailDomain{Domain: domain, Allowed: strings.Join(allowed, ", "), Example: asciiLower(local) + "@" + asciiLower(domains[0])})
}

// notLocalChar reports a character that real mailboxes (Google Workspace, which UNS
// uses, among them) do not use before the @, although RFC 5322 allows many more
// ("{", "|", "!"). Letters, digits, dot, underscore, hyphen, plus and apostrophe pass.
func notLocalChar(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-+'", r))
}

// validDomain reports whether d (lower case) is a host name of two or more labels of
// [a-z0-9-]{1,63}, none starting or ending with '-', the last alphabetic and >= 2 long.
func validDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(labels) < 2 || len(d) > 253 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	for i := 0; i < len(tld); i++ {
		if tld[i] < 'a' || tld[i] > 'z' {
			return false
		}
	}
	return len(tld) >= 2
}

// countPrefixes and countUnits are the words around a number that an applicant may
// add ("sekitar 500 orang"); they are ignored.
var (
	countPrefixes = map[string]bool{
		"sekitar": true, "kurang": true, "lebih": true, "kira-kira": true, "kurleb": true,
		"kl": true, "±": true, "+/-": true, "+-": true, "~": true, "about": true,
		"around": true, "approximately": true, "approx": true, "approx.": true,
		"jumlah": true, "total": true, "maksimal": true, "maks": true, "maks.": true,
		"max": true, "max.": true,
	}
	countUnits = map[string]bool{
		"orang": true, "org": true, "peserta": true, "pengguna": true, "user": true,
		"users": true, "people": true, "persons": true, "person": true,
		"participants": true, "participant": true, "pax": true, "akun": true,
		"accounts": true, "lisensi": true, "licences": true, "licenses": true,
	}
)

// ParseCount reads a whole number between min and max inclusive. It accepts
// "500", "500 orang", "sekitar 500 peserta" and thousands separators in either
// convention ("1.000", "1,000"); "2.5" is refused as a fraction.
func ParseCount(s string, min, max int) (int, error) {
	s = trimInput(s)
	if len(s) > maxInput {
		return 0, loket.Refuse(countNotNumber{Min: min, Max: max})
	}
	words := strings.Fields(strings.ToLower(s))
	for len(words) > 1 && countPrefixes[words[0]] {
		words = words[1:]
	}
	if len(words) > 1 && countUnits[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	if len(words) != 1 {
		if len(words) == 3 && (words[1] == "-" || words[1] == "sampai" || words[1] == "s.d." || words[1] == "s/d" || words[1] == "to") {
			return 0, loket.Refuse(countRange{Min: min, Max: max})
		}
		return 0, loket.Refuse(countNotNumber{Min: min, Max: max})
	}
	tok := strings.TrimLeft(words[0], "±~")
	negative := strings.HasPrefix(tok, "-")
	tok = strings.TrimPrefix(strings.TrimPrefix(tok, "-"), "+")
	digits, fraction, ok := countDigits(tok)
	if fraction {
		return 0, loket.Refuse(countFraction{Typed: words[0], Min: min, Max: max})
	}
	if !ok {
		if i := strings.IndexByte(tok, '-'); i > 0 && loket.IsDigits(tok[:i]) && loket.IsDigits(tok[i+1:]) {
			return 0, loket.Refuse(countRange{Min: min, Max: max})
		}
		return 0, loket.Refuse(countNotNumber{Min: min, Max: max})
	}
	digits = strings.TrimLeft(digits, "0")
	if len(digits) > 15 {
		if negative {
			return 0, loket.Refuse(countTooSmall{Typed: words[0], Min: min, Max: max})
		}
		return 0, loket.Refuse(countTooLarge{Typed: words[0], Min: min, Max: max})
	}
	n := atoi(digits)
	if negative {
		n = -n
	}
	if n < min {
		return 0, loket.Refuse(countTooSmall{Typed: words[0], Min: min, Max: max})
	}
	if n > max {
		return 0, loket.Refuse(countTooLarge{Typed: words[0], Min: min, Max: max})
	}
	return n, nil
}

// countDigits takes a number written with optional thousands separators and returns
// its digits. A decimal part of zeros ("1.000,00") is dropped; any other decimal part
// makes it a fraction.
func countDigits(tok string) (digits string, fraction, ok bool) {
	if loket.IsDigits(tok) {
		return tok, false, true
	}
	dot, comma := strings.LastIndexByte(tok, '.'), strings.LastIndexByte(tok, ',')
	if dot >= 0 && comma >= 0 {
		// Both separators: the later one marks the decimals.
		i := max(dot, comma)
		whole, dec := tok[:i], tok[i+1:]
		if !loket.IsDigits(dec) {
			return "", false, false
		}
		d, frac, ok := countDigits(whole)
		if !ok || frac || strings.ContainsRune(whole, rune(tok[i])) {
			return "", false, false
		}
		if strings.Trim(dec, "0") != "" {
			return "", true, false
		}
		return d, false, true
	}
	sep := "."
	if comma >= 0 {
		sep = ","
	}
	groups := strings.Split(tok, sep)
	thousands := len(groups[0]) >= 1 && len(groups[0]) <= 3 && groups[0][0] != '0'
	for i, g := range groups {
		if !loket.IsDigits(g) {
			return "", false, false
		}
		if i > 0 && len(g) != 3 {
			thousands = false
		}
	}
	if thousands {
		return strings.Join(groups, ""), false, true
	}
	// One separator with digits on both sides that is not a thousands group: "2.5".
	return "", len(groups) == 2, false
}
