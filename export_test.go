package loket

// Sentences are a sample of every sentence of the root package, for
// TestEverySentenceRenders (an external test: it uses internal/sentencetest, which
// imports this package).
var Sentences = func() []Sentence {
	s := []Sentence{phoneTooLong{}, phoneInvalid{}, phoneLength{Digits: 8}, phoneForeign{CountryCode: 60},
		phoneNotMobile{National: "021-5551234"}, eventLine{Event: Event{To: StatusSubmitted}, Actor: "Rina"}}
	for _, to := range Lifecycles.Statuses() {
		s = append(s, eventLine{Event: Event{From: StatusSubmitted, To: to}, Actor: "Rina"})
	}
	return s
}()
