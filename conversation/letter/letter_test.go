package letter

import (
	"bytes"
	"compress/zlib"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/uns-dtik/loket/bot/sim"
)

// TestMain lets this test binary serve as the checker's child, as loket's main does.
func TestMain(m *testing.M) {
	ChildMain()
	os.Exit(m.Run())
}

// code returns the refusal code of a Check error ("" for none), failing the test when
// err is some other kind of error.
func code(t testing.TB, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var r *Refusal
	if !errors.As(err, &r) {
		t.Fatalf("Check error %v (%T) is not a *Refusal", err, err)
	}
	if !slices.Contains(Codes, r.Code) {
		t.Fatalf("Check error code %q is not one of Codes", r.Code)
	}
	return r.Code
}

// The three files that ended the whole process with "fatal error: stack overflow"
// inside pdfcpu's validation, before the check ran in a child.
var stackOverflows = map[string][]byte{
	"indexed colour space based on itself": letterWith("/ColorSpace << /CS0 5 0 R >>", "/CS0 cs 0 sc 0 0 10 10 re f", "", "[/Indexed 5 0 R 1 <000000FFFFFF>]"),
	"pattern whose resources hold itself": letterWith("/Pattern << /P0 5 0 R >>", "", "",
		stream("/PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 10 10] /XStep 10 /YStep 10 /Resources << /Pattern << /P0 5 0 R >> >>", "")),
	"type 3 function holding itself": letterWith("/Shading << /Sh0 5 0 R >>", "/Sh0 sh", "",
		"<< /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 1 1] /Function 6 0 R >>",
		"<< /FunctionType 3 /Domain [0 1] /Functions [6 0 R] /Bounds [] /Encode [0 1] >>"),
}

// TestStackOverflowsCostOneChild: each of these files overflows pdfcpu's stack; the
// child dies, the applicant is told the file cannot be read, and this process lives on.
func TestStackOverflowsCostOneChild(t *testing.T) {
	var c Checker
	for name, pdf := range stackOverflows {
		t.Run(name, func(t *testing.T) {
			_, err := c.Check(context.Background(), pdf)
			if got := code(t, err); got != CodeUnreadable {
				t.Fatalf("Check = %v, want %s", err, CodeUnreadable)
			}
			var ue *UnreadableError
			if !errors.As(err, &ue) || !strings.Contains(ue.Reason, "exit status 2") {
				t.Fatalf("the child did not die as Go does on a stack overflow: %v", err)
			}
		})
	}
}

// TestHostileCorpus runs every generated hostile file through the checker: each gets
// an acceptance or a refusal (the one its seed expects, where it says), never a crash
// or a silence.
func TestHostileCorpus(t *testing.T) {
	files := corpus()
	if len(files) < 100 {
		t.Fatalf("the corpus has %d files, want at least 100", len(files))
	}
	c := Checker{Timeout: 5 * time.Second}
	verdicts := map[string]int{}
	var mu sync.Mutex
	t.Run("files", func(t *testing.T) {
		for _, h := range files {
			t.Run(h.name, func(t *testing.T) {
				t.Parallel()
				if len(h.pdf) > MaxBytes {
					t.Fatalf("the seed makes %d bytes, over the limit it means to test below", len(h.pdf))
				}
				_, err := c.Check(context.Background(), h.pdf)
				got := code(t, err)
				mu.Lock()
				verdicts[got]++
				mu.Unlock()
				if len(h.want) > 0 && !slices.Contains(h.want, got) {
					t.Fatalf("verdict %q (%v), want one of %q", got, err, h.want)
				}
			})
		}
	})
	t.Logf("%d hostile files: %v", len(files), verdicts)
}

