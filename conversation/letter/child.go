package letter

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"runtime/debug"
	"strconv"
)

// The child is recognised by its environment, set only by Checker; childArg only
// makes it readable in a process list.
const (
	childEnv  = "LOKET_LETTER_CHILD"
	memoryEnv = "LOKET_LETTER_MEMORY"
	childArg  = "check-letter"
	// childStack is the child's Go stack limit. pdfcpu recurses a few dozen frames
	// deep on a real letter; a reference cycle recurses for ever, and with Go's
	// default of 1 GB it would take seconds and a gigabyte to overflow.
	childStack = 32 << 20
)

// ChildMain turns this process into a letter-check child when Checker started it as
// one: it reads the file on stdin, writes its Verdict on stdout and exits. Otherwise
// it returns at once. Call it first thing in main, and in the TestMain of every test
// package that checks letters.
func ChildMain() {
	if os.Getenv(childEnv) != "1" {
		return
	}
	memory, _ := strconv.ParseInt(os.Getenv(memoryEnv), 10, 64)
	if err := Serve(os.Stdin, os.Stdout, memory); err != nil {
		os.Exit(1)
	}
	os.Exit(0)
}

// Serve is a child's whole life: it puts this process under the limits (memory
// bytes of growth, 0 for none), reads one file from in and writes its Verdict to out
// as JSON. A hostile file may still overflow the stack or exhaust the memory, and
// then the process dies, which is the point: it is a process of its own. `loket
// check-letter < surat.pdf` runs it by hand.
func Serve(in io.Reader, out io.Writer, memory int64) error {
	debug.SetMaxStack(childStack)
	if memory > 0 {
		limitMemory(memory)
		// Collect garbage hard well before the hard limit, so a large but honest
		// letter is not killed for garbage it no longer needs.
		debug.SetMemoryLimit(memory / 2)
	}
	data, err := io.ReadAll(io.LimitReader(in, MaxBytes+1))
	if err != nil {
		return err
	}
	// The parent's timeout kills the child; this one makes pdfcpu, which checks its
	// context between objects, stop first where it can.
	ctx, cancel := context.WithTimeout(context.Background(), DefaultTimeout)
	defer cancel()
	return json.NewEncoder(out).Encode(Inspect(ctx, data))
}
