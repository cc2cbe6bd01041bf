package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/store"
	"github.com/uns-dtik/loket/store/storetest"
)

// scanLike is a letter of size bytes shaped as a scanned PDF: a few kilobytes of
// text (the PDF's objects), then noise (the scan's image, which does not compress).
// The text matters: PostgreSQL's pglz gives up on a value whose first kilobyte has
// nothing to compress, so noise alone would never show what a compression attempt
// on a real scan costs.
func scanLike(size int) loket.Letter {
	data := make([]byte, size)
	_, _ = rand.NewChaCha8([32]byte{1}).Read(data)
	copy(data, strings.Repeat("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\n", 64))
	sum := sha256.Sum256(data)
	return loket.Letter{FileName: "surat.pdf", Size: int64(size), Pages: 1, SHA256: sum[:], Data: data}
}

// BenchmarkAddLetter10MB stores a 10 MB letter, durably, as the letter field does
// (issue 10: at most 100 ms on the 2-core machine).
func BenchmarkAddLetter10MB(b *testing.B) {
	env := storetest.New(b)
	ctx := context.Background()
	l := scanLike(10 << 20)
	b.SetBytes(int64(len(l.Data)))
	b.ResetTimer()
	for i := range b.N {
		if _, err := env.DB.AddLetter(ctx, "628111", int64(i+1), l); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLettersAreStoredPlainInChunks: a letter's bytes are rows of at most a page,
// stored as they are (PLAIN), and the simulator's files (the same letters) out of
// line without a compression attempt, which for a scan of megabytes costs more than
// the write itself and gains nothing.
func TestLettersAreStoredPlainInChunks(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	for col, want := range map[[2]string]string{{"letter_chunks", "data"}: "p", {"sim_media", "data"}: "e"} {
		var storage string
		err := env.DB.Pool.QueryRow(ctx, `
			SELECT a.attstorage::text FROM pg_attribute a
			WHERE a.attrelid = to_regclass($1) AND a.attname = $2`, col[0], col[1]).Scan(&storage)
		if err != nil || storage != want {
			t.Errorf("%s.%s: storage %q (%v), want %q", col[0], col[1], storage, err, want)
		}
	}
	id, err := env.DB.AddLetter(ctx, "628111", 1, scanLike(1<<20+1))
	if err != nil {
		t.Fatal(err)
	}
	var chunks, largest int
	if err := env.DB.Pool.QueryRow(ctx, `SELECT count(*), max(octet_length(data)) FROM letter_chunks WHERE letter_id = $1`, id).
		Scan(&chunks, &largest); err != nil || chunks != (1<<20)/8000+1 || largest != 8000 {
		t.Errorf("a letter of 1 MB + 1 byte: %d chunks of at most %d bytes (%v)", chunks, largest, err)
	}
}

// TestAddLetterOnceAndWhole: a 10 MB letter is stored once per message, and read
// back byte for byte.
func TestAddLetterOnceAndWhole(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	l := scanLike(10 << 20)
	first, err := env.DB.AddLetter(ctx, "628111", 7, l)
	if err != nil {
		t.Fatal(err)
	}
	again, err := env.DB.AddLetter(ctx, "628111", 7, l)
	if err != nil || again != first {
		t.Fatalf("the same message stored again: %d, %v; want %d", again, err, first)
	}
	got, err := env.DB.Letter(ctx, first)
	if err != nil || !bytes.Equal(got.Data, l.Data) || !bytes.Equal(got.SHA256, l.SHA256) {
		t.Fatalf("read back: %v, equal %v", err, got != nil && bytes.Equal(got.Data, l.Data))
	}
	// A letter stored before the chunks (migration 00012) is read from its column.
	var old int64
	if err := env.DB.Pool.QueryRow(ctx, `INSERT INTO letters (chat, filename, size, pages, sha256, content)
		VALUES ('628111', 'lama.pdf', 3, 1, '\x01', 'pdf') RETURNING id`).Scan(&old); err != nil {
		t.Fatal(err)
	}
	if got, err := env.DB.Letter(ctx, old); err != nil || string(got.Data) != "pdf" || got.FileName != "lama.pdf" {
		t.Fatalf("a letter kept whole: %+v, %v", got, err)
	}
	if err := env.DB.DropLetters(ctx, "628111", []int64{first, old}); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := env.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM letter_chunks`).Scan(&left); err != nil || left != 0 {
		t.Fatalf("dropped letters left %d chunks (%v)", left, err)
	}
	if _, err := env.DB.Letter(ctx, first); !errors.Is(err, loket.ErrNotFound) {
		t.Fatalf("a dropped letter: %v", err)
	}
}

// BenchmarkLetter3MB reads back a stored letter of 3 MB, as each notification that
// carries it does.
func BenchmarkLetter3MB(b *testing.B) {
	env := storetest.New(b)
	ctx := context.Background()
	l := scanLike(3 << 20)
	id, err := env.DB.AddLetter(ctx, "628111", 1, l)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(l.Data)))
	for b.Loop() {
		got, err := env.DB.Letter(ctx, id)
		if err != nil || len(got.Data) != len(l.Data) {
			b.Fatal(len(got.Data), err)
		}
	}
}

// TestLetterReadOverTheSimpleProtocol: a database URL that asks for the simple
// protocol (as a transaction pooler needs) gets bytea back as text; a letter read
// that way is still the letter's bytes, not their hex.
func TestLetterReadOverTheSimpleProtocol(t *testing.T) {
	t.Parallel()
	env := storetest.New(t)
	ctx := context.Background()
	l := scanLike(100_000)
	id, err := env.DB.AddLetter(ctx, "628111", 1, l)
	if err != nil {
		t.Fatal(err)
	}
	simple, err := store.Open(ctx, env.DatabaseURLWith("default_query_exec_mode", "simple_protocol"), 2)
	if err != nil {
		t.Fatal(err)
	}
	defer simple.Close()
	got, err := simple.Letter(ctx, id)
	if err != nil || !bytes.Equal(got.Data, l.Data) {
		t.Fatalf("read over the simple protocol: %d bytes (want %d), %v", len(got.Data), len(l.Data), err)
	}
}
