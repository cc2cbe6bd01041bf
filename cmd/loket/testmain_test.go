package main

import (
	"os"
	"testing"

	"github.com/uns-dtik/loket/conversation/letter"
)

// TestMain lets this test binary serve as the letter checker's child, as main does,
// and as the bot itself for the fault suite, which kills it with -9 (see
// fault_test.go): with LOKET_TEST_BOT_CHILD=1 it is `loket sim`, nothing else.
func TestMain(m *testing.M) {
	letter.ChildMain()
	if os.Getenv(botChildEnv) == "1" {
		os.Args = []string{"loket", "sim"}
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}
