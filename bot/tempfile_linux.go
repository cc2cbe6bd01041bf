package bot

import (
	"os"

	"golang.org/x/sys/unix"
)

// downloadFile opens the file a download is written to. On Linux it has no name
// (O_TMPFILE): nothing to remove once read, nothing left in the temporary directory
// by a process killed mid-download, and no entry to add to the directory, whose lock
// every worker taking a letter at once would otherwise take in turn. A filesystem
// without unnamed files gets a named one. close closes the file, and removes it if it
// has a name.
func downloadFile() (f *os.File, close func(), err error) {
	f, err = os.OpenFile(os.TempDir(), os.O_RDWR|unix.O_TMPFILE, 0o600)
	if err != nil {
		return namedDownloadFile()
	}
	return f, func() { f.Close() }, nil
}
