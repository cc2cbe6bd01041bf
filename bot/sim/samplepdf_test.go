package sim

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"testing"
)

// TestSamplePDFCrossReference checks every xref offset points at its object.
func TestSamplePDFCrossReference(t *testing.T) {
	for _, pdf := range [][]byte{SampleLetterPDF(), SamplePDF(4, "a (b) \\ c")} {
		m := regexp.MustCompile(`(?s)xref\n0 (\d+)\n(.*?)trailer`).FindSubmatch(pdf)
		if m == nil {
			t.Fatal("no xref table")
		}
		n, _ := strconv.Atoi(string(m[1]))
		rows := bytes.Split(bytes.TrimSpace(m[2]), []byte("\n"))
		if len(rows) != n {
			t.Fatalf("xref has %d rows, header says %d", len(rows), n)
		}
		for i, row := range rows[1:] {
			off, err := strconv.Atoi(string(row[:10]))
			if err != nil || !bytes.HasPrefix(pdf[off:], []byte(fmt.Sprintf("%d 0 obj", i+1))) {
				t.Fatalf("object %d: offset %d does not point at it", i+1, off)
			}
		}
		start := regexp.MustCompile(`startxref\n(\d+)`).FindSubmatch(pdf)
		if off, _ := strconv.Atoi(string(start[1])); !bytes.HasPrefix(pdf[off:], []byte("xref")) {
			t.Fatal("startxref does not point at the xref table")
		}
	}
}
