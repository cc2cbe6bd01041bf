package sim

import (
	"fmt"
	"io"
)

// scanWidth is the width in pixels of ScannedLetterPDF's image: a page scanned at
// about 120 dpi, as office scanners send by default.
const scanWidth = 1024

// ScannedLetterPDF returns a valid one-page request letter of about size bytes (at
// least the sample letter's size plus one row of pixels): the sample letter's text
// over a greyscale image, the "scan", whose pixels are read from noise. Applicants'
// letters are mostly scans of a few megabytes, so a benchmark or a test of large
// letters needs files that weigh that much and still pass the real check; noise
// does not compress, so the file keeps its size wherever it is stored. The image is
// stored unfiltered, with exactly width × height bytes, so every PDF reader accepts
// it without decoding anything.
func ScannedLetterPDF(size int, noise io.Reader) ([]byte, error) {
	content := pageContent("Surat Permohonan", sampleLetterLines, true, 1, 1) +
		"\nq 451 0 0 600 72 120 cm /Scan Do Q"
	// What is not pixels takes about 2 KB: objects, cross-reference table, trailer.
	height := max(1, (size-len(content)-2048)/scanWidth)
	pixels := make([]byte, scanWidth*height)
	if _, err := io.ReadFull(noise, pixels); err != nil {
		return nil, fmt.Errorf("scanned letter: %w", err)
	}
	const font = "<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
	return AssemblePDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
		fmt.Sprintf(font, "Helvetica"),
		fmt.Sprintf(font, "Helvetica-Bold"),
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "+
			"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> /XObject << /Scan 7 0 R >> >> /Contents 6 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d >>\nstream\n%s\nendstream",
			scanWidth, height, len(pixels), pixels),
	), nil
}
