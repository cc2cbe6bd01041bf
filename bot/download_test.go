package bot

import (
	"context"
	"errors"
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
