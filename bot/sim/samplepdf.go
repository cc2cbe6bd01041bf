package sim

import (
	"bytes"
	"fmt"
	"strings"
)

// sampleLetterLines is the body of the sample request letter, one entry per line.
var sampleLetterLines = []string{
	"Nomor    : 001/CONTOH/2026",
	"Lampiran : -",
	"Hal      : Permohonan Layanan TIK",
	"",
	"Kepada Yth.",
	"Direktur DTIK Universitas Sebelas Maret",
	"di Surakarta",
	"",
	"Dengan hormat,",
	"bersama surat ini kami mengajukan permohonan layanan TIK sebagaimana",
	"diisi dalam formulir Loket DTIK. Atas perhatian dan bantuannya kami",
	"ucapkan terima kasih.",
	"",
	"Surakarta, 2 Januari 2026",
	"Pimpinan Unit,",
	"",
	"",
	"",
	"(Nama Pimpinan)",
}

// SampleLetterPDF returns a small, valid, one-page PDF that looks like a request
// letter: a bold title "Surat Permohonan", a body, and a signature block with a
// boxed stamp. It exists for demos (the simulator page's sample letter button) and
// tests, which need a letter that passes the real check without a scanner.
func SampleLetterPDF() []byte {
	return samplePDF(1, "Surat Permohonan", sampleLetterLines, true)
}

// SamplePDF returns a valid PDF with the given number of pages, each showing text
// (one line per "\n") in Helvetica, with a page number at the foot. A count below
// one gives a document with an empty page tree, which is well formed but which the
// letter check must refuse; tests use it.
func SamplePDF(pages int, text string) []byte {
	return samplePDF(pages, "", strings.Split(text, "\n"), false)
}

// samplePDF writes the PDF by hand, with a correct cross-reference table, so the
// simulator needs no PDF library. Objects: 1 catalog, 2 page tree, 3 Helvetica,
// 4 Helvetica-Bold, then per page its page object and its content stream.
func samplePDF(pages int, title string, lines []string, stamp bool) []byte {
	pages = max(pages, 0)
	kids := make([]string, pages)
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 5+2*i)
	}
	const font = "<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), pages),
		fmt.Sprintf(font, "Helvetica"),
		fmt.Sprintf(font, "Helvetica-Bold"),
	}
	for i := range pages {
		content := pageContent(title, lines, stamp, i+1, pages)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "+
				"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>", 6+2*i),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	}

	return AssemblePDF(objs...)
}

// AssemblePDF writes a PDF 1.4 file with objs as objects 1..n (object 1 the catalog),
// a correct cross-reference table and trailer. Tests use it to hand-make PDFs that
// are broken in one chosen way.
func AssemblePDF(objs ...string) []byte {
	var b bytes.Buffer
	// The comment of high bytes tells transfer tools the file is binary.
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	// Each entry is exactly 20 bytes, its end of line "space LF", as the format asks.
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// pageContent is the content stream of one A4 page: the title in bold, the lines
// below it, the stamp box when asked, and "Halaman n dari m" at the foot.
func pageContent(title string, lines []string, stamp bool, page, pages int) string {
	var c strings.Builder
	c.WriteString("BT\n72 770 Td\n")
	if title != "" {
		fmt.Fprintf(&c, "/F2 16 Tf (%s) Tj\n0 -30 Td\n", escapePDF(title))
	}
	c.WriteString("/F1 11 Tf 15 TL\n")
	for _, line := range lines {
		fmt.Fprintf(&c, "(%s) Tj T*\n", escapePDF(line))
	}
	c.WriteString("ET\n")
	if stamp {
		// A box where the stamp and signature go, in the blank lines under
		// "Pimpinan Unit," (the sample letter's 15th line, at y = 740 - 14*15).
		c.WriteString("0.2 0.2 0.6 RG 1 w 72 481 130 42 re S\n")
		c.WriteString("BT 0.2 0.2 0.6 rg /F2 9 Tf 96 498 Td (STEMPEL & TTD) Tj ET\n")
	}
	fmt.Fprintf(&c, "BT 0 g /F1 9 Tf 72 40 Td (Halaman %d dari %d) Tj ET", page, pages)
	return c.String()
}

// escapePDF makes s a PDF literal string's contents: parentheses and backslashes
// escaped, Latin-1 letters as octal escapes (the fonts use WinAnsiEncoding, which
// agrees with Latin-1 there), other control and non-Latin-1 runes as "?".
func escapePDF(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		case r >= 0xa0 && r <= 0xff:
			fmt.Fprintf(&b, "\\%03o", r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}
