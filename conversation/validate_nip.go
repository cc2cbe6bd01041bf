package conversation

import (
	"strings"
	"time"
	"unicode"

	"github.com/uns-dtik/loket"
)

// ParseNIP validates a civil-servant number (NIP) and returns its 18 digits. Spaces,
// dots and dashes are ignored, as is a leading "NIP" or "NIP:". Digits 1–8 must be a
// real birth date (YYYYMMDD), digits 9–14 a real appointment year and month (YYYYMM;
// PPPK numbers have "21" in place of the month, and then only the year is checked),
// the appointment no earlier than the 18th birthday's month and not after now
// (in loket.Jakarta), digit 15 the sex (1 or 2) and digits 16–18 a serial other than 000.
func ParseNIP(s string, now time.Time) (string, error) {
	s = trimInput(s)
	if len(s) > maxInput {
		return "", loket.Refuse(nipTooLong{})
	}
	if len(s) >= 3 && asciiLower(s[:3]) == "nip" {
		s = strings.TrimLeft(s[3:], " :.\t")
	}
	digits := make([]byte, 0, 18)
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r))
		case r == '.' || r == '-' || unicode.IsSpace(r) || isInvisible(r):
		default:
			return "", loket.Refuse(nipNotDigits{Char: shownRune(r)})
		}
	}
	if len(digits) != 18 {
		return "", loket.Refuse(nipLength{Digits: len(digits)})
	}
	nip := string(digits)

	by, bm, bd := atoi(nip[0:4]), atoi(nip[4:6]), atoi(nip[6:8])
	if by < 1900 || bm < 1 || bm > 12 || bd < 1 || bd > daysIn(by, time.Month(bm)) {
		return "", loket.Refuse(nipBirthDate{Typed: nip[0:8]})
	}
	ay, am := atoi(nip[8:12]), atoi(nip[12:14])
	pppk := nip[12:14] == "21"
	if ay < 1900 || !pppk && (am < 1 || am > 12) {
		return "", loket.Refuse(nipAppointment{Typed: nip[8:14]})
	}
	// A PPPK number's appointment is a year alone: month 0.
	apptMonth := time.Month(am)
	if pppk {
		apptMonth = 0
	}
	n := now.In(loket.Jakarta)
	if ay > n.Year() || !pppk && ay == n.Year() && am > int(n.Month()) {
		return "", loket.Refuse(nipAppointmentFuture{Year: ay, Month: apptMonth})
	}
	if ay < by+18 || !pppk && ay == by+18 && am < bm {
		return "", loket.Refuse(nipAppointmentAge{Year: ay, Month: apptMonth, Born: time.Date(by, time.Month(bm), bd, 0, 0, 0, 0, loket.Jakarta)})
	}
	if nip[14] != '1' && nip[14] != '2' {
		return "", loket.Refuse(nipGender{Typed: nip[14:15]})
	}
	if nip[15:] == "000" {
		return "", loket.Refuse(nipSerial{})
	}
	return nip, nil
}

// FormatNIP groups an 18-digit NIP the way it is printed: "19860926 201505 1 001".
// Anything else is returned unchanged.
func FormatNIP(nip string) string {
	if len(nip) != 18 || !loket.IsDigits(nip) {
		return nip
	}
	return nip[0:8] + " " + nip[8:14] + " " + nip[14:15] + " " + nip[15:]
}
