//go:build !linux

package letter

import (
	"os"
	"os/exec"
)

// limitMemory has no portable equivalent of RLIMIT_AS; elsewhere the child relies on
// debug.SetMemoryLimit and the wall-clock limit. Loket is deployed on Linux.
func limitMemory(int64) {}

func childAttributes(*exec.Cmd) {}

func growPipe(*os.File) {}

// mappedBytes is unknown here: 0.
func mappedBytes() int64 { return 0 }
