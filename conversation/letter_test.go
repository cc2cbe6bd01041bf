package conversation

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/adler32"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot/sim"
)

// letterCode returns the code of a CheckLetter error, failing the test when err is
// not a *loket.Error with a sentence in letterTexts.
func letterCode(t testing.TB, err error) string {
	t.Helper()
	var le *loket.Error
	if !errors.As(err, &le) {
		t.Fatalf("CheckLetter error %v (%T) is not a *loket.Error", err, err)
	}
	if _, ok := letterTexts[le.Code]; !ok {
		t.Fatalf("CheckLetter error code %q has no sentence in letterTexts", le.Code)
	}
	return le.Code
}

// encryptedLetter is the sample letter encrypted by pdfcpu with the given passwords.
func encryptedLetter(t testing.TB, conf *model.Configuration) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(sim.SampleLetterPDF()), &out, conf); err != nil {
		t.Fatalf("encrypt sample letter: %v", err)
	}
	return out.Bytes()
}

// deflatedSpaces is a zlib stream inflating to prefix and then mb megabytes of
// spaces. It repeats one compressed 64 KB chunk instead of compressing
// everything, which takes seconds under -race: after a sync flush the blocks are
// byte-aligned, and with spaces in the whole window the same blocks encode each
// further chunk.
func deflatedSpaces(prefix []byte, mb int) []byte {
	const chunk = 64 << 10
	spaces := bytes.Repeat([]byte(" "), chunk)
	var out bytes.Buffer
	out.Write([]byte{0x78, 0xda}) // zlib header: deflate, 32 KB window, best compression
	w, _ := flate.NewWriter(&out, flate.BestCompression)
	_, _ = w.Write(prefix)
	if mb == 0 {
		_ = w.Close()
		return binary.BigEndian.AppendUint32(out.Bytes(), adler32.Checksum(prefix))
	}
	_, _ = w.Write(spaces)
	_ = w.Flush()
	first := out.Len()
	_, _ = w.Write(spaces)
	_ = w.Flush()
	again := bytes.Clone(out.Bytes()[first:])
	for range mb*(1<<20/chunk) - 2 {
		out.Write(again)
	}
	var tail bytes.Buffer
	w.Reset(&tail) // an empty final block; Reset forgets the window, which it needs not
	_ = w.Close()
	out.Write(tail.Bytes())
	// Adler-32 of prefix then n bytes c: A += n*c, B += n*A0 + c*n(n+1)/2, mod 65521.
	const mod = 65521
	sum := adler32.Checksum(prefix)
	a, b := uint64(sum&0xffff), uint64(sum>>16)
	n := uint64(mb) << 20
	b = (b + n%mod*a + ' '*((n*(n+1)/2)%mod)) % mod
	a = (a + n%mod*' ') % mod
	return binary.BigEndian.AppendUint32(out.Bytes(), uint32(b<<16|a))
}

// objectStreamBomb is a valid one-page PDF 1.5 whose page has one annotation in
// each of n object streams, each padded with mb megabytes of spaces: small on disk,
// n*mb megabytes once pdfcpu has inflated them for validation.
func objectStreamBomb(n, mb int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	type entry struct{ kind, a, b int }
	entries := map[int]entry{}
	obj := func(nr int, body string) {
		entries[nr] = entry{1, b.Len(), 0}
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", nr, body)
	}
	var annots []string
	for i := range n {
		annots = append(annots, fmt.Sprintf("%d 0 R", 4+n+i))
	}
	obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots ["+strings.Join(annots, " ")+"] >>")
	for i := range n {
		nr, inner := 4+i, 4+n+i
		prolog := fmt.Sprintf("%d 0 ", inner)
		z := deflatedSpaces([]byte(prolog+"<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] >>"), mb)
		entries[nr] = entry{1, b.Len(), 0}
		fmt.Fprintf(&b, "%d 0 obj\n<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n", nr, len(prolog), len(z))
		b.Write(z)
		b.WriteString("\nendstream\nendobj\n")
		entries[inner] = entry{2, nr, 0}
	}
	xrefNr := 4 + 2*n
	entries[xrefNr] = entry{1, b.Len(), 0}
	rows := []byte{0, 0, 0, 0, 0, 0xff, 0xff}
	for nr := 1; nr <= xrefNr; nr++ {
		e := entries[nr]
		rows = append(rows, byte(e.kind))
		rows = binary.BigEndian.AppendUint32(rows, uint32(e.a))
		rows = binary.BigEndian.AppendUint16(rows, uint16(e.b))
	}
	start := entries[xrefNr].a
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n", xrefNr, xrefNr+1, len(rows))
	b.Write(rows)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", start)
	return b.Bytes()
}

