package letter

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
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
	// frameHeader is the length prefix of a letter sent to a child: its size in
	// bytes, big-endian.
	frameHeader = 8
	// frameAck is what a child writes once it has read a whole letter, before its
	// verdict: a child that dies before it is a child that was gone already.
	frameAck = '+'
)

// ChildMain turns this process into a letter-check child when Checker started it as
// one: it checks the letters it is sent on stdin, one verdict per line on stdout,
// and exits when stdin closes. Otherwise it returns at once. Call it first thing in
// main, and in the TestMain of every test package that checks letters.
func ChildMain() {
	if os.Getenv(childEnv) != "1" {
		return
	}
	memory, _ := strconv.ParseInt(os.Getenv(memoryEnv), 10, 64)
	if err := serve(os.Stdin, os.Stdout, memory); err != nil {
		fmt.Fprintln(os.Stderr, "letter child:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// serve is a child's whole life. It puts this process under the limits (memory
// bytes of growth, 0 for none), then reads letters from in — each an 8-byte
// big-endian length and the file — and answers each with frameAck once it is read,
// then its Verdict as a line of JSON, until in ends.
//
// A child lives for many letters: starting one costs tens of milliseconds (the
// binary's start-up), checking a letter a few. A hostile file may still overflow the
// stack or exhaust the memory, and then the process dies, which is the point: it is
// a process of its own, and the next letter gets a fresh one.
func serve(in io.Reader, out io.Writer, memory int64) error {
	debug.SetMaxStack(childStack)
	if memory > 0 {
		limitMemory(memory)
		// Collect garbage hard well before the hard limit, so a large but honest
		// letter is not killed for garbage it no longer needs.
		debug.SetMemoryLimit(memory / 2)
	}
	enc := json.NewEncoder(out)
	start := mappedBytes()
	for {
		var header [frameHeader]byte
		if _, err := io.ReadFull(in, header[:]); errors.Is(err, io.EOF) {
			return nil // the checker closed our stdin: retired, or the bot stopped
		} else if err != nil {
			return err
		}
		size := binary.BigEndian.Uint64(header[:])
		if size > MaxBytes {
			return fmt.Errorf("a letter of %d bytes, over the %d the checker sends", size, MaxBytes)
		}
		data := make([]byte, size)
		if _, err := io.ReadFull(in, data); err != nil {
			return err
		}
		if _, err := out.Write([]byte{frameAck}); err != nil {
			return err
		}
		if err := enc.Encode(inspectWithDeadline(data)); err != nil {
			return err
		}
		// Go never gives address space back, and the memory limit counts it: a
		// child that a large letter made map more than half its limit ends after
		// answering, so the next letter does not inherit the first one's growth.
		if memory > 0 && start > 0 && mappedBytes()-start > memory/2 {
			return nil
		}
	}
}

// inspectWithDeadline inspects one letter. The checker's timeout kills the child;
// this one makes pdfcpu, which checks its context between objects, stop first where
// it can.
func inspectWithDeadline(data []byte) Verdict {
	ctx, cancel := context.WithTimeout(context.Background(), DefaultTimeout)
	defer cancel()
	return Inspect(ctx, data)
}
