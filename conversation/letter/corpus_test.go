package letter

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/uns-dtik/loket/bot/sim"
)

// The hostile corpus: PDFs built to break a PDF reader, generated from the seeds
// below, so the files need not be committed and every case says what it attacks.
// Each must get a verdict — an acceptance or a refusal — and never take the bot down
// or leave the applicant without an answer.

// hostile is one generated file and the verdicts it may get ("" is acceptance; none
// listed means any verdict will do, as long as there is one).
type hostile struct {
	name string
	pdf  []byte
	want []string
}

// letterWith is a one-page letter whose page has resources res (a dictionary body,
// e.g. "/ColorSpace << /CS0 5 0 R >>") and whose content draws with them; extra are
// objects 5, 6, … and catalogExtra goes into the catalog.
func letterWith(res, content, catalogExtra string, extra ...string) []byte {
	if content == "" {
		content = "BT /F1 12 Tf 72 720 Td (Surat permohonan) Tj ET"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R " + catalogExtra + " >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << " + res + " >> /Contents 4 0 R >>",
		stream("", content),
	}
	return sim.AssemblePDF(append(objs, extra...)...)
}

// stream is a stream object with dict entries and the given data.
func stream(dict string, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// flateStream is a FlateDecode stream of prefix followed by mb megabytes of spaces.
func flateStream(dict string, prefix []byte, mb int) string {
	z := deflatedSpaces(prefix, mb)
	return fmt.Sprintf("<< %s /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", dict, len(z), z)
}

// cycleSeeds are reference cycles through every kind of object pdfcpu's validator
// walks: each object reaches itself, directly or through one or two others.
var cycleSeeds = []struct {
	name, res, content, catalog string
	extra                       []string
}{
	// Colour spaces.
	{"indexed base is itself", "/ColorSpace << /CS0 5 0 R >>", "/CS0 cs 0 sc 0 0 10 10 re f", "", []string{"[/Indexed 5 0 R 1 <000000FFFFFF>]"}},
	{"indexed base through ICC alternate", "/ColorSpace << /CS0 5 0 R >>", "", "", []string{"[/Indexed 6 0 R 1 <000000FFFFFF>]", stream("/N 3 /Alternate 5 0 R", "icc")}},
	{"ICC alternate is itself", "/ColorSpace << /CS0 [/ICCBased 5 0 R] >>", "", "", []string{stream("/N 3 /Alternate [/ICCBased 5 0 R]", "icc")}},
	{"separation alternate is itself", "/ColorSpace << /CS0 5 0 R >>", "", "", []string{"[/Separation /Stempel 5 0 R 6 0 R]", "<< /FunctionType 2 /Domain [0 1] /C0 [0] /C1 [1] /N 1 >>"}},
	{"deviceN alternate is itself", "/ColorSpace << /CS0 5 0 R >>", "", "", []string{"[/DeviceN [/A /B] 5 0 R 6 0 R]", "<< /FunctionType 2 /Domain [0 1] /C0 [0] /C1 [1] /N 1 >>"}},
	{"pattern colour space base is itself", "/ColorSpace << /CS0 5 0 R >>", "", "", []string{"[/Pattern 5 0 R]"}},
	{"indexed through separation through indexed", "/ColorSpace << /CS0 5 0 R >>", "", "", []string{"[/Indexed 6 0 R 1 <0000>]", "[/Separation /S 5 0 R 7 0 R]", "<< /FunctionType 2 /Domain [0 1] /C0 [0] /C1 [1] /N 1 >>"}},
	// Patterns and shadings.
	{"tiling pattern resources hold itself", "/Pattern << /P0 5 0 R >>", "/Pattern cs /P0 scn 0 0 10 10 re f", "", []string{stream("/PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 10 10] /XStep 10 /YStep 10 /Resources << /Pattern << /P0 5 0 R >> >>", "0 0 5 5 re f")}},
	{"tiling pattern through a form", "/Pattern << /P0 5 0 R >>", "", "", []string{stream("/PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 10 10] /XStep 10 /YStep 10 /Resources << /XObject << /X0 6 0 R >> >>", "/X0 Do"), stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /Pattern << /P0 5 0 R >> >>", "0 0 1 1 re f")}},
	{"shading pattern shading's function is itself", "/Pattern << /P0 5 0 R >>", "", "", []string{"<< /PatternType 2 /Shading 6 0 R >>", "<< /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 1 1] /Function 7 0 R >>", "<< /FunctionType 3 /Domain [0 1] /Functions [7 0 R] /Bounds [] /Encode [0 1] >>"}},
	{"shading colour space is a cycle", "/Shading << /Sh0 5 0 R >>", "/Sh0 sh", "", []string{"<< /ShadingType 2 /ColorSpace 6 0 R /Coords [0 0 1 1] /Function << /FunctionType 2 /Domain [0 1] /C0 [0] /C1 [1] /N 1 >> >>", "[/Indexed 6 0 R 1 <0000>]"}},
	{"stitching function holds itself", "/Shading << /Sh0 5 0 R >>", "/Sh0 sh", "", []string{"<< /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 1 1] /Function 6 0 R >>", "<< /FunctionType 3 /Domain [0 1] /Functions [6 0 R] /Bounds [] /Encode [0 1] >>"}},
	{"two stitching functions hold each other", "/Shading << /Sh0 5 0 R >>", "/Sh0 sh", "", []string{"<< /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 1 1] /Function 6 0 R >>", "<< /FunctionType 3 /Domain [0 1] /Functions [7 0 R] /Bounds [] /Encode [0 1] >>", "<< /FunctionType 3 /Domain [0 1] /Functions [6 0 R] /Bounds [] /Encode [0 1] >>"}},
	{"shading function array holds itself", "/Shading << /Sh0 5 0 R >>", "/Sh0 sh", "", []string{"<< /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 1 1] /Function 6 0 R >>", "[6 0 R 6 0 R 6 0 R]"}},
	// Fonts.
	{"type 3 font resources hold itself", "/Font << /F1 5 0 R >>", "", "", []string{"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1 1] /FontMatrix [1 0 0 1 0 0] /CharProcs << /a 6 0 R >> /Encoding << /Differences [97 /a] >> /FirstChar 97 /LastChar 97 /Widths [1] /Resources << /Font << /F1 5 0 R >> >> >>", stream("", "0 0 d0")}},
	{"type 0 font descendant is itself", "/Font << /F1 5 0 R >>", "", "", []string{"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [5 0 R] >>"}},
	{"font descriptor font file is the font", "/Font << /F1 5 0 R >>", "", "", []string{"<< /Type /Font /Subtype /TrueType /BaseFont /X /FirstChar 32 /LastChar 32 /Widths [1] /FontDescriptor 6 0 R >>", "<< /Type /FontDescriptor /FontName /X /Flags 32 /FontBBox [0 0 1 1] /ItalicAngle 0 /Ascent 1 /Descent 0 /CapHeight 1 /StemV 1 /FontFile2 6 0 R >>"}},
	{"type 3 char proc resources loop through a form", "/Font << /F1 5 0 R >>", "", "", []string{"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1 1] /FontMatrix [1 0 0 1 0 0] /CharProcs << /a 6 0 R >> /Encoding << /Differences [97 /a] >> /FirstChar 97 /LastChar 97 /Widths [1] /Resources << /XObject << /X0 7 0 R >> >> >>", stream("", "0 0 d0 /X0 Do"), stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /Font << /F1 5 0 R >> >>", "")}},
	// XObjects.
	{"form resources hold itself", "/XObject << /X0 5 0 R >>", "/X0 Do", "", []string{stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X0 5 0 R >> >>", "/X0 Do")}},
	{"two forms hold each other", "/XObject << /X0 5 0 R >>", "/X0 Do", "", []string{stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 6 0 R >> >>", "/X1 Do"), stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X0 5 0 R >> >>", "/X0 Do")}},
	{"image soft mask is itself", "/XObject << /Im0 5 0 R >>", "/Im0 Do", "", []string{stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /SMask 5 0 R", "\x00")}},
	{"image mask is itself", "/XObject << /Im0 5 0 R >>", "/Im0 Do", "", []string{stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Mask 5 0 R", "\x00")}},
	{"image alternates hold itself", "/XObject << /Im0 5 0 R >>", "/Im0 Do", "", []string{stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Alternates [<< /Image 5 0 R >>]", "\x00")}},
	{"form group colour space is a cycle", "/XObject << /X0 5 0 R >>", "/X0 Do", "", []string{stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Group << /S /Transparency /CS 6 0 R >>", ""), "[/Indexed 6 0 R 1 <0000>]"}},
	// Graphics states.
	{"soft mask group holds its graphics state", "/ExtGState << /GS0 5 0 R >>", "/GS0 gs", "", []string{"<< /Type /ExtGState /SMask << /S /Alpha /G 6 0 R >> >>", stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Group << /S /Transparency >> /Resources << /ExtGState << /GS0 5 0 R >> >>", "/GS0 gs")}},
	{"graphics state font array is itself", "/ExtGState << /GS0 5 0 R >>", "", "", []string{"<< /Type /ExtGState /Font [5 0 R 12] >>"}},
	{"transfer function holds itself", "/ExtGState << /GS0 5 0 R >>", "", "", []string{"<< /Type /ExtGState /TR 6 0 R >>", "<< /FunctionType 3 /Domain [0 1] /Functions [6 0 R] /Bounds [] /Encode [0 1] >>"}},
	// Annotations.
	{"annotation popup is itself", "", "", "", nil},
	{"annotation appearance resources loop", "", "", "", nil},
	{"annotation in reply to itself", "", "", "", nil},
	{"widget parent is itself", "", "", "", nil},
	// Outlines.
	{"outline item next is itself", "", "", "/Outlines 5 0 R", []string{"<< /Type /Outlines /First 6 0 R /Last 6 0 R /Count 1 >>", "<< /Title (a) /Parent 5 0 R /Next 6 0 R /Dest [3 0 R /Fit] >>"}},
	{"outline item first child is itself", "", "", "/Outlines 5 0 R", []string{"<< /Type /Outlines /First 6 0 R /Last 6 0 R /Count 1 >>", "<< /Title (a) /Parent 5 0 R /First 6 0 R /Last 6 0 R /Count 1 /Dest [3 0 R /Fit] >>"}},
	{"outline items next each other", "", "", "/Outlines 5 0 R", []string{"<< /Type /Outlines /First 6 0 R /Last 7 0 R /Count 2 >>", "<< /Title (a) /Parent 5 0 R /Next 7 0 R /Prev 7 0 R >>", "<< /Title (b) /Parent 5 0 R /Next 6 0 R /Prev 6 0 R >>"}},
	{"outline item parent is itself", "", "", "/Outlines 5 0 R", []string{"<< /Type /Outlines /First 6 0 R /Last 6 0 R /Count 1 >>", "<< /Title (a) /Parent 6 0 R /Dest [3 0 R /Fit] >>"}},
	{"outlines root first is the root", "", "", "/Outlines 5 0 R", []string{"<< /Type /Outlines /First 5 0 R /Last 5 0 R /Count 1 >>"}},
	// Name and number trees.
	{"dests name tree kids hold itself", "", "", "/Names << /Dests 5 0 R >>", []string{"<< /Kids [5 0 R] >>"}},
	{"dests name trees hold each other", "", "", "/Names << /Dests 5 0 R >>", []string{"<< /Kids [6 0 R] >>", "<< /Kids [5 0 R] /Limits [(a) (z)] >>"}},
	{"ap name tree kids hold itself", "", "", "/Names << /AP 5 0 R >>", []string{"<< /Kids [5 0 R] >>"}},
	{"page labels number tree holds itself", "", "", "/PageLabels 5 0 R", []string{"<< /Kids [5 0 R] >>"}},
	{"old style dests dictionary holds itself", "", "", "/Dests 5 0 R", []string{"<< /a 5 0 R >>"}},
	{"struct parent tree holds itself", "", "", "/StructTreeRoot 5 0 R /MarkInfo << /Marked true >>", []string{"<< /Type /StructTreeRoot /ParentTree 6 0 R >>", "<< /Kids [6 0 R] >>"}},
	{"struct element kid is itself", "", "", "/StructTreeRoot 5 0 R /MarkInfo << /Marked true >>", []string{"<< /Type /StructTreeRoot /K 6 0 R >>", "<< /Type /StructElem /S /P /P 5 0 R /K [6 0 R] >>"}},
	{"struct element parent is itself", "", "", "/StructTreeRoot 5 0 R", []string{"<< /Type /StructTreeRoot /K 6 0 R >>", "<< /Type /StructElem /S /P /P 6 0 R /K 0 /Pg 3 0 R >>"}},
	{"role map holds itself", "", "", "/StructTreeRoot 5 0 R", []string{"<< /Type /StructTreeRoot /RoleMap 6 0 R >>", "<< /X 6 0 R >>"}},
	// Forms, threads, optional content, document-level dictionaries.
	{"form field kids hold itself", "", "", "/AcroForm << /Fields [5 0 R] >>", []string{"<< /FT /Tx /T (a) /Kids [5 0 R] >>"}},
	{"form field parent is itself", "", "", "/AcroForm << /Fields [5 0 R] >>", []string{"<< /FT /Tx /T (a) /Parent 5 0 R >>"}},
	{"form default resources hold itself", "", "", "/AcroForm << /Fields [] /DR 5 0 R >>", []string{"<< /Font << /F1 5 0 R >> >>"}},
	{"thread bead next is itself", "", "", "/Threads [5 0 R]", []string{"<< /Type /Thread /F 6 0 R >>", "<< /Type /Bead /T 5 0 R /N 6 0 R /V 6 0 R /P 3 0 R /R [0 0 1 1] >>"}},
	{"thread beads next each other wrongly", "", "", "/Threads [5 0 R]", []string{"<< /Type /Thread /F 6 0 R >>", "<< /Type /Bead /T 5 0 R /N 7 0 R /V 6 0 R /P 3 0 R /R [0 0 1 1] >>", "<< /Type /Bead /N 7 0 R /V 7 0 R /P 3 0 R /R [0 0 1 1] >>"}},
	{"optional content order holds itself", "", "", "/OCProperties << /OCGs [5 0 R] /D << /Order 6 0 R >> >>", []string{"<< /Type /OCG /Name (a) >>", "[5 0 R 6 0 R]"}},
	{"optional content membership is itself", "/Properties << /MC0 5 0 R >>", "", "/OCProperties << /OCGs [6 0 R] /D << >> >>", []string{"<< /Type /OCMD /OCGs [5 0 R] /VE [/And 5 0 R] >>", "<< /Type /OCG /Name (a) >>"}},
	{"viewer preferences hold themselves", "", "", "/ViewerPreferences 5 0 R", []string{"<< /PrintPageRange 5 0 R >>"}},
	{"catalog pages is the catalog", "", "", "", nil},
	{"page resources are the page", "", "", "", nil},
	{"inherited resources through a parent loop", "", "", "", nil},
}

// specialCycle builds the seeds that need more than letterWith gives.
func specialCycle(name string) []byte {
	page := "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R %s >>"
	body := stream("", "BT /F1 12 Tf 72 720 Td (a) Tj ET")
	one := func(pageExtra string, extra ...string) []byte {
		return sim.AssemblePDF(append([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			fmt.Sprintf(page, pageExtra), body}, extra...)...)
	}
	switch name {
	case "annotation popup is itself":
		return one("/Annots [5 0 R]", "<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /Popup 5 0 R >>")
	case "annotation appearance resources loop":
		return one("/Annots [5 0 R]", "<< /Type /Annot /Subtype /Square /Rect [0 0 1 1] /AP << /N 6 0 R >> >>",
			stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /X0 6 0 R >> >>", "/X0 Do"))
	case "annotation in reply to itself":
		return one("/Annots [5 0 R]", "<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /IRT 5 0 R /P 3 0 R >>")
	case "widget parent is itself":
		return one("/Annots [5 0 R]", "<< /Type /Annot /Subtype /Widget /Rect [0 0 1 1] /FT /Tx /Parent 5 0 R >>")
	case "catalog pages is the catalog":
		return sim.AssemblePDF("<< /Type /Catalog /Pages 1 0 R /Kids [1 0 R] /Count 1 >>")
	case "page resources are the page":
		return one("/Resources 3 0 R")
	case "inherited resources through a parent loop":
		return sim.AssemblePDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 5 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", body,
			"<< /Type /Pages /Parent 5 0 R /Kids [3 0 R] /Count 1 >>")
	}
	return nil
}

// pageTreeSeeds lie about or abuse the page tree; none may be accepted.
func pageTreeSeeds() []hostile {
	body := stream("", "BT /F1 12 Tf 72 720 Td (a) Tj ET")
	page := "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
	tree := func(name, pages string, want ...string) hostile {
		return hostile{name, sim.AssemblePDF("<< /Type /Catalog /Pages 2 0 R >>", pages, page, body), want}
	}
	out := []hostile{
		tree("count says 3, holds 1", "<< /Type /Pages /Kids [3 0 R] /Count 3 >>", CodeBroken),
		tree("count says 0, holds 1", "<< /Type /Pages /Kids [3 0 R] /Count 0 >>", CodeBroken, CodeNoPages),
		tree("count is negative", "<< /Type /Pages /Kids [3 0 R] /Count -1 >>", CodeBroken),
		tree("count says a million", "<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>", CodeBroken),
		tree("count is not a number", "<< /Type /Pages /Kids [3 0 R] /Count (satu) >>", CodeBroken),
		tree("no count", "<< /Type /Pages /Kids [3 0 R] >>", CodeBroken),
		tree("kids holds the tree itself", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>", CodeBroken),
		tree("kids holds the catalog", "<< /Type /Pages /Kids [1 0 R] /Count 1 >>", CodeBroken),
		tree("kids holds a number", "<< /Type /Pages /Kids [42] /Count 1 >>", CodeBroken),
		tree("kids holds a missing object", "<< /Type /Pages /Kids [99 0 R] /Count 1 >>", CodeBroken),
		tree("kids holds the page twice", "<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 >>", CodeBroken),
		tree("kids is a dictionary", "<< /Type /Pages /Kids << /A 3 0 R >> /Count 1 >>", CodeBroken),
		tree("kids is empty but counts one", "<< /Type /Pages /Kids [] /Count 1 >>", CodeBroken),
		tree("empty tree", "<< /Type /Pages /Kids [] /Count 0 >>", CodeNoPages),
	}
	// A million pages by count, in two levels of a thousand references to one node.
	var k1, k2 strings.Builder
	for range 1000 {
		k1.WriteString("5 0 R ")
		k2.WriteString("3 0 R ")
	}
	out = append(out, hostile{"a million pages through shared nodes", sim.AssemblePDF(
		"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids ["+k1.String()+"] /Count 1000000 >>",
		"<< /Type /Page /Parent 5 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", body,
		"<< /Type /Pages /Parent 2 0 R /Kids ["+k2.String()+"] /Count 1000 >>"), []string{CodeBroken, CodeTooManyPages}})
	// Honest trees: the limit, one over it, and far over it.
	for _, n := range []int{MaxPages + 1, 1000} {
		out = append(out, hostile{fmt.Sprintf("%d honest pages", n), sim.SamplePDF(n, "halaman"), []string{CodeTooManyPages}})
	}
	// A deep tree: each node holds the next, ten thousand deep.
	const depth = 10_000
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>"}
	for i := range depth {
		objs = append(objs, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", i+3))
	}
	objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] >>", depth+1))
	out = append(out, hostile{"page tree ten thousand deep", sim.AssemblePDF(objs...), nil})
	return out
}

// nestingSeeds nest arrays and dictionaries far deeper than any letter does.
func nestingSeeds() []hostile {
	var out []hostile
	for _, depth := range []int{1_000, 100_000, 1_000_000} {
		arr := strings.Repeat("[", depth) + strings.Repeat("]", depth)
		out = append(out, hostile{fmt.Sprintf("array nested %d deep", depth),
			letterWith("/ColorSpace << /CS0 5 0 R >>", "", "", arr), nil})
		dict := strings.Repeat("<< /A ", depth) + "1" + strings.Repeat(" >>", depth)
		out = append(out, hostile{fmt.Sprintf("dictionary nested %d deep", depth),
			letterWith("/Properties << /P0 5 0 R >>", "", "", dict), nil})
	}
	// A chain of forms, each drawing the next, a thousand long.
	var forms []string
	for i := range 1000 {
		forms = append(forms, stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /X0 %d 0 R >> >>", i+6), "/X0 Do"))
	}
	forms = append(forms, stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", ""))
	out = append(out, hostile{"a thousand forms each drawing the next", letterWith("/XObject << /X0 5 0 R >>", "/X0 Do", "", forms...), nil})
	return out
}

// bombSeeds are small files that inflate far beyond DecodeBudget.
func bombSeeds() []hostile {
	unpacked := []string{CodeUnpackedTooLarge, CodeUnreadable}
	out := []hostile{
		{"content stream of 200 MB in 200 KB", letterWith("", "", "", flateStream("", []byte("BT ET "), 200)), unpacked},
		{"metadata of 200 MB", letterWith("", "", "/Metadata 5 0 R", flateStream("/Type /Metadata /Subtype /XML", []byte("<x/>"), 200)), unpacked},
		{"unused stream of 200 MB", letterWith("", "", "", flateStream("", nil, 200)), unpacked},
		{"object streams of 160 MB", objectStreamBomb(20, 8), unpacked},
		{"font file of 200 MB", letterWith("/Font << /F1 5 0 R >>", "", "", "<< /Type /Font /Subtype /TrueType /BaseFont /X /FirstChar 32 /LastChar 32 /Widths [1] /FontDescriptor 6 0 R >>",
			"<< /Type /FontDescriptor /FontName /X /Flags 32 /FontBBox [0 0 1 1] /ItalicAngle 0 /Ascent 1 /Descent 0 /CapHeight 1 /StemV 1 /FontFile2 7 0 R >>", flateStream("", nil, 200)), unpacked},
		{"image of 200 MB", letterWith("/XObject << /Im0 5 0 R >>", "/Im0 Do", "", flateStream("/Type /XObject /Subtype /Image /Width 10000 /Height 20000 /ColorSpace /DeviceGray /BitsPerComponent 8", nil, 200)), unpacked},
	}
	// Twenty streams of 8 MB each: every one is modest, together they are not.
	var many []string
	for range 20 {
		many = append(many, flateStream("", nil, 8))
	}
	out = append(out, hostile{"twenty streams of 8 MB", letterWith("", "", "", many...), unpacked})
	// Flate inside flate: the outer layer is small, the inner one huge.
	inner := deflatedSpaces(nil, 150)
	var outer bytes.Buffer
	outer.Write(zlibOf(inner))
	out = append(out, hostile{"flate inside flate of 150 MB", letterWith("", "", "",
		fmt.Sprintf("<< /Filter [/FlateDecode /FlateDecode] /Length %d >>\nstream\n%s\nendstream", outer.Len(), outer.Bytes())), unpacked})
	return out
}

// activeSeeds carry active content (refused) and ordinary links (accepted).
func activeSeeds() []hostile {
	active := []string{CodeActiveContent}
	link := func(action string) string {
		return "<< /Type /Annot /Subtype /Link /Rect [72 700 200 720] /Border [0 0 0] /A " + action + " >>"
	}
	annotated := func(annot string, extra ...string) []byte {
		return sim.AssemblePDF(append([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [5 0 R] >>",
			stream("", "BT /F1 12 Tf 72 720 Td (dtik@uns.ac.id) Tj ET"), annot}, extra...)...)
	}
	return []hostile{
		{"JavaScript on open", letterWith("", "", "/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"), active},
		{"JavaScript in the names tree", letterWith("", "", "/Names << /JavaScript 5 0 R >>", "<< /Names [(a) << /S /JavaScript /JS (app.alert\\(1\\)) >>] >>"), active},
		{"JavaScript as a stream", letterWith("", "", "/OpenAction << /S /JavaScript /JS 5 0 R >>", stream("", "app.alert(1)")), active},
		{"JavaScript on a page's open", sim.AssemblePDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /AA << /O << /S /JavaScript /JS (x) >> >> >>", stream("", "")), active},
		{"JavaScript in a link", annotated(link("<< /S /JavaScript /JS (x) >>")), active},
		{"JavaScript nobody references", letterWith("", "", "", "<< /S /JavaScript /JS (app.alert\\(1\\)) >>"), active},
		{"JavaScript in an object stream", jsInObjectStream(), active},
		{"launch action", annotated(link("<< /S /Launch /F (cmd.exe) >>")), active},
		{"submit form action", annotated(link("<< /S /SubmitForm /F << /FS /URL /F (http://example.com) >> >>")), active},
		{"import data action", annotated(link("<< /S /ImportData /F (data.fdf) >>")), active},
		{"jump into an embedded file", annotated(link("<< /S /GoToE /T << /R /C /N (a) >> >>")), active},
		{"embedded files", letterWith("", "", "/Names << /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>",
			"<< /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>", stream("/Type /EmbeddedFile", "MZ")), active},
		{"file attachment annotation", annotated("<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 1 1] /FS << /Type /Filespec /F (a.txt) >> >>"), active},
		{"rich media annotation", annotated("<< /Type /Annot /Subtype /RichMedia /Rect [0 0 1 1] >>"), active},
		{"XFA form", letterWith("", "", "/AcroForm << /Fields [] /XFA 5 0 R >>", stream("", "<xdp/>")), active},
		{"mail link, as Word writes it", annotated(link("<< /S /URI /URI (mailto:dtik@uns.ac.id) >>")), []string{""}},
		{"web link", annotated(link("<< /S /URI /URI (https://uns.ac.id/) >>")), []string{""}},
		{"link within the document", annotated(link("<< /S /GoTo /D [3 0 R /Fit] >>")), []string{""}},
	}
}

// prevSeeds abuse the chain of cross-reference sections.
func prevSeeds() []hostile {
	base := sim.SampleLetterPDF()
	start := bytes.LastIndex(base, []byte("startxref\n"))
	xref := bytes.LastIndex(base, []byte("xref\n"))
	withTrailer := func(extra string) []byte {
		return bytes.Replace(base, []byte("/Root 1 0 R >>"), []byte("/Root 1 0 R "+extra+" >>"), 1)
	}
	// A second section appended after the first, whose /Prev points at itself or
	// back at the first, which then points at the second.
	appended := func(selfPrev bool) []byte {
		out := withTrailer("")
		if !selfPrev {
			second := len(out)
			out = withTrailer(fmt.Sprintf("/Prev %d", second))
		}
		second := len(out)
		prev := second
		if !selfPrev {
			prev = xref
		}
		out = append(out, fmt.Sprintf("xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", prev, second)...)
		return out
	}
	return []hostile{
		{"xref prev is itself", withTrailer(fmt.Sprintf("/Prev %d", xref)), nil},
		{"xref prev points past the end", withTrailer("/Prev 99999999"), nil},
		{"xref prev is negative", withTrailer("/Prev -5"), nil},
		{"xref sections point at each other", appended(false), nil},
		{"appended xref prev is itself", appended(true), nil},
		{"startxref points into the middle", append(base[:start:start], "startxref\n100\n%%EOF\n"...), nil},
	}
}

// corpus is every hostile seed, generated.
func corpus() []hostile {
	var out []hostile
	for _, s := range cycleSeeds {
		pdf := specialCycle(s.name)
		if pdf == nil {
			pdf = letterWith(s.res, s.content, s.catalog, s.extra...)
		}
		out = append(out, hostile{"cycle: " + s.name, pdf, nil})
	}
	for _, group := range [][]hostile{pageTreeSeeds(), nestingSeeds(), bombSeeds(), activeSeeds(), prevSeeds()} {
		out = append(out, group...)
	}
	return out
}
