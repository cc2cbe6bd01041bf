package main

import (
	"context"
	"os"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot"
	"github.com/uns-dtik/loket/conversation/letter"
)

// poisonEnv names the message that kills the bot in the fault suite's child.
const poisonEnv = "LOKET_TEST_POISON"

// poisonous kills the whole process, as the hostile letters once did, when a message
// says text: an endless recursion, a Go stack overflow, which no recover survives.
type poisonous struct {
	bot.Handler
	text string
}

func (p poisonous) overflow(ctx context.Context, msg loket.Message) ([]loket.Reply, error) {
	return p.overflow(ctx, msg)
}

func (p poisonous) Handle(ctx context.Context, msg loket.Message) ([]loket.Reply, error) {
	if msg.Text == p.text {
		debug.SetMaxStack(64 << 20) // overflow in milliseconds, not after a gigabyte
		return p.overflow(ctx, msg)
	}
	return p.Handler.Handle(ctx, msg)
}

// TestMain lets this test binary serve as the letter checker's child, as main does,
// and as the bot itself for the fault suite, which kills it with -9 (see
// fault_test.go): with LOKET_TEST_BOT_CHILD=1 it is `loket sim`, nothing else; with
// LOKET_TEST_BOT_CHILD="run" (any command line), that command.
func TestMain(m *testing.M) {
	letter.ChildMain()
	if command := os.Getenv(botChildEnv); command != "" {
		if poison := os.Getenv(poisonEnv); poison != "" {
			wrapHandler = func(h bot.Handler) bot.Handler { return poisonous{Handler: h, text: poison} }
		}
		if command == "1" {
			command = "sim"
		}
		os.Args = append([]string{"loket"}, strings.Fields(command)...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}
