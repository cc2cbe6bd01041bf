package store

import "github.com/uns-dtik/loket"

// DB and Sessions are the storage the root's interfaces describe: these assertions
// make a change of one side that the other does not follow a compile error here.
var (
	_ loket.ApplicantRequests  = (*DB)(nil)
	_ loket.LetterStore        = (*DB)(nil)
	_ loket.ZoomRoster         = (*DB)(nil)
	_ loket.QuestionnaireStore = (*DB)(nil)
	_ loket.StaffStore         = (*DB)(nil)
	_ loket.DeskRequests       = (*DB)(nil)
	_ loket.LifecycleStore     = (*DB)(nil)
	_ loket.Notifier           = (*DB)(nil)
	_ loket.ReminderStore      = (*DB)(nil)
	_ loket.ReportStore        = (*DB)(nil)
	_ loket.LicencePool        = (*DB)(nil)
	_ loket.SessionStore       = (*Sessions)(nil)
)
