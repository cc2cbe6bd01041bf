package conversation

import (
	"os"
	"testing"

	"github.com/uns-dtik/loket/conversation/letter"
)

// TestMain lets this test binary serve as the letter checker's child, as loket's
// main does.
func TestMain(m *testing.M) {
	letter.ChildMain()
	os.Exit(m.Run())
}
