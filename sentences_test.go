package loket_test

import (
	"testing"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/internal/sentencetest"
)

// TestEverySentenceRenders: each sentence of the root package renders whole in both
// languages.
func TestEverySentenceRenders(t *testing.T) {
	sentencetest.Check(t, loket.Sentences...)
}
