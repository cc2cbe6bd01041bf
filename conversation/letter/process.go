package letter

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"time"
)

// A child checks letter after letter until it is retired: after childLetters
// letters, in case a parser leaks, or at its first failure. Starting one costs tens
// of milliseconds of CPU (the binary's own start-up: whatsmeow's protocol tables,
// pdfcpu), more than checking a scanned letter of megabytes.
const childLetters = 200

// verdictMax is the longest verdict line read from a child; a child that writes
// more is broken, and its flood must not fill the bot's memory.
const verdictMax = 64 << 10

// child is one running check process with its two pipes.
type child struct {
	cmd     *exec.Cmd
	stdin   *os.File
	stdout  *bufio.Reader
	out     *os.File       // our end of its stdout, closed once it is gone
	stderr  *limitedBuffer // read only once the process has exited
	exited  chan struct{}  // closed once the process is gone and waited for
	checked int            // letters checked so far
}

// start starts a child process.
func (c *Checker) start() (*child, error) {
	memory := c.MemoryLimit
	if memory <= 0 {
		memory = DefaultMemoryLimit
	}
	argv := c.command()
	cmd := exec.Command(argv[0], argv[1:]...)
	// A clean environment: the child needs none of the bot's settings (and must not
	// see its secrets).
	cmd.Env = []string{childEnv + "=1", memoryEnv + "=" + strconv.FormatInt(memory, 10), "GOTRACEBACK=single"}
	// Pipes of our own, not cmd.StdinPipe/StdoutPipe: those are closed by Wait,
	// which runs as soon as the child dies, under a read that wants its last words.
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("start letter check: %w", err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		return nil, fmt.Errorf("start letter check: %w", err)
	}
	growPipe(inW)
	stderr := &limitedBuffer{max: 4 << 10}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outW, stderr
	cmd.WaitDelay = time.Second // a script's own children must not hold Wait up
	childAttributes(cmd)
	err = cmd.Start()
	inR.Close() // the child's ends; ours close when it is retired
	outW.Close()
	if err != nil {
		inW.Close()
		outR.Close()
		return nil, fmt.Errorf("start letter check: %w", err)
	}
	c.started.Add(1)
	ch := &child{cmd: cmd, stdin: inW, out: outR, stdout: bufio.NewReaderSize(outR, verdictMax), stderr: stderr, exited: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		// What the child wrote before it ended is still read; a process it left
		// behind holding the pipe cannot make the read wait for ever.
		_ = outR.SetReadDeadline(time.Now().Add(exitedReadGrace))
		close(ch.exited)
	}()
	return ch, nil
}

// alive reports whether the process still runs, as far as is known.
func (ch *child) alive() bool {
	select {
	case <-ch.exited:
		return false
	default:
		return true
	}
}

// exitedReadGrace is how long the pipe of a child that has ended is still read.
const exitedReadGrace = 100 * time.Millisecond

// stop kills the process (if it still runs), waits until it is gone, and closes
// our ends of its pipes.
func (ch *child) stop() {
	_ = ch.cmd.Process.Kill()
	ch.stdin.Close()
	<-ch.exited
	ch.out.Close()
}

// retire lets an idle child end by itself: its stdin closes and it exits.
func (ch *child) retire() {
	ch.stdin.Close()
	go func() {
		select {
		case <-ch.exited:
			ch.out.Close()
		case <-time.After(5 * time.Second):
			ch.stop()
		}
	}()
}

// errNotSent is a child used before that could not even take the letter: it had
// died while idle. The letter is not to blame; a fresh child gets it.
var errNotSent = errors.New("the child was gone before the letter was sent")