// swapInspector replaces the pdfcpu step for one test.
func swapInspector(t *testing.T, f func(context.Context, []byte) inspection) {
	t.Helper()
	old := inspectLetter
	inspectLetter = f
	t.Cleanup(func() { inspectLetter = old })
}

func TestCheckLetterRefusals(t *testing.T) {
	setUpPDF() // before api.Encrypt, so that pdfcpu never writes ~/.config
	sample := sim.SampleLetterPDF()
	eleven := append([]byte("%PDF-1.4\n"), make([]byte, 11<<20-9)...)
	atLimit := append([]byte("%PDF-1.4\n"), make([]byte, MaxLetterBytes-9)...)
	cases := []struct {
		name string
		data []byte
		code string
	}{
		{"empty", nil, "letter_not_pdf"},
		{"word file", []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml word/document.xml"), "letter_not_pdf"},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"), "letter_not_pdf"},
		{"text named .pdf", []byte("Halo, ini surat saya"), "letter_not_pdf"},
		{"pdf header after a byte order mark", append([]byte("\xef\xbb\xbf"), sample...), "letter_not_pdf"},
		{"header only", []byte("%PDF-"), "letter_broken"},
		{"header then garbage", []byte("%PDF-1.7\nthis is not a pdf at all \x00\x01\x02\n%%EOF"), "letter_broken"},
		{"truncated", sample[:len(sample)/2], "letter_broken"},
		{"page count lies", bytes.Replace(sample, []byte("/Count 1"), []byte("/Count 3"), 1), "letter_broken"},
		{"at the size limit, garbage", atLimit, "letter_broken"},
		{"11 MB", eleven, "letter_too_large"},
		{"user password, AES-256", encryptedLetter(t, model.NewAESConfiguration("rahasia", "pemilik", 256)), "letter_encrypted"},
		{"user password, AES-128", encryptedLetter(t, model.NewAESConfiguration("rahasia", "pemilik", 128)), "letter_encrypted"},
		{"user password, RC4-40", encryptedLetter(t, model.NewRC4Configuration("rahasia", "pemilik", 40)), "letter_encrypted"},
		{"owner password only", encryptedLetter(t, model.NewAESConfiguration("", "pemilik", 256)), "letter_encrypted"},
		{"no pages", sim.SamplePDF(0, ""), "letter_no_pages"},
		{"object stream bomb", objectStreamBomb(10, 8), "letter_broken"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			info, err := CheckLetter(context.Background(), c.data)
			if err == nil {
				t.Fatalf("CheckLetter accepted it: %+v", info)
			}
			if code := letterCode(t, err); code != c.code {
				t.Fatalf("CheckLetter = %v, want code %s", err, c.code)
			}
		})
	}
}

func TestCheckLetterTooLargeSaysMegabytes(t *testing.T) {
	_, err := CheckLetter(context.Background(), append([]byte("%PDF-1.4\n"), make([]byte, 11<<20-9)...))
	var le *loket.Error
	if !errors.As(err, &le) || len(le.Args) != 1 || le.Args[0] != "11.0" {
		t.Fatalf("CheckLetter(11 MB) = %#v, want letter_too_large with arg \"11.0\"", err)
	}
	got, _ := letterTexts.Say(loket.Indonesian, le.Code, le.Args...)
	if !strings.Contains(got, "11.0 MB") || strings.Contains(got, "%!") {
		t.Fatalf("sentence %q does not show the size", got)
	}
}

func TestCheckLetterAcceptsSamples(t *testing.T) {
	for _, c := range []struct {
		name  string
		data  []byte
		pages int
	}{
		{"sample letter", sim.SampleLetterPDF(), 1},
		{"three pages", sim.SamplePDF(3, "Surat (uji) \\ coba\nbaris kedua: café"), 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			info, err := CheckLetter(context.Background(), c.data)
			if err != nil {
				t.Fatalf("CheckLetter: %v", err)
			}
			want := LetterInfo{Pages: c.pages, SHA256: sha256.Sum256(c.data), Size: int64(len(c.data))}
			if info != want {
				t.Fatalf("CheckLetter = %+v, want %+v", info, want)
			}
		})
	}
}

