package draft

import (
	"bytes"
	"strings"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// The PDF is a preview, laid out here line by line rather than with fpdf's
// MultiCell, which cannot mix bold and regular text in one paragraph and measures
// text as UTF-8 while core fonts take single bytes.
//
// It uses the core Times font, which every PDF reader has, so nothing is embedded
// and the file stays a few kilobytes. Core fonts carry Windows-1252: Indonesian,
// titles ("Dr. Siti Aminah, M.Kom."), en dashes, curly quotes and the ellipsis of
// Blank are all in it. What is not is written as its letters without their accents
// ("Ŝ" as "S"), compatibility forms as their plain ones ("ﬁ" as "fi"), and anything
// else as "?", so that the preview stays legible; the .docx keeps every character.

// lineHeight is the distance between baselines, in mm: 1.15 times the font size, as
// the .docx's paragraphs are spaced.
const lineHeight = fontSize * lineSpacing * 25.4 / 72

// cellGap is the room kept free at the right of each table cell, in mm.
const cellGap = 1.5

// piece is text in one style, in Windows-1252 bytes.
type piece struct {
	text string
	bold bool
}

// word is what is never broken across lines unless it is wider than a line.
type word []piece

// pdfLetter lays a document out on A4 pages.
type pdfLetter struct {
	f *fpdf.Fpdf
	y float64 // the top of the next line, in mm from the page's top
}

// writePDF lays doc out; now is the file's creation date.
func writePDF(doc document, now time.Time) ([]byte, error) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(false, 0) // pages are broken here, between lines and table rows
	f.SetCreationDate(now)
	f.SetModificationDate(now)
	f.SetCatalogSort(true) // the same letter gives the same bytes
	f.SetTitle("Draf surat permohonan", true)
	f.SetLang("id-ID")
	p := &pdfLetter{f: f}
	p.newPage()
	signatureX, signatureWidth := marginLeft+textWidth*signatureShare, textWidth*(1-signatureShare)
	for i, b := range doc {
		switch b.kind {
		case paragraph:
			p.paragraph(b.text, marginLeft, textWidth)
		case signature:
			if i == 0 || doc[i-1].kind != signature {
				p.keepTogether(doc[i:], signatureWidth)
			}
			p.paragraph(b.text, signatureX, signatureWidth)
		case table:
			p.table(b.rows)
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, err
	}
	return withoutEmbeddedFiles(buf.Bytes()), nil
}

// fpdfNoAttachments is the empty attachments tree fpdf writes into every catalog.
var fpdfNoAttachments = []byte("/EmbeddedFiles << /Names [\n  \n] >>")

// withoutEmbeddedFiles blanks out fpdf's empty attachments tree. Loket's own letter
// check refuses any file naming EmbeddedFiles, rightly for what applicants send; a
// draft is not to be refused for a tree with nothing in it. Spaces of the same length
// keep every offset in the cross-reference table right.
func withoutEmbeddedFiles(pdf []byte) []byte {
	if i := bytes.Index(pdf, fpdfNoAttachments); i >= 0 {
		copy(pdf[i:i+len(fpdfNoAttachments)], bytes.Repeat([]byte(" "), len(fpdfNoAttachments)))
	}
	return pdf
}

// keepTogether breaks the page unless the signature block that starts doc fits on
// it, as the .docx keeps it together (keepNext): a head signs under the letter's
// text, not alone on a page.
func (p *pdfLetter) keepTogether(doc document, width float64) {
	lines := 0
	for _, b := range doc {
		if b.kind != signature {
			break
		}
		lines += max(1, len(p.layout(b.text, width)))
	}
	p.room(float64(lines) * lineHeight)
}

func (p *pdfLetter) newPage() {
	p.f.AddPage()
	p.y = marginTop
}

// room breaks the page unless h more millimetres fit on it. A table row taller than a
// page is started on a fresh one and cut at its foot rather than breaking pages for
// ever; the longest answer the built-in catalog allows (500 characters) takes about
// a dozen lines of the fifty on a page.
func (p *pdfLetter) room(h float64) {
	if p.y+h > pageHeight-marginBottom && p.y > marginTop {
		p.newPage()
	}
}

// paragraph writes l from x within width w; an empty line is a gap.
func (p *pdfLetter) paragraph(l line, x, w float64) {
	lines := p.layout(l, w)
	if len(lines) == 0 {
		p.y += lineHeight
		return
	}
	for _, ln := range lines {
		p.room(lineHeight)
		p.draw(ln, x, p.y)
		p.y += lineHeight
	}
}

// table writes rows in columns sized as the .docx sizes them; a row is never split
// across pages.
func (p *pdfLetter) table(rows [][]line) {
	shares := columnShares(rows)
	for _, row := range rows {
		cells := make([][][]word, len(row))
		height := 1
		for i, c := range row {
			cells[i] = p.layout(c, textWidth*shares[i]-cellGap)
			height = max(height, len(cells[i]))
		}
		p.room(float64(height) * lineHeight)
		x := marginLeft
		for i, lines := range cells {
			for j, ln := range lines {
				p.draw(ln, x, p.y+float64(j)*lineHeight)
			}
			x += textWidth * shares[i]
		}
		p.y += float64(height) * lineHeight
	}
}

// draw writes one laid-out line at x, on the line whose top is at top. Words of one
// style are written as one string, so a reader copies the text as it reads.
func (p *pdfLetter) draw(ln []word, x, top float64) {
	var merged []piece
	for i, w := range ln {
		for j, pc := range w {
			text := pc.text
			if i > 0 && j == 0 {
				text = " " + text
			}
			if n := len(merged); n > 0 && merged[n-1].bold == pc.bold {
				merged[n-1].text += text
			} else {
				merged = append(merged, piece{text, pc.bold})
			}
		}
	}
	baseline := top + lineHeight*0.75
	for _, pc := range merged {
		p.font(pc.bold)
		p.f.Text(x, baseline, pc.text)
		x += p.f.GetStringWidth(pc.text)
	}
}

// layout breaks l into lines no wider than w: at spaces, and inside a word only
// when the word alone is wider than a line (a long address, a URL).
func (p *pdfLetter) layout(l line, w float64) [][]word {
	var lines [][]word
	var cur []word
	used := 0.0
	p.font(false)
	space := p.f.GetStringWidth(" ")
	for _, wd := range words(l) {
		ww := p.width(wd)
		switch {
		case len(cur) > 0 && used+space+ww <= w:
			cur = append(cur, wd)
			used += space + ww
			continue
		case len(cur) > 0:
			lines = append(lines, cur)
		}
		cur, used = nil, 0
		for ww > w { // a word wider than a line is cut where it reaches the edge
			var head word
			head, wd = p.cut(wd, w)
			lines = append(lines, []word{head})
			ww = p.width(wd)
		}
		if len(wd) > 0 {
			cur, used = []word{wd}, ww
		}
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// words splits l at spaces into words, each in Windows-1252. A word may change style
// in its middle ("**Hal**:").
func words(l line) []word {
	var out []word
	var cur word
	for _, r := range l {
		for i, part := range strings.Split(latin(r.text), " ") {
			if i > 0 && len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			if part != "" {
				cur = append(cur, piece{part, r.bold})
			}
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// width is how wide wd is written, in mm.
func (p *pdfLetter) width(wd word) float64 {
	total := 0.0
	for _, pc := range wd {
		p.font(pc.bold)
		total += p.f.GetStringWidth(pc.text)
	}
	return total
}

// cut splits wd after as many bytes (one byte, one character in Windows-1252) as fit
// in w, at least one so that the loop in layout ends.
func (p *pdfLetter) cut(wd word, w float64) (head, tail word) {
	used := 0.0
	for i, pc := range wd {
		p.font(pc.bold)
		for j := 0; j < len(pc.text); j++ {
			cw := p.f.GetStringWidth(pc.text[j : j+1])
			if used+cw > w && (i > 0 || j > 0) {
				if j > 0 {
					head = append(head, piece{pc.text[:j], pc.bold})
				}
				tail = append(word{piece{pc.text[j:], pc.bold}}, wd[i+1:]...)
				return head, tail
			}
			used += cw
		}
		head = append(head, pc)
	}
	return head, nil
}

func (p *pdfLetter) font(bold bool) {
	if bold {
		p.f.SetFont("Times", "B", fontSize)
	} else {
		p.f.SetFont("Times", "", fontSize)
	}
}

// latin writes s in Windows-1252 for the core fonts, as the package comment says:
// characters outside it lose their accents, take their plain form, or become "?".
// Control characters become spaces. Text is composed first, so that an accent typed
// as a separate mark joins its letter, and a mark left over is dropped.
func latin(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range norm.NFC.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if c, ok := cp1252(r); ok {
			b = append(b, c)
			continue
		}
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			b = append(b, ' ')
			continue
		}
		n := len(b)
		for _, d := range norm.NFKD.String(string(r)) {
			if c, ok := cp1252(d); ok {
				b = append(b, c)
			}
		}
		if len(b) == n {
			b = append(b, '?')
		}
	}
	return string(b)
}

// cp1252 is r's byte in Windows-1252, for printable characters only.
func cp1252(r rune) (byte, bool) {
	if r < 0x20 || (r >= 0x7f && r <= 0xa0) {
		return 0, false // controls, and the no-break space, which is written as a space
	}
	return charmap.Windows1252.EncodeRune(r)
}
