package loket

// What the rooms ask of storage: the records a store takes and the errors it returns.
// The store package implements them; conversation and backoffice name only these.

import (
	"errors"
	"fmt"
	"time"
)

// ErrNotFound is returned when a looked-up row does not exist (or is not the asker's).
var ErrNotFound = errors.New("loket: not found")

// ErrMoved is returned by MoveRequest when the request is no longer in the status the
// move started from: someone else acted first.
var ErrMoved = errors.New("loket: request changed meanwhile")

// ErrLastPimpinan is returned by RemoveStaff when the removal would leave no
// pimpinan: nobody could then disposition requests or manage staff by chat. The store
// decides it in the removal's own transaction, so two pimpinans removing each other
// at once cannot both succeed.
var ErrLastPimpinan = errors.New("loket: the only pimpinan cannot be removed: add another pimpinan first")

// Move is one step of a request's lifecycle, with everyone it must notify.
type Move struct {
	RequestID int64
	From, To  Status
	Actor     string // E.164 of the staff member or applicant
	Role      string
	Note      string
	// Assignee, when set, is the staff member the request is dispositioned to.
	Assignee string
	At       time.Time
	Notify   []Notification
	// AskQuestionnaire opens the applicant's questionnaire (on done).
	AskQuestionnaire bool
	// Handled, when set, is the message that made the move: its replies are
	// recorded with it.
	Handled *Handled
}

// Announcer composes the notifications a request (re)entering submitted causes: the
// admins are told. It is given the staff as they are inside the filing transaction
// and must do no I/O of its own: a second pool connection taken while the
// transaction holds one can wedge a small pool. r.Status is the status the request
// comes from: "" for a new request, revision for a corrected one. r.Ref may be a
// placeholder for a reference drawn in the same round trip: the notifications' texts
// must quote it as given, and the store puts the reference in its place.
type Announcer func(r *Request, staff []Staff) []Notification

// Welcomer composes what a staff member is told on being given a role they did not
// hold: what already waits for it (a request filed before any admin was registered
// was announced to nobody). It is given the member as they are after the change, the
// new role, and the requests in Lifecycles.AwaitingStaff statuses, oldest first, as they
// are inside the staff change's transaction; like Announcer it must do no I/O of its
// own. It is not called for a role the member held already, so adding them again
// tells them nothing twice.
type Welcomer func(s Staff, role Role, awaiting []*Request) []Notification

// ErrLetterGone is returned when the draft's letter is no longer stored (a draft kept
// past the clean-up of abandoned letters): the applicant is asked for it again.
var ErrLetterGone = errors.New("loket: the draft's letter is no longer stored")

// TakenError is returned when a request is filed with a unique field's value that
// another open or completed request already holds.
type TakenError struct{ Key, Value string }

func (e *TakenError) Error() string {
	return fmt.Sprintf("loket: %s %q is already taken", e.Key, e.Value)
}

// Count is how many requests of a service are in a status.
type Count struct {
	Service string
	Status  Status
	N       int
}

// QuestionnaireKey is the NotifyOnce key of a questionnaire's one reminder.
func QuestionnaireKey(requestID int64) string { return fmt.Sprintf("questionnaire:%d", requestID) }

// Handled is a message whose handling writes to PostgreSQL: its replies are recorded
// on its inbox row in the same transaction as the change, so a crash between the
// change and the reply can never make the change happen twice (a replay sends the
// recorded replies instead).
type Handled struct {
	Seq     int64
	Replies []Reply
}
