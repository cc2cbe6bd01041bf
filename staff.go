package loket

import "time"

// Role is what a DTIK staff member may do with requests. One person may hold several.
type Role string

// The staff roles of both SOPs' "Detail Proses Pelayanan".
const (
	RoleAdmin    Role = "admin"    // verifies the letter
	RolePimpinan Role = "pimpinan" // dispositions to staff, may reject
	RoleStaf     Role = "staf"     // does the work and declares it finished
)

// Roles lists every role, in the order a request meets them.
var Roles = []Role{RoleAdmin, RolePimpinan, RoleStaf}

// ValidRole reports whether r is one of Roles.
func ValidRole(r Role) bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Staff is a DTIK staff member, identified by phone number (never by display name).
type Staff struct {
	Phone string // E.164, e.g. +6281100000001
	Name  string
	Roles []Role
	Since time.Time
}

// Has reports whether the staff member holds role r.
func (s *Staff) Has(r Role) bool {
	for _, x := range s.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Notification is a message a request's change causes: written to the outbox in the
// same transaction as the change, delivered later by the sender worker.
type Notification struct {
	// Chat is the recipient, in the form of Message.Chat.
	Chat string
	Text string
	// LetterID, when set, sends the request's letter as a document captioned Text.
	LetterID int64
}

// NormalizePhone turns a number written as 0812…, 62812… or +62 812-… into E.164
// (+62812…), or returns "" when s is not a plausible number. It checks the shape only;
// the dialog's phone validator checks that a number is a real Indonesian mobile.
func NormalizePhone(s string) string {
	digits := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		case c == '+' || c == ' ' || c == '-' || c == '.':
		default:
			return ""
		}
	}
	if len(digits) > 0 && digits[0] == '0' {
		digits = append([]byte("62"), digits[1:]...)
	}
	if len(digits) < 9 || len(digits) > 15 {
		return ""
	}
	return "+" + string(digits)
}