// check sends data to ch and reads the verdict within timeout (and ctx). Any
// failure leaves the child dead: a child that gave no clean verdict is not reused.
func (c *Checker) check(ctx context.Context, ch *child, data []byte) (Verdict, error) {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	// Killing the child and closing our end of its stdin unblocks a write it does
	// not read (a process it started may hold the pipe); the read ends when the
	// child has been waited for.
	stopKill := context.AfterFunc(ctx, func() {
		_ = ch.cmd.Process.Kill()
		ch.stdin.Close()
	})
	defer stopKill()

	reused := ch.checked > 0
	ch.checked++
	var header [frameHeader]byte
	binary.BigEndian.PutUint64(header[:], uint64(len(data)))
	// A write the child does not take shows as a missing acknowledgement below.
	if _, err := ch.stdin.Write(header[:]); err == nil {
		_, _ = ch.stdin.Write(data)
	}
	// The child acknowledges the whole letter before it looks at it: a child used
	// before that gives no acknowledgement had died while idle, and the letter is
	// not to blame.
	ack, rerr := ch.stdout.ReadByte()
	if rerr != nil && reused && ctx.Err() == nil {
		ch.stop()
		return Verdict{}, errNotSent
	}
	var line []byte
	if rerr == nil && ack != frameAck {
		rerr = fmt.Errorf("no acknowledgement: %q", ack)
	} else if rerr == nil {
		line, rerr = ch.stdout.ReadSlice('\n')
	}
	if rerr == nil {
		var v Verdict
		if err := json.Unmarshal(line, &v); err == nil && (v.Code != "" || v.Pages >= 1) {
			return v, nil
		}
	}
	ch.stop()
	switch {
	case ctx.Err() != nil:
		return Verdict{}, unreadable("no verdict within %v", timeout)
	case rerr == nil || errors.Is(rerr, bufio.ErrBufferFull) || ack != frameAck && ack != 0:
		return Verdict{}, unreadable("child gave no verdict: %q", firstLine(line))
	}
	return Verdict{}, unreadable("child %v: %s", ch.cmd.ProcessState, firstLine(ch.stderr.Bytes()))
}

// runChild checks data in a child: an idle one if there is one, else a new one. A
// child that had died while idle (killed from outside, say) costs nothing but a
// fresh start.
func (c *Checker) runChild(ctx context.Context, data []byte) (Verdict, error) {
	ch, err := c.idleOrNew()
	if err != nil {
		return Verdict{}, err
	}
	v, err := c.check(ctx, ch, data)
	if errors.Is(err, errNotSent) {
		if ch, err = c.start(); err != nil {
			return Verdict{}, err
		}
		v, err = c.check(ctx, ch, data)
	}
	if err == nil {
		c.release(ch)
	}
	return v, err
}

// idleOrNew takes an idle child that still runs, or starts one.
func (c *Checker) idleOrNew() (*child, error) {
	for {
		select {
		case ch := <-c.idle:
			if ch.alive() {
				return ch, nil
			}
			ch.stop()
		default:
			return c.start()
		}
	}
}

// release keeps a healthy child for the next letter, or retires it when it has
// checked its share or the checker is closed.
func (c *Checker) release(ch *child) {
	if ch.checked >= childLetters || c.closed.Load() {
		ch.retire()
		return
	}
	select {
	case c.idle <- ch:
	default:
		ch.retire() // cannot happen: there are never more children than slots
	}
	if c.closed.Load() {
		c.retireIdle() // closed meanwhile: this child must not outlive the checker
	}
}

// Close retires the idle children; a check still running retires its own when it
// ends. Checks after Close still work, each in a child of its own. Closing is
// optional: the children exit when the bot's process does.
func (c *Checker) Close() {
	c.init()
	c.closed.Store(true)
	c.retireIdle()
}

func (c *Checker) retireIdle() {
	for {
		select {
		case ch := <-c.idle:
			ch.retire()
		default:
			return
		}
	}
}

func (c *Checker) command() []string {
	if len(c.Command) > 0 {
		return c.Command
	}
	// /proc/self/exe still runs after a deploy replaced (and so unlinked) the binary;
	// os.Executable would then name a file that is gone.
	if _, err := os.Stat("/proc/self/exe"); err == nil {
		return []string{"/proc/self/exe", childArg}
	}
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	return []string{exe, childArg}
}
