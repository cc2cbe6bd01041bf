package conversation

import (
	"fmt"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation/letter"
)

// The refusals in English, as refusals_id.go in Bahasa Indonesia.

// The validators' refusals.
func (nipTooLong) English() string {
	return "Your answer is too long for a NIP. Please send just the 18 digits of the NIP. Example: 19860926 201505 1 001"
}
func (m nipNotDigits) English() string {
	return fmt.Sprintf("A NIP has digits only, but your answer contains \"%s\" (check the letter O against the digit 0). Example: 19860926 201505 1 001", m.Char)
}
func (m nipLength) English() string {
	return fmt.Sprintf("A NIP has 18 digits (you sent %d). Example: 19860926 201505 1 001", m.Digits)
}
func (m nipBirthDate) English() string {
	return fmt.Sprintf("The first 8 digits of a NIP are the birth date (year, month, day), but %s is not a real date. Please check it. Example: 19860926 201505 1 001", m.Typed)
}
func (m nipAppointment) English() string {
	return fmt.Sprintf("Digits 9 to 14 of a NIP are the year and month of appointment, but %s is not a valid year and month. Please check it. Example: 19860926 201505 1 001", m.Typed)
}
func (m nipGender) English() string {
	return fmt.Sprintf("Digit 15 of a NIP is the sex code, 1 or 2, not %s. Please check it. Example: 19860926 201505 1 001", m.Typed)
}
func (nipSerial) English() string {
	return "The last 3 digits of a NIP are a serial number and cannot be 000. Please check it. Example: 19860926 201505 1 001"
}
func (m emailTooLong) English() string {
	return fmt.Sprintf("An e-mail address has at most %d characters. Please send just the address. Example: budi.santoso@staff.uns.ac.id", m.Max)
}
func (emailSpaces) English() string {
	return "An e-mail address cannot contain spaces. Please send just the address. Example: budi.santoso@staff.uns.ac.id"
}
func (emailNoAt) English() string {
	return "An e-mail address needs an @ and its domain. Example: budi.santoso@staff.uns.ac.id"
}
func (m emailDomainInvalid) English() string {
	return fmt.Sprintf("The part after the @ (\"%s\") is not a valid domain name. Please check it. Example: budi.santoso@staff.uns.ac.id", m.Domain)
}
func (emailInvalid) English() string {
	return "That is not a valid e-mail address. Send just the address, without a name or quotes, using letters, digits, dots, hyphens or underscores. Example: budi.santoso@staff.uns.ac.id"
}
func (m emailDomain) English() string {
	return fmt.Sprintf("An @%s address cannot be used for this service. Use an address at %s. Example: %s", m.Domain, m.Allowed, m.Example)
}
func (m countNotNumber) English() string {
	return fmt.Sprintf("Please type the number in digits, from %d to %d. Example: %[2]d", m.Min, m.Max)
}
func (m countRange) English() string {
	return fmt.Sprintf("Please type a single number (your highest estimate), from %d to %d, not a range. Example: %[2]d", m.Min, m.Max)
}
func (m countFraction) English() string {
	return fmt.Sprintf("The number must be whole, not a fraction (you wrote %s). Please type a number from %d to %d. Example: %[3]d", m.Typed, m.Min, m.Max)
}
func (m countTooSmall) English() string {
	return fmt.Sprintf("The number must be at least %[2]d (you wrote %[1]s). Please type a number from %[2]d to %[3]d. Example: %[3]d", m.Typed, m.Min, m.Max)
}
func (m countTooLarge) English() string {
	return fmt.Sprintf("The number can be at most %[3]d (you wrote %[1]s). Please type a number from %[2]d to %[3]d. Example: %[3]d", m.Typed, m.Min, m.Max)
}
func (textControl) English() string {
	return "Your answer contains characters that cannot be shown. Please type it again as plain text, e.g. National Seminar on Information Technology 2026"
}
func (textEmpty) English() string {
	return "The answer is empty. Please type your answer, e.g. National Seminar on Information Technology 2026"
}
func (textNoLetters) English() string {
	return "The answer must contain letters or digits, not only symbols or emoji. Please use words, e.g. National Seminar on Information Technology 2026"
}
func (m textTooShort) English() string {
	return fmt.Sprintf("The answer is too short (%d characters). Please give more detail, at least %d characters, e.g. National Seminar on Information Technology 2026", m.Length, m.Min)
}
func (m textTooLong) English() string {
	return fmt.Sprintf("The answer is too long (%d characters). Please shorten it to at most %d characters, e.g. National Seminar on Information Technology 2026", m.Length, m.Max)
}
func (m usernameLength) English() string {
	return fmt.Sprintf("The username must have 3 to 30 characters (you sent %d). Example: semnas-ti2026", m.Length)
}
func (m usernameDomain) English() string {
	return fmt.Sprintf("These accounts always end in @%[2]s, not @%[1]s. Just type the username. Example: semnas-ti2026", m.Typed, m.Domain)
}
func (usernameSpace) English() string {
	return "The username cannot contain spaces; use a dot or a hyphen instead. Example: semnas-ti2026"
}
func (m usernameChars) English() string {
	return fmt.Sprintf("The username may only contain lower-case letters a-z, digits, dots and hyphens; \"%s\" is not allowed. Example: semnas-ti2026", m.Char)
}
func (usernameStart) English() string {
	return "The username must start with a letter. Example: semnas-ti2026"
}
func (m usernameDoublePunct) English() string {
	return fmt.Sprintf("The username cannot have two punctuation marks in a row (\"%s\"). Example: semnas-ti2026", m.Typed)
}
func (usernameEnd) English() string {
	return "The username must end with a letter or digit, not a dot or hyphen. Example: semnas-ti2026"
}
func (dateTooLong) English() string {
	return "Your answer is too long for a date. Please send just the date. Example: 12 December 2026, 12/12/2026, or tomorrow"
}
func (dateUnrecognised) English() string {
	return "Sorry, I do not recognise that date. Please give the day and month (the year may be added), or the day's name. Example: 12 December 2026, 12/12, Friday, or tomorrow"
}
func (dateWeekdayOnly) English() string {
	return "Please give the full date, not only the day of the week. Example: Saturday, 12 December 2026"
}
func (m dateUnknownMonth) English() string {
	return fmt.Sprintf("I do not recognise the month \"%s\". Please check the spelling. Example: 12 December 2026 or 12/12/2026", m.Typed)
}
func (m dateInvalidMonth) English() string {
	return fmt.Sprintf("There is no month %s; months run from 1 to 12. Write the date as day/month/year. Example: 12/12/2026", m.Typed)
}
func (m dateBadYear) English() string {
	return fmt.Sprintf("The year %s is not valid. Please write the year with 4 digits. Example: 12 December 2026", m.Typed)
}

