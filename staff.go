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
