package conversation

import "time"

// The refusals of the validators (validate*.go), one type each with what the
// applicant typed and the limits it broke; refusals_id.go and refusals_en.go say
// each as what a valid answer looks like.
type (
	nipTooLong           struct{}
	nipNotDigits         struct{ Char string }
	nipLength            struct{ Digits int }
	nipBirthDate         struct{ Typed string }
	nipAppointment       struct{ Typed string }
	nipAppointmentFuture struct {
		Year  int
		Month time.Month
	}
	nipAppointmentAge struct {
		Year  int
		Month time.Month
		Born  time.Time
	}
	nipGender          struct{ Typed string }
	nipSerial          struct{}
	emailTooLong       struct{ Max int }
	emailSpaces        struct{}
	emailNoAt          struct{}
	emailDomainInvalid struct{ Domain string }
	emailInvalid       struct{}
	emailDomain        struct {
		Domain  string
		Allowed string
		Example string
	}
	countNotNumber struct {
		Min int
		Max int
	}
	countRange struct {
		Min int
		Max int
	}
	countFraction struct {
		Typed string
		Min   int
		Max   int
	}
	countTooSmall struct {
		Typed string
		Min   int
		Max   int
	}
	countTooLarge struct {
		Typed string
		Min   int
		Max   int
	}
	textControl   struct{}
	textEmpty     struct{}
	textNoLetters struct{}
	textTooShort  struct {
		Length int
		Min    int
	}
	textTooLong struct {
		Length int
		Max    int
	}
	usernameLength struct{ Length int }
	usernameDomain struct {
		Typed  string
		Domain string
	}
	usernameSpace       struct{}
	usernameChars       struct{ Char string }
	usernameStart       struct{}
	usernameDoublePunct struct{ Typed string }
	usernameEnd         struct{}
	dateTooLong         struct{}
	dateUnrecognised    struct{}
	dateWeekdayOnly     struct{}
	dateUnknownMonth    struct{ Typed string }
	dateInvalidMonth    struct{ Typed string }
	dateNoDay           struct {
		Month time.Month
		Year  string
	}
	// dateNoLeapDay: "29 Februari" without a year, when the next one is not within
	// a year: Year is the year it would fall in, Leap the next leap year.
	dateNoLeapDay struct {
		Year int
		Leap int
	}
	// dateSundayOrWeek: "minggu" alone, which is Sunday or a week.
	dateSundayOrWeek struct{ Sunday time.Time }
	// dateWeek: "minggu depan", a week rather than a day.
	dateWeek struct {
		From time.Time
		To   time.Time
	}
	// dateWhichDay: a weekday phrase ("Jumat depan") that may mean either of two days.
	dateWhichDay struct {
		First  time.Time
		Second time.Time
	}
	dateBadYear    struct{ Typed string }
	dateInvalidDay struct {
		Day   int
		Month time.Month
		Year  int
		Days  int
	}
	dateWeekdayMismatch struct {
		Date  time.Time
		Typed time.Weekday
	}
)
