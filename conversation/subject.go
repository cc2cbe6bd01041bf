package conversation

import (
	"context"
	"strings"

	"github.com/uns-dtik/loket"
)

func init() {
	RegisterKind("subject", Kind{Check: checkChoice, Parse: parseSubject, Hint: choiceList, Show: showChoice})
}

// parseSubject reads what a complaint is about: the reference of one of the sender's
// own requests, or else one of the options (a service, or none) as a choice field
// reads it. A reference that is not the sender's is refused exactly as one that does
// not exist, so a complaint never tells whose a reference is.
func parseSubject(ctx context.Context, in *Input) (loket.Field, error) {
	word := strings.Trim(strings.TrimSpace(in.Text), ".,;:*")
	ref, isRef := loket.ParseRef(word)
	if !isRef {
		return parseChoice(ctx, in)
	}
	r, err := in.Lookup.OwnRequest(ctx, ref)
	if isNotFound(err) {
		return loket.Field{}, loket.Refuse(subjectNotOwn{Ref: ref})
	}
	if err != nil {
		return loket.Field{}, err
	}
	return loket.Field{Value: r.Ref}, nil
}

// OwnRequest implements Lookup: only the chat's own requests are found.
func (t *turn) OwnRequest(ctx context.Context, ref string) (*loket.Request, error) {
	return t.c.Store.ChatRequest(ctx, t.msg.Chat, ref)
}
