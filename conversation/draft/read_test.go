package draft_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"golang.org/x/text/encoding/charmap"
)

// Readers of the generated files, written for the tests from the formats' own rules
// rather than from this package's writers, so that a writer's mistake shows.

// docxText is what word/document.xml of a .docx says: its paragraphs (table cells
// included) one a line, and the text of its bold runs. It fails the test when the
// package lacks a part Word needs or a part is not well-formed XML.
func docxText(t *testing.T, data []byte) (text string, bold []string) {
	t.Helper()
	parts := unzip(t, data)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml"} {
		if parts[name] == nil {
			t.Fatalf("docx lacks %s", name)
		}
	}
	const w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	dec := xml.NewDecoder(bytes.NewReader(parts["word/document.xml"]))
	var out strings.Builder
	inText, isBold := false, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch {
			case tok.Name.Space == w && tok.Name.Local == "r":
				isBold = false
			case tok.Name.Space == w && tok.Name.Local == "b":
				isBold = true
			case tok.Name.Space == w && tok.Name.Local == "t":
				inText = true
			}
		case xml.EndElement:
			switch {
			case tok.Name.Space == w && tok.Name.Local == "t":
				inText = false
			case tok.Name.Space == w && tok.Name.Local == "p":
				out.WriteByte('\n')
			}
		case xml.CharData:
			if inText {
				out.Write(tok)
				if isBold {
					bold = append(bold, string(tok))
				}
			}
		}
	}
	return out.String(), bold
}

// unzip returns the parts of a .docx by name, each checked to be well-formed XML,
// and checks that [Content_Types].xml comes first, where readers sniff the package.
func unzip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("docx is not a zip: %v", err)
	}
	if len(z.File) == 0 || z.File[0].Name != "[Content_Types].xml" {
		t.Errorf("[Content_Types].xml is not the first part")
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatalf("docx part %s: %v", f.Name, err)
		}
		parts[f.Name], err = io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatalf("docx part %s: %v", f.Name, err)
		}
		wellFormed(t, f.Name, parts[f.Name])
	}
	return parts
}

// wellFormed fails the test unless data is one well-formed XML document.
func wellFormed(t *testing.T, name string, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := dec.Token(); err == io.EOF {
			return
		} else if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
	}
}

// pdfText validates a PDF with pdfcpu and returns the strings its pages show (the
// operands of Tj, decoded from Windows-1252), joined by spaces, and its page count.
func pdfText(t *testing.T, data []byte) (string, int) {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	ctx, err := api.ReadContext(bytes.NewReader(data), conf)
	if err != nil {
		t.Fatalf("pdfcpu cannot read the PDF: %v", err)
	}
	if err := api.ValidateContext(ctx); err != nil {
		t.Fatalf("pdfcpu finds the PDF invalid: %v", err)
	}
	var out []string
	for page := 1; page <= ctx.PageCount; page++ {
		r, err := pdfcpu.ExtractPageContent(ctx, page)
		if err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		content, _ := io.ReadAll(r)
		for _, s := range showStrings(t, content) {
			text, err := charmap.Windows1252.NewDecoder().String(s)
			if err != nil {
				t.Fatalf("page %d: %q is not Windows-1252: %v", page, s, err)
			}
			out = append(out, text)
		}
	}
	return strings.Join(out, " "), ctx.PageCount
}

// showStrings returns the literal strings shown with Tj in a content stream, with
// the escapes of PDF literal strings undone.
func showStrings(t *testing.T, content []byte) []string {
	var out []string
	for i := 0; i < len(content); i++ {
		if content[i] != '(' {
			continue
		}
		var s []byte
		depth := 1
		for i++; i < len(content) && depth > 0; i++ {
			c := content[i]
			switch {
			case c == '\\' && i+1 < len(content):
				i++
				switch e := content[i]; e {
				case 'n':
					s = append(s, '\n')
				case 'r':
					s = append(s, '\r')
				case 't':
					s = append(s, '\t')
				case '0', '1', '2', '3', '4', '5', '6', '7':
					n := 0
					for k := 0; k < 3 && i < len(content) && content[i] >= '0' && content[i] <= '7'; k++ {
						n = n*8 + int(content[i]-'0')
						i++
					}
					i--
					s = append(s, byte(n))
				default:
					s = append(s, e)
				}
			case c == '(':
				depth++
				s = append(s, c)
			case c == ')':
				depth--
				if depth > 0 {
					s = append(s, c)
				}
			default:
				s = append(s, c)
			}
		}
		if rest := strings.TrimLeft(string(content[i:min(i+8, len(content))]), " "); !strings.HasPrefix(rest, "Tj") {
			t.Fatalf("a string not shown with Tj: %q … %q", s, rest)
		}
		out = append(out, string(s))
		i--
	}
	return out
}

// squash folds runs of white space to one space, as a line break in a wrapped
// paragraph reads as one.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
