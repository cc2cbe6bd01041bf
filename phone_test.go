package loket

import (
	"errors"
	"testing"
)

// TestPhoneIsReadIndonesianFirst: a number without a country code is Indonesian —
// "81100000001" is +62 811-0000-0001 (it was once +81, Japan, for staff while the
// dialog read +62) — and the staff's reading (ParsePhone, NormalizePhone) and the
// dialog's (ParseMobile) give the same number for every Indonesian mobile.
func TestPhoneIsReadIndonesianFirst(t *testing.T) {
	for _, in := range []string{"81100000001", "081100000001", "0811-0000-0001", "6281100000001",
		"+6281100000001", "+62 811 0000 0001", "+62 (0) 811 0000 0001", " 0811.0000.0001\u200b"} {
		const want = "+6281100000001"
		staff, err := ParsePhone(in)
		if err != nil || staff != want {
			t.Errorf("ParsePhone(%q) = %q, %v; want %s", in, staff, err, want)
		}
		if got := NormalizePhone(in); got != want {
			t.Errorf("NormalizePhone(%q) = %q; want %s", in, got, want)
		}
		if dialog, err := ParseMobile(in); err != nil || dialog != staff {
			t.Errorf("ParseMobile(%q) = %q, %v; ParsePhone reads %q", in, dialog, err, staff)
		}
	}
}

// TestPhoneOfAnotherCountry: a "+" introduces another country, which staff numbers may
// have and an applicant's contact number may not.
func TestPhoneOfAnotherCountry(t *testing.T) {
	if got, err := ParsePhone("+60 12-345 6789"); err != nil || got != "+60123456789" {
		t.Fatalf("ParsePhone(+60…) = %q, %v", got, err)
	}
	var refused *Refusal
	if _, err := ParseMobile("+60 12-345 6789"); !errors.As(err, &refused) || refused.Sentence != (phoneForeign{CountryCode: 60}) {
		t.Fatalf("ParseMobile(+60…): %v", err)
	}
	for in, want := range map[string]Sentence{"0812": phoneLength{Digits: 4}, "nomor": phoneInvalid{}, "": phoneInvalid{},
		"0811 0000 0001 0811 0000 0001 0811 0000 0001": phoneTooLong{}, "021-5551234x": phoneInvalid{}} {
		if got, err := ParsePhone(in); !errors.As(err, &refused) || refused.Sentence != want {
			t.Errorf("ParsePhone(%q) = %q, %v; want %#v", in, got, err, want)
		}
		if got := NormalizePhone(in); got != "" {
			t.Errorf("NormalizePhone(%q) = %q", in, got)
		}
	}
}