func TestRefusals(t *testing.T) {
	sample := sim.SampleLetterPDF()
	eleven := append([]byte("%PDF-1.4\n"), make([]byte, 11<<20-9)...)
	atLimit := append([]byte("%PDF-1.4\n"), make([]byte, MaxBytes-9)...)
	copy(atLimit[MaxBytes-7:], "\n%%EOF\n")
	cases := []struct {
		name string
		data []byte
		code string
	}{
		{"empty", nil, CodeNotPDF},
		{"word file", []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml word/document.xml"), CodeNotPDF},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"), CodeNotPDF},
		{"text named .pdf", []byte("Halo, ini surat saya"), CodeNotPDF},
		{"pdf header after a byte order mark", append([]byte("\xef\xbb\xbf"), sample...), CodeNotPDF},
		{"header only", []byte("%PDF-"), CodeTruncated},
		{"header then garbage", []byte("%PDF-1.7\nthis is not a pdf at all \x00\x01\x02\n%%EOF"), CodeBroken},
		{"truncated", sample[:len(sample)/2], CodeTruncated},
		{"cut just before %%EOF", sample[:bytes.LastIndex(sample, []byte("%%EOF"))], CodeTruncated},
		{"an update cut off after the first %%EOF", append(append([]byte{}, sample...), bytes.Repeat([]byte("1 0 obj\n"), 200)...), CodeTruncated},
		{"page count lies", bytes.Replace(sample, []byte("/Count 1"), []byte("/Count 3"), 1), CodeBroken},
		{"at the size limit, garbage", atLimit, CodeBroken},
		{"11 MB", eleven, CodeTooLarge},
		{"user password, AES-256", encryptedLetter(t, model.NewAESConfiguration("rahasia", "pemilik", 256)), CodeEncrypted},
		{"user password, AES-128", encryptedLetter(t, model.NewAESConfiguration("rahasia", "pemilik", 128)), CodeEncrypted},
		{"user password, RC4-40", encryptedLetter(t, model.NewRC4Configuration("rahasia", "pemilik", 40)), CodeEncrypted},
		{"owner password only", encryptedLetter(t, model.NewAESConfiguration("", "pemilik", 256)), CodeEncrypted},
		{"no pages", sim.SamplePDF(0, ""), CodeNoPages},
		{"51 pages", sim.SamplePDF(MaxPages+1, "halaman"), CodeTooManyPages},
		{"object stream bomb", objectStreamBomb(20, 8), CodeUnpackedTooLarge},
		{"JavaScript", letterWith("", "", "/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"), CodeActiveContent},
	}
	var c Checker
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			info, err := c.Check(context.Background(), tc.data)
			if err == nil {
				t.Fatalf("Check accepted it: %+v", info)
			}
			if got := code(t, err); got != tc.code {
				t.Fatalf("Check = %v, want code %s", err, tc.code)
			}
		})
	}
}

// TestRefusalsCarryTheSize: a refusal carries the file's size, which the sentence
// of a file too large shows; the other limits are the package's constants.
func TestRefusalsCarryTheSize(t *testing.T) {
	var c Checker
	for _, tc := range []struct {
		data []byte
		code string
	}{
		{append([]byte("%PDF-1.4\n"), make([]byte, 11<<20-9)...), CodeTooLarge},
		{sim.SamplePDF(MaxPages+1, "x"), CodeTooManyPages},
		{objectStreamBomb(20, 8), CodeUnpackedTooLarge},
	} {
		_, err := c.Check(context.Background(), tc.data)
		var r *Refusal
		if !errors.As(err, &r) || *r != (Refusal{Code: tc.code, Size: int64(len(tc.data))}) {
			t.Errorf("Check = %#v, want %s of %d bytes", err, tc.code, len(tc.data))
		}
	}
	if got := Megabytes(11 << 20); got != "11.0" {
		t.Errorf("Megabytes(11 MB) = %q", got)
	}
}

// TestTruncatedLettersAreRefused: a letter cut off anywhere — in its page's content
// stream, its cross-reference table or its trailer — is refused as cut off, never
// accepted with part of its page gone and never called "not a PDF".
func TestTruncatedLettersAreRefused(t *testing.T) {
	var c Checker
	for _, data := range [][]byte{sim.SampleLetterPDF(), sim.SamplePDF(3, "halaman")} {
		for cut := 16; cut < len(data)-1; cut += max(1, len(data)/40) {
			_, err := c.Check(context.Background(), data[:cut])
			if got := code(t, err); got != CodeTruncated {
				t.Errorf("cut at %d of %d bytes: %v, want %s", cut, len(data), err, CodeTruncated)
			}
		}
	}
}

