package loket

import "fmt"

// Every sentence of the root package in English; text_id.go has the same in Bahasa
// Indonesia.

func (phoneTooLong) English() string {
	return "Your answer is too long for a phone number. Please send just the number. Example: 0812-3456-7890"
}

func (phoneInvalid) English() string {
	return "That is not a valid phone number. Please type an Indonesian mobile number in digits, starting with 08 or +62. Example: 0812-3456-7890"
}

func (m phoneLength) English() string {
	return fmt.Sprintf("The number has the wrong number of digits (you sent %d). Indonesian mobile numbers usually have 10 to 13 digits, starting with 08. Example: 0812-3456-7890", m.Digits)
}

func (m phoneForeign) English() string {
	return fmt.Sprintf("A number with country code +%d is not Indonesian. Please type an Indonesian mobile number, starting with 08 or +62. Example: 0812-3456-7890", m.CountryCode)
}

func (m phoneNotMobile) English() string {
	return fmt.Sprintf("%s is a landline number, not a mobile number, so it cannot be reached on WhatsApp. Please type a mobile number. Example: 0812-3456-7890", m.National)
}

func (m eventLine) English() string {
	if m.Event.From == "" {
		return fmt.Sprintf("filed by %s", m.Actor)
	}
	switch m.Event.To {
	case StatusSubmitted:
		return fmt.Sprintf("resubmitted by %s", m.Actor)
	case StatusRevision:
		return fmt.Sprintf("returned for correction by %s", m.Actor)
	case StatusVerified:
		return fmt.Sprintf("verified by %s", m.Actor)
	case StatusDisposed:
		return fmt.Sprintf("assigned by %s", m.Actor)
	case StatusDone:
		return fmt.Sprintf("completed by %s", m.Actor)
	case StatusAnswered:
		return fmt.Sprintf("answered by %s", m.Actor)
	case StatusRejected:
		return fmt.Sprintf("rejected by %s", m.Actor)
	case StatusCancelled:
		return fmt.Sprintf("cancelled by %s", m.Actor)
	}
	return fmt.Sprintf("%s → %s (%s)", m.Event.From, m.Event.To, m.Actor)
}
