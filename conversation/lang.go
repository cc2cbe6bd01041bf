package conversation

import (
	"context"

	"github.com/uns-dtik/loket"
)

// Lang returns the language chat's dialog is held in: the one its session chose with
// the language switch ("english", "indonesia"), Indonesian when it has no session
// (never written, or expired). It only reads: the simulator's page asks it to speak
// its own labels in the bot's language, and must not touch the dialog while it does.
func (c *Conversation) Lang(ctx context.Context, chat string) (loket.Lang, error) {
	s, _, err := c.loadSession(ctx, chat)
	if err != nil {
		return "", err
	}
	if s.Lang == loket.English {
		return loket.English, nil
	}
	// A session saved without a language is one from before there was a choice.
	return loket.Indonesian, nil
}
