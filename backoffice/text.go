package backoffice

import "github.com/uns-dtik/loket"

// staffSentence is a sentence for staff, who read Indonesian: a type without its
// Indonesian rendering (text_id.go) is not one, so saying it does not compile.
type staffSentence interface{ Indonesian() string }

// say renders a sentence for staff.
func say(s staffSentence) string { return s.Indonesian() }

// sayIn renders a sentence for an applicant in their language.
func sayIn(lang loket.Lang, s loket.Sentence) string { return loket.Say(lang, s) }
