package letter

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/adler32"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/uns-dtik/loket/bot/sim"
)

// Hand-made PDFs for the tests: what sim.AssemblePDF cannot write (object streams,
// encryption, bombs).

// encryptedLetter is the sample letter encrypted by pdfcpu with the given passwords.
func encryptedLetter(t testing.TB, conf *model.Configuration) []byte {
	t.Helper()
	pdfcpuSetup.Do(api.DisableConfigDir)
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

// zlibOf compresses data with zlib.
func zlibOf(data []byte) []byte {
	var out bytes.Buffer
	w := zlib.NewWriter(&out)
	_, _ = w.Write(data)
	_ = w.Close()
	return out.Bytes()
}

// pdf15 writes a PDF 1.5 with a cross-reference stream: objs are objects 1..n; each
// object numbered in packed goes into an object stream of its own instead, padded
// with pad megabytes of spaces after its object.
func pdf15(objs []string, packed map[int]bool, pad int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	type entry struct{ kind, a, b int }
	entries := map[int]entry{}
	next := len(objs) + 1
	for i, body := range objs {
		nr := i + 1
		if !packed[nr] {
			entries[nr] = entry{1, b.Len(), 0}
			fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", nr, body)
			continue
		}
		stm := next
		next++
		prolog := fmt.Sprintf("%d 0 ", nr)
		z := deflatedSpaces([]byte(prolog+body), pad)
		entries[stm] = entry{1, b.Len(), 0}
		fmt.Fprintf(&b, "%d 0 obj\n<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n", stm, len(prolog), len(z))
		b.Write(z)
		b.WriteString("\nendstream\nendobj\n")
		entries[nr] = entry{2, stm, 0}
	}
	xrefNr := next
	entries[xrefNr] = entry{1, b.Len(), 0}
	rows := []byte{0, 0, 0, 0, 0, 0xff, 0xff}
	for nr := 1; nr <= xrefNr; nr++ {
		e := entries[nr]
		rows = append(rows, byte(e.kind))
		rows = binary.BigEndian.AppendUint32(rows, uint32(e.a))
		rows = binary.BigEndian.AppendUint16(rows, uint16(e.b))
	}
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n", xrefNr, xrefNr+1, len(rows))
	b.Write(rows)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", entries[xrefNr].a)
	return b.Bytes()
}

// objectStreamBomb is a valid one-page PDF 1.5 whose page has n annotations, each in
// an object stream of its own padded with mb megabytes of spaces: small on disk, n*mb
// megabytes once inflated.
func objectStreamBomb(n, mb int) []byte {
	var annots []string
	for i := range n {
		annots = append(annots, fmt.Sprintf("%d 0 R", 4+i))
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [" + strings.Join(annots, " ") + "] >>",
	}
	packed := map[int]bool{}
	for i := range n {
		objs = append(objs, "<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] >>")
		packed[4+i] = true
	}
	return pdf15(objs, packed, mb)
}

// jsInObjectStream hides a JavaScript open action inside an object stream, where a
// scan of the file's bytes would not see it.
func jsInObjectStream() []byte {
	return pdf15([]string{
		"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
		"<< /S /JavaScript /JS (app.alert\\(1\\)) >>",
	}, map[int]bool{4: true}, 0)
}