func TestAcceptsLetters(t *testing.T) {
	var c Checker
	for _, tc := range []struct {
		name  string
		data  []byte
		pages int
	}{
		{"sample letter", sim.SampleLetterPDF(), 1},
		{"three pages", sim.SamplePDF(3, "Surat (uji) \\ coba\nbaris kedua: café"), 3},
		{"as many pages as allowed", sim.SamplePDF(MaxPages, "halaman"), MaxPages},
		{"100 MB of content inflated", letterWith("", "", "", flateStream("", []byte("BT ET "), 100)), 1},
		{"padded after %%EOF", append(sim.SampleLetterPDF(), bytes.Repeat([]byte("\x00\r\n "), 2000)...), 1},
		{"a few bytes after %%EOF", append(sim.SampleLetterPDF(), "\nsigned-by: scanner 1.0\n"...), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, err := c.Check(context.Background(), tc.data)
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			want := Info{Pages: tc.pages, SHA256: sha256.Sum256(tc.data), Size: int64(len(tc.data))}
			if info != want {
				t.Fatalf("Check = %+v, want %+v", info, want)
			}
		})
	}
}

// TestInspectSkipsMetadata: pdfcpu inflates catalog XMP metadata with its own 512 MB
// limit whatever conf.Limits say; Inspect must not let it.
func TestInspectSkipsMetadata(t *testing.T) {
	data := letterWith("", "", "/Metadata 5 0 R", flateStream("/Type /Metadata /Subtype /XML", []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/">`), 64))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := Inspect(context.Background(), data)
	runtime.ReadMemStats(&after)
	if v.Code != "" || v.Pages != 1 {
		t.Fatalf("Inspect = %+v; want one page", v)
	}
	// The decode budget inflates it once, into memory dropped at once; validation
	// would inflate it again and parse it.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 200<<20 {
		t.Fatalf("checking a %d-byte file allocated %d MB: the metadata was inflated more than once", len(data), alloc>>20)
	}
}

// script is a child that is not a Go program: a shell script standing in for one
// that crashes, hangs, floods its output or says nothing useful.
func script(t *testing.T, body string) []string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "child.sh")
	if err := os.WriteFile(path, []byte(body+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Run by the shell, not exec'd: a file just written may still be open in a
	// child another test forked meanwhile ("text file busy").
	return []string{"/bin/sh", path}
}

// TestChildFailuresAreUnreadable: a child that gives no clean verdict, however it
// fails, is the applicant's "cannot be read" within the time limit, and is not used
// again. (These children read nothing: the letter waits in the pipe.)
func TestChildFailuresAreUnreadable(t *testing.T) {
	for name, body := range map[string]string{
		"crash":                 "echo 'fatal error: stack overflow' >&2; exit 2",
		"killed":                "kill -9 $$",
		"silence":               "exit 0",
		"garbage":               "echo 'PASS'",
		"flood":                 "yes verdict | head -c 10000000",
		"empty verdict":         "echo '{}'",
		"reads nothing, hangs":  "sleep 30",
		"half a verdict, hangs": `printf '{"pages"'; sleep 30`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := Checker{Command: script(t, body), Timeout: 500 * time.Millisecond}
			for _, data := range [][]byte{sim.SampleLetterPDF(), scanned(t, 1<<20)} {
				start := time.Now()
				_, err := c.Check(context.Background(), data)
				if got := code(t, err); got != CodeUnreadable {
					t.Fatalf("Check = %v, want %s", err, CodeUnreadable)
				}
				if d := time.Since(start); d > 5*time.Second {
					t.Fatalf("the verdict took %v; the child's time limit is 500 ms", d)
				}
			}
			if n := c.started.Load(); n != 2 {
				t.Fatalf("%d children started for two letters; a failed child must not be used again", n)
			}
		})
	}
}

