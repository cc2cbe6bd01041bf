package conversation

import (
	"context"
	"errors"
	"strings"

	"github.com/uns-dtik/loket"
)

// Optional fields (the catalog's `optional: true`): the applicant may answer *lewati*
// (skip) instead, and the request is filed without the field. A complaint's
// screenshot is one: a complaint is worth filing without it.

// checkOptional refuses an optional field whose prompt does not say how to skip it:
// an applicant who has no screenshot must learn the word that moves on.
func checkOptional(f *Field) error {
	if !f.Optional {
		return nil
	}
	if f.kind.Refusable {
		return errors.New("optional: a field of kind " + f.Kind + " ends the dialog on no; it cannot be skipped")
	}
	if !strings.Contains(f.Prompt.ID, "lewati") || !strings.Contains(f.Prompt.EN, "skip") {
		return errors.New("optional: the prompt must tell how to skip it (*lewati* in id, *skip* in en)")
	}
	return nil
}

// skipped reports whether v is an optional field's answer "skipped": an empty value,
// which no kind gives to an answer it takes.
func skipped(f *Field, v loket.Field) bool { return f.Optional && v.Value == "" }

// skip takes *lewati* as the answer to an optional field; false when the message is
// something else (or the field is not optional), for the kind to read.
func (t *turn) skip(ctx context.Context, svc *Service, f *Field) (bool, error) {
	if !f.Optional || !skipWords[t.cmd] {
		return false, nil
	}
	return true, t.accept(ctx, svc, f, loket.Field{}, nil)
}
