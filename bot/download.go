package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"go.mau.fi/whatsmeow"

	"github.com/uns-dtik/loket"
)

// download fetches an attachment into a temporary file that refuses to grow past
// max (plus what encryption adds), then reads it back. A sender's app declares a
// size, but nothing binds the file to it: whatsmeow's Download reads a file whole
// into memory, so a document announced as small but gigabytes large would take the
// bot down before any check saw it.
func (b *Bot) download(ctx context.Context, msg whatsmeow.DownloadableMessage, max int64) ([]byte, error) {
	f, closeFile, err := downloadFile()
	if err != nil {
		return nil, fmt.Errorf("download: %w", err)
	}
	defer closeFile()
	// Encrypted media carries a MAC and padding beyond the plaintext.
	capped := &cappedFile{File: f, max: max + 64<<10}
	if err := b.Client.DownloadToFile(ctx, msg, capped); err != nil {
		if capped.over {
			return nil, loket.ErrTooLarge
		}
		return nil, err
	}
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	if size > max {
		return nil, loket.ErrTooLarge
	}
	data := make([]byte, size)
	if _, err := f.ReadAt(data, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return data, nil
}

// namedDownloadFile is a download's file where it cannot be unnamed: a temporary
// file that close removes.
func namedDownloadFile() (*os.File, func(), error) {
	f, err := os.CreateTemp("", "loket-download-*")
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close(); os.Remove(f.Name()) }, nil
}

// errFileCap is what a cappedFile says to a write past its cap.
var errFileCap = errors.New("bot: download larger than allowed")

// cappedFile is an *os.File that refuses writes past max bytes.
type cappedFile struct {
	*os.File
	max  int64
	over bool
}

func (c *cappedFile) Write(p []byte) (int, error) {
	off, err := c.File.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, err
	}
	if c.beyond(off, len(p)) {
		return 0, errFileCap
	}
	return c.File.Write(p)
}

func (c *cappedFile) WriteAt(p []byte, off int64) (int, error) {
	if c.beyond(off, len(p)) {
		return 0, errFileCap
	}
	return c.File.WriteAt(p, off)
}

// beyond reports (and remembers) a write of n bytes at off that would pass the cap.
func (c *cappedFile) beyond(off int64, n int) bool {
	if off+int64(n) > c.max {
		c.over = true
	}
	return c.over
}

func (c *cappedFile) Truncate(size int64) error {
	if c.beyond(size, 0) {
		return errFileCap
	}
	return c.File.Truncate(size)
}
