package loket

// The storage the rooms need, cut by concern. Each interface is a view of one
// concern with the methods its callers use; a room composes the views it needs
// (conversation.Store, backoffice.Store, backoffice.ScheduleStore, bot.RuntimeStore),
// so what a room touches is written once in its type. store.DB and store.Sessions
// implement them on PostgreSQL and Redis; memstore implements them in memory for the
// rooms' unit tests; storetest.Contract holds both to the same behaviour.
//
// Timeline and Awaiting appear in two views each: the applicant and the staff both
// read a request's trail, and the reports and the reminders both list what waits on
// staff. Go lets a composition embed the same method twice.

import (
	"context"
	"errors"
	"time"
)

// ErrConflict is returned by SessionStore.Save when the session changed since it was
// loaded: another handling of the same chat won, and this one must start again.
var ErrConflict = errors.New("loket: session changed meanwhile")

// SessionStore keeps each chat's dialog session as opaque bytes with a version, so two
// handlings of one chat can never silently overwrite each other.
type SessionStore interface {
	// Load returns chat's session and its version; a chat with no session gets nil, 0.
	Load(ctx context.Context, chat string) ([]byte, int64, error)
	// Save stores chat's session if it is still at version (as Load returned it) and
	// sets its time to live; otherwise it returns ErrConflict.
	Save(ctx context.Context, chat string, data []byte, version int64, ttl time.Duration) error
}

// ApplicantRequests is a request as the applicant's dialog sees it: filed from a
// draft, looked up only by the chat that filed it.
type ApplicantRequests interface {
	// FileRequest creates a request in StatusSubmitted with a reference
	// <service>-<year in Jakarta>-<NNNN>, links its letter (ErrLetterGone when the
	// draft's letter is not the chat's or is no longer stored), checks n.Unique
	// (*TakenError), records the filing event and writes announce's notifications,
	// all at once. The same DraftID filed again returns the first request.
	FileRequest(ctx context.Context, n NewRequest, now time.Time, announce Announcer) (*Request, error)
	// ChatRequest returns the request with reference ref if chat filed it, else
	// ErrNotFound: a reference never leaks who asked for what.
	ChatRequest(ctx context.Context, chat, ref string) (*Request, error)
	// ChatRequests returns up to limit requests chat filed, newest first, without letters.
	ChatRequests(ctx context.Context, chat string, limit int) ([]*Request, error)
	// Timeline returns a request's audit trail, oldest first.
	Timeline(ctx context.Context, requestID int64) ([]Event, error)
	// FieldTaken reports whether a request that claims its values
	// (Requests.Claiming), other than except, holds value in field key.
	FieldTaken(ctx context.Context, key, value string, except int64) (bool, error)
}

// LetterStore keeps the letters of drafts until their request is filed.
type LetterStore interface {
	// AddLetter stores a checked letter for chat, held by no request yet, and returns
	// its ID; the same inbox message (seq, when not 0) stored again returns the
	// first ID.
	AddLetter(ctx context.Context, chat string, seq int64, l Letter) (int64, error)
	// DropLetters deletes chat's letters with those IDs that no request holds.
	DropLetters(ctx context.Context, chat string, ids []int64) error
}

// ZoomRoster is the list of UNS Zoom users that SOP#18 checks an applicant against.
type ZoomRoster interface {
	// InZoomRoster reports whether a roster is loaded and, if so, whether email
	// (in any case) is on it.
	InZoomRoster(ctx context.Context, email string) (loaded, found bool, err error)
}

// QuestionnaireStore is the applicant's side of the questionnaire after done.
type QuestionnaireStore interface {
	// OpenQuestionnaire returns chat's oldest unanswered questionnaire asked after
	// since, or nil, as it stood before inbox message seq: one that seq answered
	// already is returned at the step seq answered, so a replay meets the same question.
	OpenQuestionnaire(ctx context.Context, chat string, since time.Time, seq int64) (*Questionnaire, error)
	// AnswerQuestionnaire records answer (a rating, a comment, nil to skip) to step,
	// given by seq, and moves on; the last step closes it. A step answered already
	// changes nothing.
	AnswerQuestionnaire(ctx context.Context, requestID int64, step int, answer any, now time.Time, seq int64) error
}

// StaffDirectory answers who the staff are.
type StaffDirectory interface {
	// StaffByPhone returns the staff member with that E.164 number, or ErrNotFound.
	StaffByPhone(ctx context.Context, phone string) (*Staff, error)
	// ListStaff returns every staff member with their roles (in the order of Roles),
	// by name, then number.
	ListStaff(ctx context.Context) ([]Staff, error)
}