// TestChildChecksManyLetters: one child checks letter after letter (starting one
// costs more than a check), and Close lets it exit.
func TestChildChecksManyLetters(t *testing.T) {
	var c Checker
	letters := [][]byte{sim.SampleLetterPDF(), scanned(t, 3<<20), sim.SamplePDF(2, "Surat (uji)"), scanned(t, 1<<20), sim.SampleLetterPDF()}
	for i, data := range letters {
		if _, err := c.Check(context.Background(), data); err != nil {
			t.Fatalf("letter %d: %v", i, err)
		}
	}
	if n := c.started.Load(); n != 1 {
		t.Fatalf("%d children started for %d letters checked one after another, want 1", n, len(letters))
	}
	ch := <-c.idle
	c.idle <- ch
	c.Close()
	select {
	case <-ch.exited:
	case <-time.After(5 * time.Second):
		t.Fatal("the idle child still runs 5 s after Close")
	}
}

// TestChildDeadWhileIdle: a child that died while idle (killed from outside) is
// replaced without blaming the letter.
func TestChildDeadWhileIdle(t *testing.T) {
	var c Checker
	defer c.Close()
	for i := range 3 {
		if _, err := c.Check(context.Background(), sim.SampleLetterPDF()); err != nil {
			t.Fatalf("check %d: %v", i, err)
		}
		ch := <-c.idle
		if err := ch.cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			<-ch.exited // once known dead, once found dead only by the write
		}
		c.idle <- ch
	}
	if n := c.started.Load(); n != 3 {
		t.Fatalf("%d children started, want 3 (each killed while idle)", n)
	}
}

// TestHostileLetterOnAUsedChild: a file that kills a child which checked letters
// before is still the file's fault (no second child is spent on it), and the next
// honest letter gets a fresh child.
func TestHostileLetterOnAUsedChild(t *testing.T) {
	var c Checker
	defer c.Close()
	for _, step := range []struct {
		pdf     []byte
		want    string
		started int64
	}{
		{sim.SampleLetterPDF(), "", 1},
		{stackOverflows["type 3 function holding itself"], CodeUnreadable, 1},
		{sim.SampleLetterPDF(), "", 2},
	} {
		_, err := c.Check(context.Background(), step.pdf)
		if got := code(t, err); got != step.want {
			t.Fatalf("Check = %v, want %q", err, step.want)
		}
		if n := c.started.Load(); n != step.started {
			t.Fatalf("%d children started, want %d", n, step.started)
		}
	}
}

// TestMemoryLimitKillsTheChild: a child that maps more than its limit dies; that is
// the applicant's "cannot be read", not the bot's out-of-memory.
func TestMemoryLimitKillsTheChild(t *testing.T) {
	c := Checker{MemoryLimit: 16 << 20}
	// 150 MB of object streams are inflated while pdfcpu reads the file, before the
	// decode budget is looked at.
	_, err := c.Check(context.Background(), objectStreamBomb(15, 10))
	if got := code(t, err); got != CodeUnreadable {
		t.Fatalf("Check = %v, want %s", err, CodeUnreadable)
	}
}

// TestConcurrencyIsBounded: no more children run at once than Concurrency, and a
// check that cannot start before its caller's deadline says the checker is busy.
func TestConcurrencyIsBounded(t *testing.T) {
	running, log := t.TempDir(), filepath.Join(t.TempDir(), "counts")
	// Each child notes itself in a directory while it runs and logs how many it
	// found there: the most logged is the most that ran at once.
	c := Checker{Concurrency: 2, Command: script(t, fmt.Sprintf(`touch %[1]s/$$; ls %[1]s | wc -l >> %[2]s; sleep 0.3; rm %[1]s/$$; echo '+{"pages":1}'`, running, log))}
	var wg sync.WaitGroup
	for range 5 {
		wg.Go(func() {
			if _, err := c.Check(context.Background(), sim.SampleLetterPDF()); err != nil {
				t.Errorf("check: %v", err)
			}
		})
	}
	time.Sleep(100 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	_, err := c.Check(ctx, sim.SampleLetterPDF())
	cancel()
	if got := code(t, err); got != CodeBusy {
		t.Fatalf("a check waiting for a free child gave %v, want %s", err, CodeBusy)
	}
	wg.Wait()
	counts, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	most := 0
	for _, f := range strings.Fields(string(counts)) {
		n, _ := strconv.Atoi(f)
		most = max(most, n)
	}
	if most != 2 {
		t.Fatalf("%d children ran at once (log %q), want 2", most, counts)
	}
}

// TestNestedCheckRefused: a child that did not become a checker (its main forgot
// ChildMain) must not start children of its own.
func TestNestedCheckRefused(t *testing.T) {
	t.Setenv(childEnv, "1")
	var c Checker
	if _, err := c.Check(context.Background(), sim.SampleLetterPDF()); !errors.Is(err, ErrNested) {
		t.Fatalf("Check in a child = %v, want ErrNested", err)
	}
}

func FuzzCheck(f *testing.F) {
	f.Add(sim.SampleLetterPDF())
	f.Add(sim.SamplePDF(2, "Surat (uji)"))
	f.Add(sim.SamplePDF(0, ""))
	for _, h := range corpus() {
		if len(h.pdf) < 64<<10 {
			f.Add(h.pdf)
		}
	}
	var c Checker
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := c.Check(context.Background(), data)
		if err != nil {
			code(t, err)
			return
		}
		if info.Pages < 1 || info.Pages > MaxPages || info.Size != int64(len(data)) {
			t.Fatalf("accepted with %+v", info)
		}
	})
}

