package sim

import (
	"bytes"
	"context"
	"os"
	"testing"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"google.golang.org/protobuf/proto"
)

// TestUploadIsKeptAsIsAndCheaply: a file the bot uploads downloads again byte for
// byte, and uploading 10 MB neither copies nor hashes them (the simulator's upload
// cost a third of the bench's CPU when it did).
func TestUploadIsKeptAsIsAndCheaply(t *testing.T) {
	s := New(func(any) bool { return true })
	defer s.Close()
	ctx := context.Background()
	data := bytes.Repeat([]byte("%PDF-1.4 surat "), 700_000) // 10.5 MB
	var up whatsmeow.UploadResponse
	allocated := testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			var err error
			if up, err = s.Upload(ctx, data, whatsmeow.MediaDocument); err != nil {
				b.Fatal(err)
			}
		}
	}).AllocedBytesPerOp()
	if allocated > 64<<10 {
		t.Errorf("uploading %d bytes allocated %d bytes: a copy", len(data), allocated)
	}
	if up.FileLength != uint64(len(data)) {
		t.Errorf("FileLength = %d, want %d", up.FileLength, len(data))
	}
	doc := &waE2E.DocumentMessage{DirectPath: proto.String(up.DirectPath)}
	got, err := s.Download(ctx, doc)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("download after upload: %d bytes, %v; want the %d uploaded", len(got), err, len(data))
	}
	f, err := os.CreateTemp(t.TempDir(), "dl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := s.DownloadToFile(ctx, doc, f); err != nil {
		t.Fatal(err)
	}
	if onDisk, _ := os.ReadFile(f.Name()); !bytes.Equal(onDisk, data) {
		t.Fatalf("download to a file: %d bytes, want the %d uploaded", len(onDisk), len(data))
	}
	if _, err := s.Download(ctx, &waE2E.DocumentMessage{DirectPath: proto.String("/sim/media/nothing")}); err != whatsmeow.ErrMediaDownloadFailedWith404 {
		t.Fatalf("an unknown file: %v, want 404", err)
	}
}
