package draft

import (
	"strings"
	"unicode/utf8"
)

// The letter as a template writes it, read into blocks both writers lay out the same
// way. The markup is in the package comment.

// run is a stretch of text in one style.
type run struct {
	text string
	bold bool
}

// line is a paragraph's or a table cell's text: runs in order.
type line []run

// blockKind says how a block is laid out.
type blockKind int

const (
	// paragraph spans the text width; an empty one is a gap.
	paragraph blockKind = iota
	// signature is a paragraph in the right half, where the unit's head signs.
	signature
	// table is consecutive "| … |" lines: rows of cells without borders.
	table
)

// block is a paragraph (text) or a table (rows of cells).
type block struct {
	kind blockKind
	text line
	rows [][]line
}

// document is a letter in blocks, top to bottom.
type document []block

// parseMarkup reads what a template wrote. Leading and trailing blank lines are
// dropped (template actions leave them), and so is white space at either end of a
// line: indentation in a template is for its reader, not the letter.
func parseMarkup(s string) document {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	var doc document
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "|"):
			var cells []line
			for _, c := range splitCells(l) {
				cells = append(cells, parseRuns(c))
			}
			if len(cells) == 0 {
				cells = []line{nil} // a bare "|": a row with one empty cell
			}
			if n := len(doc); n > 0 && doc[n-1].kind == table {
				doc[n-1].rows = append(doc[n-1].rows, cells)
			} else {
				doc = append(doc, block{kind: table, rows: [][]line{cells}})
			}
		case strings.HasPrefix(l, ">"):
			doc = append(doc, block{kind: signature, text: parseRuns(strings.TrimSpace(l[1:]))})
		default:
			doc = append(doc, block{kind: paragraph, text: parseRuns(l)})
		}
	}
	return doc
}

// splitCells splits a row at its unescaped bars; the bars at either end are optional.
func splitCells(l string) []string {
	var cells []string
	var cell strings.Builder
	for i := 1; i < len(l); i++ { // l[0] is the leading bar
		switch l[i] {
		case '\\':
			cell.WriteByte('\\')
			if i+1 < len(l) {
				i++
				cell.WriteByte(l[i])
			}
		case '|':
			cells = append(cells, strings.TrimSpace(cell.String()))
			cell.Reset()
		default:
			cell.WriteByte(l[i])
		}
	}
	if last := strings.TrimSpace(cell.String()); last != "" {
		cells = append(cells, last)
	}
	return cells
}

// parseRuns reads bold marks and escapes.
func parseRuns(s string) line {
	var out line
	var text strings.Builder
	bold := false
	flush := func() {
		if text.Len() > 0 {
			out = append(out, run{text: text.String(), bold: bold})
			text.Reset()
		}
	}
	for i := 0; i < len(s); {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			r, size := utf8.DecodeRuneInString(s[i+1:])
			text.WriteRune(r)
			i += 1 + size
		case strings.HasPrefix(s[i:], "**"):
			flush()
			bold = !bold
			i += 2
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			text.WriteRune(r)
			i += size
		}
	}
	flush()
	return out
}

// String is the line's text without styles.
func (l line) String() string {
	var b strings.Builder
	for _, r := range l {
		b.WriteString(r.text)
	}
	return b.String()
}

// escape makes an answer literal text in the markup, on one line.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '*', '|', '>':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// columnShares divides a table's width among its columns by the length of their
// longest cell, so that the item letters take little room and labels and answers
// share the rest. Lengths are capped: a long answer wraps rather than squeezing
// its label.
func columnShares(rows [][]line) []float64 {
	var longest []int
	for _, row := range rows {
		for i, c := range row {
			if i == len(longest) {
				longest = append(longest, 0)
			}
			longest[i] = max(longest[i], min(utf8.RuneCountInString(c.String()), 40))
		}
	}
	total := 0
	for _, n := range longest {
		total += n + 3
	}
	shares := make([]float64, len(longest))
	for i, n := range longest {
		shares[i] = float64(n+3) / float64(total)
	}
	return shares
}
