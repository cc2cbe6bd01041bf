package draft

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"time"
)

// The .docx is the smallest WordprocessingML package Word and LibreOffice open
// without complaint: content types, the package relationship, the document, and a
// style part that sets the font once instead of in every run. It is written with the
// standard library: the maintained Go libraries for DOCX are either paid (unioffice)
// or template fillers that need a .docx to start from.

// The page, shared with the PDF so that both look alike: A4, the wide left margin
// of Indonesian official letters, Times 12 pt.
const (
	pageWidth    = 210.0 // mm
	pageHeight   = 297.0
	marginLeft   = 30.0
	marginRight  = 25.0
	marginTop    = 20.0
	marginBottom = 20.0
	textWidth    = pageWidth - marginLeft - marginRight
	// signatureShare is where the signature column starts, as a share of the text
	// width.
	signatureShare = 0.55
	fontSize       = 12.0 // pt
	lineSpacing    = 1.15 // times the font size, between baselines
)

const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// docxLine is the distance between baselines in twips, as the PDF spaces lines. It is
// "at least" that rather than a multiple of the font's own line height, which is
// itself about 1.15 em in Times and would space lines wider than the preview.
var docxLine = strconv.Itoa(int(math.Round(fontSize * lineSpacing * 20)))

// The fixed parts of the package.
const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`</Types>`
	packageRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
		`</Relationships>`
	documentRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`</Relationships>`
)

// styles sets Times 12 pt and the line spacing once for the whole document.
var (
	styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="` + wordNS + `"><w:docDefaults>` +
		`<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>` +
		`<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="id-ID"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="` + docxLine + `" w:lineRule="atLeast"/></w:pPr></w:pPrDefault>` +
		`</w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
		`</w:styles>`
)

// twips converts millimetres to the twentieths of a point WordprocessingML measures in.
func twips(mm float64) int { return int(math.Round(mm * 1440 / 25.4)) }

// writeDOCX packs doc; now stamps the package's entries.
func writeDOCX(doc document, now time.Time) ([]byte, error) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	parts := []struct{ name, body string }{
		// [Content_Types].xml first: some readers sniff the package from its first entry.
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/styles.xml", styles},
		{"word/document.xml", documentXML(doc)},
	}
	for _, p := range parts {
		w, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: now})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// documentXML is word/document.xml: one w:p per paragraph, one borderless w:tbl per
// table, and the A4 page.
func documentXML(doc document) string {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<w:document xmlns:w="` + wordNS + `"><w:body>`)
	for i, bl := range doc {
		switch bl.kind {
		case paragraph:
			writeParagraph(&b, bl.text, 0, false)
		case signature:
			// keepNext holds the signature block together on one page.
			keep := i+1 < len(doc) && doc[i+1].kind == signature
			writeParagraph(&b, bl.text, twips(textWidth*signatureShare), keep)
		case table:
			writeTable(&b, bl.rows)
		}
	}
	if n := len(doc); n > 0 && doc[n-1].kind == table {
		b.WriteString(`<w:p/>`) // Word wants a paragraph between a table and the section's end
	}
	fmt.Fprintf(&b, `<w:sectPr><w:pgSz w:w="%d" w:h="%d"/>`, twips(pageWidth), twips(pageHeight))
	fmt.Fprintf(&b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>`,
		twips(marginTop), twips(marginRight), twips(marginBottom), twips(marginLeft))
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

// writeParagraph writes one w:p, indented by indent twips, kept on the page of the
// next one when keepNext.
func writeParagraph(b *bytes.Buffer, l line, indent int, keepNext bool) {
	b.WriteString(`<w:p>`)
	if indent > 0 || keepNext {
		b.WriteString(`<w:pPr>`)
		if keepNext {
			b.WriteString(`<w:keepNext/>`)
		}
		if indent > 0 {
			fmt.Fprintf(b, `<w:ind w:left="%d"/>`, indent)
		}
		b.WriteString(`</w:pPr>`)
	}
	for _, r := range l {
		b.WriteString(`<w:r>`)
		if r.bold {
			b.WriteString(`<w:rPr><w:b/><w:bCs/></w:rPr>`)
		}
		b.WriteString(`<w:t xml:space="preserve">`)
		// EscapeText escapes &, <, >, quotes and line breaks, and replaces what XML
		// cannot carry at all (NUL and most control characters) with U+FFFD.
		_ = xml.EscapeText(b, []byte(r.text)) // a bytes.Buffer does not fail
		b.WriteString(`</w:t></w:r>`)
	}
	b.WriteString(`</w:p>`)
}

// writeTable writes a borderless table across the text width; a missing cell at the
// end of a row is written empty, as a table's rows must have the same cells.
func writeTable(b *bytes.Buffer, rows [][]line) {
	shares := columnShares(rows)
	widths := make([]int, len(shares))
	for i, s := range shares {
		widths[i] = twips(textWidth * s)
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/>`)
	b.WriteString(`<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
	for _, row := range rows {
		b.WriteString(`<w:tr>`)
		for i, w := range widths {
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, w)
			var cell line
			if i < len(row) {
				cell = row[i]
			}
			writeParagraph(b, cell, 0, false)
			b.WriteString(`</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}
