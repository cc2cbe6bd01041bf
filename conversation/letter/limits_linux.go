package letter

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
)

// limitMemory lets this process map at most memory bytes more than it has mapped
// now (RLIMIT_AS): the Go runtime and, under the race detector, its shadow memory
// are already in place, so the limit is on what the file makes it allocate.
func limitMemory(memory int64) {
	mapped := mappedBytes()
	if mapped == 0 {
		return // no /proc: a limit below what is mapped already would kill every check
	}
	grow := memory
	if raceEnabled {
		grow *= 8 // the race detector shadows every heap byte several times over
	}
	limit := uint64(mapped + grow)
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: limit, Max: limit})
}

// mappedBytes is this process's virtual size (VmSize), 0 when unknown.
func mappedBytes() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmSize:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// childAttributes makes the child die with the bot: a bot killed with -9 must not
// leave a check running on its own.
func childAttributes(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// pipeSize is how much of a letter the pipe to a child holds at once: a megabyte,
// Linux's default ceiling for an unprivileged process, where the default 64 KB
// would hand a 10 MB letter over in 160 turns between the two processes.
const pipeSize = 1 << 20

// growPipe enlarges a pipe's buffer to pipeSize, where the system allows.
func growPipe(f *os.File) {
	if raw, err := f.SyscallConn(); err == nil {
		_ = raw.Control(func(fd uintptr) {
			_, _, _ = syscall.Syscall(syscall.SYS_FCNTL, fd, syscall.F_SETPIPE_SZ, pipeSize)
		})
	}
}