// The letter checker's refusals.
func (letterNotPDF) English() string {
	return "This file is not a PDF. Please send the request letter as a scanned PDF document, signed by your head of unit and stamped."
}
func (letterTruncated) English() string {
	return "The letter file is incomplete (cut off); please send it again. Make sure the file finished downloading or saving and opens completely on your phone, then send it again as a PDF document."
}
func (letterBroken) English() string {
	return "This PDF is damaged or cannot be read. Please scan or save the letter as a PDF again, check that it opens on your phone, and send it again as a document."
}
func (letterEncrypted) English() string {
	return "This PDF is locked with a password or protection, so we cannot process it. Please save the letter again as a PDF without a password or protection and send it again."
}
func (letterNoPages) English() string {
	return "This PDF contains no pages. Please send the complete scanned request letter as a PDF."
}
func (m letterTooManyPages) English() string {
	return fmt.Sprintf("This PDF has more than %d pages, while a request letter is usually 1–5 pages. Please send only the request letter, without other attachments.", m.Max)
}
func (letterActiveContent) English() string {
	return "This PDF contains active content (scripts, embedded files or automatic actions), which we do not accept for security reasons. Please save the letter again as a plain PDF (Print › Save as PDF) or scan it again, and send it again."
}
func (letterUnreadable) English() string {
	return "Sorry, we cannot read this PDF: its content is damaged or unusually built. Please save the letter again as a plain PDF (Print › Save as PDF) or scan it again, and send it again."
}
func (letterBusy) English() string {
	return "Sorry, letter checking is busy right now. Please send the same PDF again in a minute."
}

// Refusals of dates, months and sizes.
func (m nipAppointmentFuture) English() string {
	return fmt.Sprintf("By this NIP the appointment is in %s, which has not come yet. Please check digits 9 to 14. Example: 19860926 201505 1 001", monthYearEN(m.Month, m.Year))
}

func (m nipAppointmentAge) English() string {
	return fmt.Sprintf("By this NIP the appointment (%s) came before the age of 18 (born %s). Please check the first 14 digits. Example: 19860926 201505 1 001", monthYearEN(m.Month, m.Year), dayEN(m.Born))
}

func (m dateNoDay) English() string {
	return fmt.Sprintf("Which day of %[1]s %[2]s? Please give the full date. Example: 12 %[1]s %[2]s", loket.MonthName(m.Month, loket.English), m.Year)
}

func (m dateNoLeapDay) English() string {
	return fmt.Sprintf("The next 29 February is in %[2]d; February %[1]d has only 28 days. Did you mean 28 February %[1]d or 1 March %[1]d? Please give the full date with the year. Example: 28 February %[1]d", m.Year, m.Leap)
}

func (m dateSundayOrWeek) English() string {
	return fmt.Sprintf("\"Minggu\" can mean Sunday or a week. If you mean Sunday (%s), reply *Sunday*; if not, type the date. Example: %s", dateEN(m.Sunday), dayEN(m.Sunday))
}

func (m dateWeek) English() string {
	return fmt.Sprintf("That is a week (%s to %s), not a day. Which date exactly? Example: %s", dateEN(m.From), dateEN(m.To), dayEN(m.From))
}

func (m dateWhichDay) English() string {
	return fmt.Sprintf("Do you mean %s or %s? Please type the date. Example: %s", dateEN(m.First), dateEN(m.Second), dayEN(m.Second))
}

func (m dateInvalidDay) English() string {
	return fmt.Sprintf("There is no %[1]d %[2]s: %[2]s only has %[3]d days. Please check the date. Example: %[3]d %[2]s", m.Day, monthYearEN(m.Month, m.Year), m.Days)
}

func (m dateWeekdayMismatch) English() string {
	return fmt.Sprintf("%s is a %s, not a %s. Please check the date or the day. Example: %[2]s, %[1]s", dayEN(m.Date), loket.WeekdayName(m.Date.Weekday(), loket.English), loket.WeekdayName(m.Typed, loket.English))
}

func (m letterTooLarge) English() string {
	return fmt.Sprintf("Your letter is %s MB, over the 10 MB limit. Please scan it again at a lower resolution (e.g. 150 dpi, black and white) and send the PDF again as a document.", letter.Megabytes(m.Size))
}

func (m letterUnpackedTooLarge) English() string {
	return fmt.Sprintf("This PDF's content is too large once unpacked (over %d MB). Please scan the letter again at a lower resolution (e.g. 150 dpi) or save it again as a plain PDF, and send it again.", m.Limit>>20)
}
