package conversation

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/uns-dtik/loket"
)

// The validators of words the applicant makes up: free text, and account names.

// CleanText tidies a free-text answer: invisible characters are removed, every run of
// white space (new lines included) becomes one space, and the ends are trimmed. It
// refuses control characters, text without any letter or digit, and text whose length
// in characters is outside [min, max] (max <= 0 means no upper bound).
func CleanText(s string, min, max int) (string, error) {
	if !utf8.ValidString(s) {
		return "", loket.Refuse(textControl{})
	}
	var b strings.Builder
	b.Grow(len(s))
	space, letters, n := false, false, 0
	for _, r := range s {
		switch {
		case isInvisible(r):
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r):
			return "", loket.Refuse(textControl{})
		}
		if space && n > 0 {
			b.WriteByte(' ')
			n++
		}
		space = false
		b.WriteRune(r)
		n++
		letters = letters || unicode.IsLetter(r) || unicode.IsNumber(r)
	}
	if n == 0 {
		return "", loket.Refuse(textEmpty{})
	}
	if !letters {
		return "", loket.Refuse(textNoLetters{})
	}
	if n < min {
		return "", loket.Refuse(textTooShort{Length: n, Min: min})
	}
	if max > 0 && n > max {
		return "", loket.Refuse(textTooLong{Length: n, Max: max})
	}
	return b.String(), nil
}

// ParseUsername validates the proposed user name of an account under domain (the part
// before "@"+domain, e.g. mail.uns.ac.id) and returns it lower-cased. A typed
// "@"+domain is removed; another domain is refused. The name is 3–30 characters of a–z, 0–9, '.'
// and '-', starts with a letter, ends with a letter or digit and never has two
// punctuation characters in a row.
func ParseUsername(s, domain string) (string, error) {
	s = trimInput(s)
	if len(s) > maxInput {
		return "", loket.Refuse(usernameLength{Length: utf8.RuneCountInString(s)})
	}
	s = asciiLower(s)
	if at := strings.LastIndexByte(s, '@'); at >= 0 {
		if typed := s[at+1:]; typed != asciiLower(domain) {
			return "", loket.Refuse(usernameDomain{Typed: typed, Domain: domain})
		}
		s = trimInput(s[:at])
	}
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || isInvisible(r):
			return "", loket.Refuse(usernameSpace{})
		case !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-'):
			return "", loket.Refuse(usernameChars{Char: shownRune(r)})
		}
	}
	if len(s) < 3 || len(s) > 30 {
		return "", loket.Refuse(usernameLength{Length: len(s)})
	}
	if s[0] < 'a' || s[0] > 'z' {
		return "", loket.Refuse(usernameStart{})
	}
	for i := 1; i < len(s); i++ {
		if (s[i] == '.' || s[i] == '-') && (s[i-1] == '.' || s[i-1] == '-') {
			return "", loket.Refuse(usernameDoublePunct{Typed: s[i-1 : i+1]})
		}
	}
	if c := s[len(s)-1]; c == '.' || c == '-' {
		return "", loket.Refuse(usernameEnd{})
	}
	return s, nil
}
