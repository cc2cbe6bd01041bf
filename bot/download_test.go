package bot

import (
	"context"
	"errors"
	"os"
	"runtime"
	"testing"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"

	"github.com/uns-dtik/loket"
)

// endless is a WhatsApp whose download never ends: it writes megabyte after megabyte
// until the file refuses, and counts what it wrote.
type endless struct {
	Client
	written int64
}

func (e *endless) DownloadToFile(_ context.Context, _ whatsmeow.DownloadableMessage, f whatsmeow.File) error {
	chunk := make([]byte, 1<<20)
	for e.written < 1<<30 {
		n, err := f.Write(chunk)
		e.written += int64(n)
		if err != nil {
			return err
		}
	}
	return nil
}

// TestDownloadStopsAtTheLimit: however large the file, the download stops just past
// the limit and says it is too large; nothing beyond that is kept.
func TestDownloadStopsAtTheLimit(t *testing.T) {
	wa := &endless{}
	b := &Bot{Client: wa}
	_, err := b.download(context.Background(), &waE2E.DocumentMessage{}, 10<<20)
	if !errors.Is(err, loket.ErrTooLarge) {
		t.Fatalf("download = %v, want ErrTooLarge", err)
	}
	if wa.written > 11<<20 {
		t.Fatalf("the download wrote %d MB before stopping, want about 10", wa.written>>20)
	}
}

// watching is a WhatsApp whose download looks, while it writes, at what the
// temporary directory holds.
type watching struct {
	Client
	dir     string
	entries []string
}

func (w *watching) DownloadToFile(_ context.Context, _ whatsmeow.DownloadableMessage, f whatsmeow.File) error {
	if _, err := f.Write([]byte("%PDF-1.7 surat")); err != nil {
		return err
	}
	list, err := os.ReadDir(w.dir)
	for _, e := range list {
		w.entries = append(w.entries, e.Name())
	}
	return err
}

// TestDownloadLeavesNoFileBehind: on Linux a download's file has no name in the
// temporary directory even while it is written, so a process killed mid-download
// (kill -9, the OOM killer) leaves nothing there to pile up; nor does a download
// that ends.
func TestDownloadLeavesNoFileBehind(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("unnamed temporary files (O_TMPFILE) are Linux's")
	}
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	if f, closeFile, err := downloadFile(); err != nil {
		t.Fatal(err)
	} else if closeFile(); f.Name() != dir {
		// An unnamed file is named by the directory it was opened in.
		t.Skipf("the filesystem of %s has no unnamed files: downloads there get a named one (TestNamedDownloadFileIsRemoved)", dir)
	}
	wa := &watching{dir: dir}
	b := &Bot{Client: wa}
	data, err := b.download(context.Background(), &waE2E.DocumentMessage{}, 10<<20)
	if err != nil || string(data) != "%PDF-1.7 surat" {
		t.Fatalf("download = %q, %v", data, err)
	}
	if len(wa.entries) != 0 {
		t.Errorf("while downloading, the temporary directory held %v", wa.entries)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("after the download, the temporary directory holds %d files", len(left))
	}
}

// TestNamedDownloadFileIsRemoved: where a download's file must have a name, closing
// it removes it.
func TestNamedDownloadFileIsRemoved(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	f, closeFile, err := namedDownloadFile()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("%PDF-1.7 surat")); err != nil {
		t.Fatal(err)
	}
	if list, _ := os.ReadDir(dir); len(list) != 1 {
		t.Fatalf("while open, the directory holds %d files, want the download's", len(list))
	}
	closeFile()
	if list, _ := os.ReadDir(dir); len(list) != 0 {
		t.Fatalf("after close, the directory still holds %v", list)
	}
}