// StaffStore is the staff directory the back office also changes (/staf).
type StaffStore interface {
	StaffDirectory
	// AddStaff gives phone the role (adding the person if new) and names them, with
	// h's replies recorded when h is set and, when the role is new to them and
	// welcome is set, welcome's notifications written, all at once.
	AddStaff(ctx context.Context, phone string, role Role, name string, h *Handled, welcome Welcomer) error
	// RemoveStaff takes role from phone, or every role when role is empty, and
	// returns how many it took (0: none held). It returns ErrLastPimpinan, taking
	// nothing, when that would leave no pimpinan, decided in the removal's own
	// transaction.
	RemoveStaff(ctx context.Context, phone string, role Role, h *Handled) (int, error)
}

// DeskRequests is a request as the staff see it: anyone's, by reference, by the
// notification it was quoted from, or by queue.
type DeskRequests interface {
	// RequestByRef returns the request with reference ref, or ErrNotFound.
	RequestByRef(ctx context.Context, ref string) (*Request, error)
	// RequestByMessageID returns the request a notification with that WhatsApp
	// message ID was about (a staff reply quoting it), or ErrNotFound.
	RequestByMessageID(ctx context.Context, msgID string) (*Request, error)
	// Timeline returns a request's audit trail, oldest first.
	Timeline(ctx context.Context, requestID int64) ([]Event, error)
	// Queue returns the requests in statuses, oldest change first, at most limit
	// (0: all); with assignee set, only those dispositioned to them.
	Queue(ctx context.Context, statuses []Status, assignee string, limit int) ([]*Request, error)
}

// LifecycleStore records the moves the lifecycle machine decided. It checks only the
// optimistic from-status: a request no longer in Move.From is ErrMoved.
type LifecycleStore interface {
	// MoveRequest applies m at once: status (and assignee), audit event, the
	// questionnaire when asked, notifications, and m.Handled's replies.
	MoveRequest(ctx context.Context, m Move) error
	// ResubmitRequest files n's corrections to the request m moves out of revision,
	// as FileRequest files a draft; ErrMoved when the request is not n.Chat's or no
	// longer in m.From. The same draft again returns the request as it is.
	ResubmitRequest(ctx context.Context, n NewRequest, m Move, announce Announcer) (*Request, error)
}

// Notifier writes notifications that no status change causes (a letter sent again,
// the admins told the bot is back), with h's replies recorded when h is set.
type Notifier interface {
	Notify(ctx context.Context, requestID int64, n []Notification, at time.Time, h *Handled) error
}

// ReminderStore is what time, not people, sends from: reminders, the digest and the
// questionnaire's one reminder, each written at most once.
type ReminderStore interface {
	// Awaiting returns every request in statuses, oldest first.
	Awaiting(ctx context.Context, statuses []Status) ([]*Request, error)
	// NotifyOnce writes notes unless key was written before, and reports whether it did.
	NotifyOnce(ctx context.Context, key string, requestID int64, notes []Notification, at time.Time) (bool, error)
	// UnansweredQuestionnaires returns the open questionnaires asked in (from, to]
	// whose reminder (QuestionnaireKey) was not written yet, oldest first.
	UnansweredQuestionnaires(ctx context.Context, from, to time.Time) ([]Questionnaire, error)
}

// ReportStore is what the staff's search and statistics read.
type ReportStore interface {
	// Search returns up to limit requests whose reference, applicant name or number
	// (also as typed: 0812…), or any answer contains text, in any case; newest first.
	Search(ctx context.Context, text string, limit int) ([]*Request, error)
	// Counts returns how many requests each service has in each status.
	Counts(ctx context.Context) ([]Count, error)
	// StageMedians returns, per status a request of one of services left, the
	// median time it stayed: one lifecycle's services at a time, since a status
	// (submitted) means another wait in another table.
	StageMedians(ctx context.Context, services []string) (map[Status]time.Duration, error)
	// QuestionnaireAverages returns the mean of each rating over the answered
	// questionnaires and how many there are.
	QuestionnaireAverages(ctx context.Context) (speed, ease, satisfaction float64, n int, err error)
	// Awaiting returns every request in statuses, oldest first.
	Awaiting(ctx context.Context, statuses []Status) ([]*Request, error)
}
