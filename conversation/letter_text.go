package conversation

import (
	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation/letter"
)

// The answers to a letter the checker (package letter) refuses, one type per refusal
// code; refusals_id.go and refusals_en.go say each.
type (
	letterTooLarge         struct{ Size int64 }
	letterNotPDF           struct{}
	letterTruncated        struct{}
	letterBroken           struct{}
	letterEncrypted        struct{}
	letterNoPages          struct{}
	letterTooManyPages     struct{ Max int }
	letterActiveContent    struct{}
	letterUnpackedTooLarge struct{ Limit int64 }
	letterUnreadable       struct{}
	letterBusy             struct{}
)

// letterRefusal is the sentence for the checker's refusal r: the one place the
// checker's codes (strings, because a child process reports them) become sentences.
// TestEveryLetterCodeHasASentence keeps it whole; an unknown code is unreadable.
func letterRefusal(r *letter.Refusal) loket.Sentence {
	switch r.Code {
	case letter.CodeTooLarge:
		return letterTooLarge{Size: r.Size}
	case letter.CodeNotPDF:
		return letterNotPDF{}
	case letter.CodeTruncated:
		return letterTruncated{}
	case letter.CodeBroken:
		return letterBroken{}
	case letter.CodeEncrypted:
		return letterEncrypted{}
	case letter.CodeNoPages:
		return letterNoPages{}
	case letter.CodeTooManyPages:
		return letterTooManyPages{Max: letter.MaxPages}
	case letter.CodeActiveContent:
		return letterActiveContent{}
	case letter.CodeUnpackedTooLarge:
		return letterUnpackedTooLarge{Limit: letter.DecodeBudget}
	case letter.CodeBusy:
		return letterBusy{}
	}
	return letterUnreadable{}
}
