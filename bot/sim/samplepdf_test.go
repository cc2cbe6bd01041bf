package sim

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	xrefTable = regexp.MustCompile(`(?s)\nxref\n0 (\d+)\n(.*?)trailer\n<< /Size (\d+) `)
	startXRef = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`)
)

// TestSamplePDFCrossReference checks that every xref entry points at its object and
// startxref at the table: a reader trusts those offsets, and a wrong one is the
// usual mistake in a hand-written PDF.
func TestSamplePDFCrossReference(t *testing.T) {
	scanned, err := ScannedLetterPDF(64<<10, strings.NewReader(strings.Repeat("\x00\xff", 32<<10)))
	if err != nil {
		t.Fatal(err)
	}
	if len(scanned) < 60<<10 || len(scanned) > 64<<10 {
		t.Errorf("a scanned letter of 64 KiB has %d bytes", len(scanned))
	}
	for name, pdf := range map[string][]byte{
		"letter":   SampleLetterPDF(),
		"4 pages":  SamplePDF(4, "a (b) \\ c\nkedua: café ✓"),
		"no pages": SamplePDF(0, ""),
		"scanned":  scanned,
	} {
		t.Run(name, func(t *testing.T) {
			if !bytes.HasPrefix(pdf, []byte("%PDF-1.4\n")) {
				t.Fatalf("header %q", pdf[:min(len(pdf), 9)])
			}
			m := xrefTable.FindSubmatchIndex(pdf)
			if m == nil {
				t.Fatal("no xref table")
			}
			n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
			size, _ := strconv.Atoi(string(pdf[m[6]:m[7]]))
			rows := pdf[m[4]:m[5]]
			if len(rows) != 20*n {
				t.Fatalf("xref has %d bytes, want %d entries of 20", len(rows), n)
			}
			if size != n {
				t.Fatalf("trailer /Size %d, xref has %d entries", size, n)
			}
			if e := string(rows[:20]); e != "0000000000 65535 f \n" {
				t.Fatalf("entry 0 is %q", e)
			}
			for i := 1; i < n; i++ {
				row := string(rows[20*i : 20*i+20])
				if !strings.HasSuffix(row, " 00000 n \n") {
					t.Fatalf("entry %d is %q", i, row)
				}
				off, err := strconv.Atoi(row[:10])
				want := fmt.Sprintf("%d 0 obj\n", i)
				if err != nil || off >= len(pdf) || !bytes.HasPrefix(pdf[off:], []byte(want)) {
					t.Fatalf("entry %d: offset %q does not point at %q", i, row[:10], want)
				}
			}
			s := startXRef.FindSubmatch(pdf)
			if s == nil {
				t.Fatal("no startxref at the end")
			}
			if off, _ := strconv.Atoi(string(s[1])); off != m[0]+1 {
				t.Fatalf("startxref %d, xref table at %d", off, m[0]+1)
			}
		})
	}
}

// TestSamplePDFStreamLengths checks each content stream's /Length, which readers
// also trust.
func TestSamplePDFStreamLengths(t *testing.T) {
	re := regexp.MustCompile(`(?s)<< /Length (\d+) >>\nstream\n(.*?)\nendstream`)
	pdf := SamplePDF(3, "x")
	found := re.FindAllSubmatch(pdf, -1)
	if len(found) != 3 {
		t.Fatalf("%d content streams, want 3", len(found))
	}
	for _, m := range found {
		if n, _ := strconv.Atoi(string(m[1])); n != len(m[2]) {
			t.Fatalf("/Length %d, stream has %d bytes", n, len(m[2]))
		}
	}
}

func TestSamplePDFEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"Surat (uji)":   `Surat \(uji\)`,
		`a\b`:           `a\\b`,
		"café":          `caf\351`,
		"tab\there":     "tab here",
		"✓ ok":          "? ok",
		"line\r":        "line?",
		"Rp 1.000,- %%": "Rp 1.000,- %%",
	} {
		if got := escapePDF(in); got != want {
			t.Errorf("escapePDF(%q) = %q, want %q", in, got, want)
		}
	}
	letter := string(SampleLetterPDF())
	for _, s := range []string{"(Surat Permohonan) Tj", "/BaseFont /Helvetica ", "/BaseFont /Helvetica-Bold ", "/Count 1 "} {
		if !strings.Contains(letter, s) {
			t.Errorf("sample letter lacks %q", s)
		}
	}
}
