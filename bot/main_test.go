package bot_test

import (
	"os"
	"testing"

	letters "github.com/uns-dtik/loket/conversation/letter"
)

// TestMain lets this test binary serve as the letter checker's child, as loket's
// main does.
func TestMain(m *testing.M) {
	letters.ChildMain()
	os.Exit(m.Run())
}
