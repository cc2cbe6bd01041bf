package loket

import (
	"fmt"
	"regexp"
	"strings"
)

// A request's reference is its service's code, the year it was filed (in Jakarta)
// and its number within that year: ZM-2026-0007. People type it in any case.

// RefWord is the pattern of a reference inside a text, for finding references in
// what someone wrote or quoted.
const RefWord = `[A-Za-z]{2,4}-\d{4}-\d{4,}`

var refShape = regexp.MustCompile(`^` + RefWord + `$`)

// FormatRef writes the reference of request number n of service in year.
func FormatRef(service string, year, n int) string {
	return fmt.Sprintf("%s-%d-%04d", service, year, n)
}

// ParseRef reads a typed reference ("zm-2026-0007") and returns it as references
// are stored, upper-case; false when s is not one.
func ParseRef(s string) (string, bool) {
	if !refShape.MatchString(s) {
		return "", false
	}
	return strings.ToUpper(s), true
}

// IsCancelWord reports whether an applicant's word withdraws something: a draft in
// the dialog, or a filed request ("batal ZM-2026-0007") at the back office.
func IsCancelWord(w string) bool {
	switch w {
	case "batal", "batalkan", "cancel":
		return true
	}
	return false
}