// TestCheckLetterSkipsMetadata: pdfcpu inflates catalog XMP metadata with its own
// 512 MB limit whatever conf.Limits say; CheckLetter must not let it.
func TestCheckLetterSkipsMetadata(t *testing.T) {
	meta := deflatedSpaces([]byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/">`), 64)
	data := sim.AssemblePDF(
		"<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
		fmt.Sprintf("<< /Type /Metadata /Subtype /XML /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", len(meta), meta),
	)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	info, err := CheckLetter(context.Background(), data)
	runtime.ReadMemStats(&after)
	if err != nil || info.Pages != 1 {
		t.Fatalf("CheckLetter = %+v, %v; want one page", info, err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
		t.Fatalf("checking a %d-byte file allocated %d MB: the metadata was inflated", len(data), alloc>>20)
	}
}

func TestCheckLetterPanicIsBroken(t *testing.T) {
	swapInspector(t, func(context.Context, []byte) inspection { panic("index out of range [7] with length 3") })
	// More panics than slots: each must give its slot back.
	for range letterConcurrency + 1 {
		_, err := CheckLetter(context.Background(), []byte("%PDF-1.4\n"))
		if code := letterCode(t, err); code != "letter_broken" {
			t.Fatalf("panic gave %v, want letter_broken", err)
		}
	}
}

func TestCheckLetterTimeout(t *testing.T) {
	hung := make(chan struct{}, 1)
	swapInspector(t, func(ctx context.Context, _ []byte) inspection {
		<-ctx.Done() // like pdfcpu, which only notices cancellation between objects
		hung <- struct{}{}
		return inspection{err: ctx.Err()}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := CheckLetter(ctx, sim.SampleLetterPDF())
	if code := letterCode(t, err); code != "letter_timeout" {
		t.Fatalf("hung check gave %v, want letter_timeout", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("timeout after %v, want about 50ms", d)
	}
	select {
	case <-hung: // the abandoned check was told to stop
	case <-time.After(2 * time.Second):
		t.Fatal("the abandoned check's context was not cancelled")
	}

	done, stop := context.WithCancel(context.Background())
	stop()
	if _, err := CheckLetter(done, sim.SampleLetterPDF()); letterCode(t, err) != "letter_timeout" {
		t.Fatalf("cancelled context gave %v, want letter_timeout", err)
	}
}

func TestCheckLetterTwoAtATime(t *testing.T) {
	var running, most atomic.Int32
	release := make(chan struct{})
	started := make(chan struct{}, 8)
	swapInspector(t, func(context.Context, []byte) inspection {
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		started <- struct{}{}
		<-release
		running.Add(-1)
		return inspection{pages: 1}
	})
	const checks = 5
	var wg sync.WaitGroup
	errs := make(chan error, checks)
	for range checks {
		wg.Go(func() {
			_, err := CheckLetter(context.Background(), []byte("%PDF-1.4\n"))
			errs <- err
		})
	}
	for range letterConcurrency {
		<-started
	}
	// Both slots are taken: a third check waits, and gives up at its deadline.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	_, err := CheckLetter(ctx, []byte("%PDF-1.4\n"))
	cancel()
	if code := letterCode(t, err); code != "letter_timeout" {
		t.Fatalf("check waiting for a slot gave %v, want letter_timeout", err)
	}
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("check failed: %v", err)
		}
	}
	if m := most.Load(); m != letterConcurrency {
		t.Fatalf("%d checks ran at once, want %d", m, letterConcurrency)
	}
}

func TestLetterTextsBothLanguages(t *testing.T) {
	for code, pair := range letterTexts {
		if pair[0] == "" || pair[1] == "" || pair[0] == pair[1] {
			t.Errorf("%s: want an Indonesian and an English sentence, got %q", code, pair)
		}
		if strings.Count(pair[0], "%s") != strings.Count(pair[1], "%s") {
			t.Errorf("%s: the two languages take different arguments", code)
		}
	}
}

func FuzzCheckLetter(f *testing.F) {
	setUpPDF()
	letter := sim.SampleLetterPDF()
	f.Add(letter)
	f.Add(sim.SamplePDF(2, "Surat (uji)"))
	f.Add(sim.SamplePDF(0, ""))
	f.Add(letter[:len(letter)*3/4])
	f.Add(encryptedLetter(f, model.NewAESConfiguration("", "pemilik", 128)))
	f.Add(objectStreamBomb(2, 0)) // object streams; a real bomb is slow to mutate
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := CheckLetter(context.Background(), data)
		if err != nil {
			letterCode(t, err)
			return
		}
		if info.Pages < 1 || info.Size != int64(len(data)) {
			t.Fatalf("accepted with %+v", info)
		}
	})
}

func BenchmarkCheckLetter(b *testing.B) {
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"letter", sim.SampleLetterPDF()},
		{"20 pages", sim.SamplePDF(20, strings.Repeat("Surat permohonan layanan TIK\n", 30))},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			for b.Loop() {
				if _, err := CheckLetter(context.Background(), c.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestDeflatedSpacesForLetterBombs(t *testing.T) {
	for _, mb := range []int{0, 1, 2} {
		r, err := zlib.NewReader(bytes.NewReader(deflatedSpaces([]byte("<x>"), mb)))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(got, append([]byte("<x>"), bytes.Repeat([]byte(" "), mb<<20)...)) {
			t.Fatalf("%d MB: inflated %d bytes, %v", mb, len(got), err)
		}
	}
}