// BenchmarkCheck measures a letter's check both ways: Inspect alone (pdfcpu in this
// process) and Check (a child process per letter); the difference is the price of
// the isolation.
func BenchmarkCheck(b *testing.B) {
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"letter", sim.SampleLetterPDF()},
		{"20 pages", sim.SamplePDF(20, strings.Repeat("Surat permohonan layanan TIK\n", 30))},
		{"scanned 3 MB", scanned(b, 3<<20)},
		{"scanned 10 MB", scanned(b, MaxBytes-4096)},
	} {
		b.Run(tc.name+"/in-process", func(b *testing.B) {
			b.SetBytes(int64(len(tc.data)))
			for b.Loop() {
				if v := Inspect(context.Background(), tc.data); v.Code != "" {
					b.Fatal(v)
				}
			}
		})
		b.Run(tc.name+"/child", func(b *testing.B) {
			var c Checker
			b.SetBytes(int64(len(tc.data)))
			for b.Loop() {
				if _, err := c.Check(context.Background(), tc.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// scanned is a scanned letter of about size bytes, as `loket bench` sends them.
func scanned(tb testing.TB, size int) []byte {
	data, err := sim.ScannedLetterPDF(size, rand.NewChaCha8([32]byte{1}))
	if err != nil {
		tb.Fatal(err)
	}
	return data
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

// TestVerdictOfAChildThatEnds: a child that answers and then ends at once — its
// process gone before its answer is read — still has its answer read. (The pipe
// was closed as the process was waited for, and a few checks in a hundred lost it.)
func TestVerdictOfAChildThatEnds(t *testing.T) {
	c := Checker{Command: script(t, `printf '+{"pages":1}\n'`)}
	defer c.Close()
	for i := range 200 {
		if _, err := c.Check(context.Background(), sim.SampleLetterPDF()); err != nil {
			t.Fatalf("check %d: %v", i, err)
		}
	}
}

// TestChildThatGrewIsRetired: a child whose address space a letter made grow past
// half its memory limit answers, then ends; the next letter gets a fresh child with
// the whole limit. (The bomb's 150 MB of object streams are inflated, and mapped,
// before the decode budget refuses it.)
func TestChildThatGrewIsRetired(t *testing.T) {
	if mappedBytes() == 0 {
		t.Skip("no /proc: the child cannot see its own size")
	}
	c := Checker{MemoryLimit: 400 << 20}
	defer c.Close()
	if _, err := c.Check(context.Background(), objectStreamBomb(15, 10)); code(t, err) != CodeUnpackedTooLarge {
		t.Fatalf("the bomb: %v, want %s (a child that survives it)", err, CodeUnpackedTooLarge)
	}
	if _, err := c.Check(context.Background(), sim.SampleLetterPDF()); err != nil {
		t.Fatalf("the letter after the bomb: %v", err)
	}
	if n := c.started.Load(); n != 2 {
		t.Fatalf("%d children started, want 2: the one the bomb made grow must not be used again", n)
	}
}
