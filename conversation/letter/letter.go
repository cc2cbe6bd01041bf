// Package letter checks request letters: the PDFs applicants send, which are untrusted
// input. A file can be built to make the PDF library recurse until Go's stack overflows,
// which no recover, timeout or goroutine survives, so the check runs in a child
// process: the same binary, started by Checker, with a wall-clock limit, a memory
// limit and a small stack. A child serves letter after letter (starting one costs
// more than checking a scanned letter); one that dies, overflows or runs out of time
// costs that one check, told to the applicant as "this file cannot be read", and the
// next letter gets a fresh child. The bot itself never goes down.
//
// The package knows nothing of dialogs: bytes in, a verdict out. Every refusal is a
// *Refusal, a code and the file's size, which the conversation turns into a sentence.
package letter

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// Limits of what a letter may be. A request letter is one to five pages, scanned or
// exported from a word processor: these are far above that and far below what a
// hostile file needs to hurt.
const (
	// MaxBytes is the largest file accepted: 10 MB.
	MaxBytes = 10 << 20
	// MaxPages is the most pages a letter may have, counted through the page tree.
	MaxPages = 50
	// DecodeBudget is how many bytes all of a file's compressed streams may inflate to
	// together. A scanned letter's images stay JPEG (not inflated); text and vector
	// content inflates to a few megabytes.
	DecodeBudget = 128 << 20
)

// The refusal codes a check returns, one sentence each in the conversation. They are
// strings because a child reports them on its stdout; metrics count them too.
const (
	CodeTooLarge         = "letter_too_large"          // larger than MaxBytes
	CodeNotPDF           = "letter_not_pdf"            // does not start with %PDF-
	CodeTruncated        = "letter_truncated"          // cut off before its end: no %%EOF at the end
	CodeBroken           = "letter_broken"             // the PDF library refuses it
	CodeEncrypted        = "letter_encrypted"          // a password or permissions
	CodeNoPages          = "letter_no_pages"           // an empty page tree
	CodeTooManyPages     = "letter_too_many_pages"     // more than MaxPages
	CodeActiveContent    = "letter_active_content"     // JavaScript, launch, embedded files …
	CodeUnpackedTooLarge = "letter_unpacked_too_large" // inflates to more than DecodeBudget
	CodeUnreadable       = "letter_unreadable"         // the child died, overflowed or ran out of time
	CodeBusy             = "letter_busy"               // no check could start before the caller's deadline
)

// Codes lists every refusal code, for tests that check each has a sentence.
var Codes = []string{CodeTooLarge, CodeNotPDF, CodeTruncated, CodeBroken, CodeEncrypted, CodeNoPages, CodeTooManyPages,
	CodeActiveContent, CodeUnpackedTooLarge, CodeUnreadable, CodeBusy}

// Refusal is a letter the check refuses, and why: Code, one of Codes, with the
// file's Size in bytes (what CodeTooLarge is about).
type Refusal struct {
	Code string
	Size int64
}

func (r *Refusal) Error() string { return "letter refused: " + r.Code }

// Info is what a check learnt about an accepted letter.
type Info struct {
	// Pages is the number of pages, counted through the page tree.
	Pages int
	// SHA256 is the file's digest, so the same letter sent twice can be recognised.
	SHA256 [32]byte
	// Size is the file's length in bytes.
	Size int64
}

// Megabytes renders a size as the refusal sentences show it: "11.0".
func Megabytes(n int64) string { return fmt.Sprintf("%.1f", float64(n)/(1<<20)) }

// Checker checks letters in child processes, each of which checks letter after
// letter, one at a time, until one kills it. The zero value is ready to use: it runs
// this very executable, which must call ChildMain first thing in main (cmd/loket
// does, and so must the TestMain of every test package that checks letters).
type Checker struct {
	// Command is the child's argv; default: this executable with "check-letter".
	Command []string
	// Timeout is the wall-clock limit of one letter's check (default 10 s); a child
	// that overruns it is killed. A real letter takes milliseconds.
	Timeout time.Duration
	// MemoryLimit is how much memory one child may map beyond what it starts with
	// (default 768 MB); past it the child dies and the file it was checking is
	// unreadable. The Go heap reuses what an earlier letter mapped, so the limit
	// holds for each letter.
	MemoryLimit int64
	// Concurrency is how many children run at once (default 2): each may use up
	// to MemoryLimit.
	Concurrency int

	once    sync.Once
	slots   chan struct{} // one per child that may run
	idle    chan *child   // children waiting for a letter
	closed  atomic.Bool
	started atomic.Int64 // children started, for the tests
}

// Defaults of Checker's fields.
const (
	DefaultTimeout     = 10 * time.Second
	DefaultMemoryLimit = 768 << 20
	DefaultConcurrency = 2
)

func (c *Checker) init() {
	c.once.Do(func() {
		n := c.Concurrency
		if n <= 0 {
			n = DefaultConcurrency
		}
		c.slots = make(chan struct{}, n)
		c.idle = make(chan *child, n)
	})
}

// ErrNested is returned when a letter child tries to start a check of its own: the
// binary did not call ChildMain, and starting another child would recurse.
var ErrNested = errors.New("letter: a check child was asked to check a letter (does main call letter.ChildMain?)")

// Check decides whether data is an acceptable letter. A refusal is a *Refusal; any other error is the checker's own failure (the child could not be
// started at all), not the file's. The caller's ctx bounds the wait for a free child;
// the child itself has Timeout.
func (c *Checker) Check(ctx context.Context, data []byte) (Info, error) {
	if v := precheck(data); v.Code != "" {
		return Info{}, v.err(len(data))
	}
	if os.Getenv(childEnv) != "" {
		return Info{}, ErrNested
	}
	c.init()
	if ctx.Err() != nil {
		return Info{}, &Refusal{Code: CodeBusy, Size: int64(len(data))}
	}
	select {
	case c.slots <- struct{}{}:
	case <-ctx.Done():
		return Info{}, &Refusal{Code: CodeBusy, Size: int64(len(data))}
	}
	defer func() { <-c.slots }()
	v, err := c.runChild(ctx, data)
	if err != nil {
		return Info{}, err
	}
	if v.Code != "" {
		return Info{}, v.err(len(data))
	}
	return Info{Pages: v.Pages, SHA256: sha256.Sum256(data), Size: int64(len(data))}, nil
}

// Verdict is what a child reports on stdout, as JSON: the page count of an accepted
// letter, or a refusal code. Detail says why, for the log only.
type Verdict struct {
	Pages  int    `json:"pages,omitempty"`
	Code   string `json:"code,omitempty"`
	Detail string `json:"detail,omitempty"`
}

func (v Verdict) err(size int) error { return &Refusal{Code: v.Code, Size: int64(size)} }

// UnreadableError is a child that gave no verdict: it crashed, overflowed its stack,
// ran out of memory or time. For the applicant it is a *Refusal with
// CodeUnreadable (errors.As finds it); Reason says what happened, for the log.
type UnreadableError struct{ Reason string }

func (e *UnreadableError) Error() string { return "letter unreadable: " + e.Reason }

// Unwrap gives the refusal the applicant is told.
func (e *UnreadableError) Unwrap() error { return &Refusal{Code: CodeUnreadable} }

func unreadable(format string, args ...any) error {
	return &UnreadableError{Reason: fmt.Sprintf(format, args...)}
}

// limitedBuffer keeps the first max bytes written to it and drops the rest, so a
// child that floods its output cannot flood the bot's memory.
type limitedBuffer struct {
	bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return string(b[:min(len(b), 200)])
}
