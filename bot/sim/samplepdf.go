package sim

import (
	"bytes"
	"fmt"
	"strings"
)

// SampleLetterPDF returns a small, valid, one-page PDF that looks like a request
// letter, for demos (the page's "Kirim contoh surat" button) and tests.
func SampleLetterPDF() []byte {
	return SamplePDF(1, "Surat Permohonan\n"+
		"Kepada Yth. Direktur DTIK Universitas Sebelas Maret\n"+
		"Dengan hormat, kami mengajukan permohonan layanan DTIK.\n"+
		"(Contoh surat dari simulator Loket - ditandatangani pimpinan dan distempel.)")
}

// SamplePDF returns a valid PDF of the given number of pages, each showing text (one
// line per "\n") in Helvetica. It is written by hand, with a correct cross-reference
// table, so the simulator needs no PDF library.
func SamplePDF(pages int, text string) []byte {
	pages = max(pages, 1)
	var objs []string
	// 1: catalog, 2: page tree, 3: font, then a page and its content per page.
	kids := make([]string, pages)
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	objs = append(objs,
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), pages),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	for i := range pages {
		var content bytes.Buffer
		content.WriteString("BT /F1 12 Tf 72 760 Td 16 TL\n")
		for _, line := range strings.Split(text, "\n") {
			fmt.Fprintf(&content, "(%s) '\n", escapePDF(line))
		}
		fmt.Fprintf(&content, "(Halaman %d dari %d) '\nET", i+1, pages)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len(), content.String()))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// escapePDF escapes a PDF literal string and keeps it to printable ASCII.
func escapePDF(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= 32 && r < 127:
			b.WriteRune(r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}
