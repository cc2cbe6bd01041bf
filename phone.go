package loket

import (
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
)

// Phone numbers are read in one place, so that a number a pimpinan types in /staf, an
// admin types at the shell, an applicant gives the dialog and a staff member searches
// for are always the same number.
//
// The rule is Indonesian first, as DTIK's admin reads a number: without a country code
// it is Indonesian — 0812…, 62812…, and 812… with its leading 0 dropped, as people
// often type it — so "81100000001" is +62 811-0000-0001, never a number in Japan
// (+81). Only a "+" (or the international prefix 00) introduces another country.

// The refusals of a phone number, with what the sender typed; text_id.go and
// text_en.go say them.
type (
	phoneTooLong   struct{}
	phoneInvalid   struct{}
	phoneLength    struct{ Digits int }      // digits typed
	phoneForeign   struct{ CountryCode int } // e.g. 60 for Malaysia
	phoneNotMobile struct{ National string } // the number as Indonesians write it: 021-5551234
)

// maxPhone bounds a phone number as typed: "+62 (812) 3456-7890" with room to spare.
const maxPhone = 40

// ParsePhone reads a phone number of any country (see the rule above) and returns it
// in E.164 ("+6281234567890"). Spaces, dashes, dots, brackets and slashes are ignored.
// A number that is not a valid one is a *Refusal: too long to be a number, not one,
// or of the wrong length (with the number of digits typed).
func ParsePhone(s string) (string, error) {
	num, digits, err := readPhone(s)
	if err != nil {
		return "", err
	}
	if !phonenumbers.IsValidNumber(num) {
		return "", invalidPhone(num, digits)
	}
	return phonenumbers.Format(num, phonenumbers.E164), nil
}

// ParseMobile is ParsePhone for an applicant's contact number, which must be an
// Indonesian mobile: another country is refused with its code, a landline or
// toll-free number with the number written as Indonesians write it.
func ParseMobile(s string) (string, error) {
	num, digits, err := readPhone(s)
	if err != nil {
		return "", err
	}
	// Checked before validity: "+1 415 555 2671" is foreign, whatever else it is.
	if cc := num.GetCountryCode(); cc != 62 {
		return "", Refuse(phoneForeign{CountryCode: int(cc)})
	}
	if !phonenumbers.IsValidNumber(num) {
		return "", invalidPhone(num, digits)
	}
	if phonenumbers.GetRegionCodeForNumber(num) != "ID" {
		return "", Refuse(phoneForeign{CountryCode: 62})
	}
	switch phonenumbers.GetNumberType(num) {
	case phonenumbers.MOBILE, phonenumbers.FIXED_LINE_OR_MOBILE:
		return phonenumbers.Format(num, phonenumbers.E164), nil
	}
	return "", Refuse(phoneNotMobile{National: phonenumbers.Format(num, phonenumbers.NATIONAL)})
}

// NormalizePhone is ParsePhone's number, or "" when s is not one: for callers that
// only ask "is this a number, and which" (a search, a staff command's argument).
func NormalizePhone(s string) string {
	phone, err := ParsePhone(s)
	if err != nil {
		return ""
	}
	return phone
}

// readPhone checks that s is written as a phone number and parses it, Indonesia being
// the region of a number without a country code; digits counts the digits typed.
func readPhone(s string) (*phonenumbers.PhoneNumber, int, error) {
	invisible := func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }
	s = strings.TrimFunc(s, invisible)
	if len(s) > maxPhone {
		return nil, 0, Refuse(phoneTooLong{})
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" -.()/+", r) || invisible(r):
		default:
			return nil, 0, Refuse(phoneInvalid{})
		}
	}
	if digits == 0 {
		return nil, 0, Refuse(phoneInvalid{})
	}
	num, err := phonenumbers.Parse(s, "ID")
	if err != nil {
		if err == phonenumbers.ErrTooShortNSN || err == phonenumbers.ErrTooShortAfterIDD || err == phonenumbers.ErrNumTooLong {
			return nil, 0, Refuse(phoneLength{Digits: digits})
		}
		return nil, 0, Refuse(phoneInvalid{})
	}
	return num, digits, nil
}

// invalidPhone says why a parsed number is not valid: its length, when that is the
// reason, so the sender knows to count the digits again.
func invalidPhone(num *phonenumbers.PhoneNumber, digits int) error {
	// Indonesian mobile numbers are 8 followed by 8 to 11 digits.
	if nsn := phonenumbers.GetNationalSignificantNumber(num); num.GetCountryCode() == 62 &&
		strings.HasPrefix(nsn, "8") && (len(nsn) < 9 || len(nsn) > 12) {
		return Refuse(phoneLength{Digits: digits})
	}
	switch phonenumbers.IsPossibleNumberWithReason(num) {
	case phonenumbers.TOO_SHORT, phonenumbers.TOO_LONG, phonenumbers.INVALID_LENGTH:
		return Refuse(phoneLength{Digits: digits})
	}
	return Refuse(phoneInvalid{})
}

// ChatOf is the chat of a number in E.164: WhatsApp's international digits, without
// "+" (see Message.Chat).
func ChatOf(phone string) string { return strings.TrimPrefix(phone, "+") }
