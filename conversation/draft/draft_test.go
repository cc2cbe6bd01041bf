package draft_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation"
	"github.com/uns-dtik/loket/conversation/draft"
	"github.com/uns-dtik/loket/conversation/letter"
)

// now is 03.00 WIB on 28 November 2026, still the 27th in UTC: the letter's date must
// be Jakarta's.
var now = time.Date(2026, 11, 27, 20, 0, 0, 0, time.UTC)

// event150 is an event name of 150 characters, with an en dash.
var event150 = "Seminar Nasional dan Lokakarya Teknologi Informasi – Transformasi Digital Perguruan Tinggi untuk Layanan Akademik yang Inklusif Aman dan Berkelanjutan"

func init() {
	if n := len([]rune(event150)); n != 150 {
		panic(fmt.Sprintf("event150 has %d characters, not 150", n)) // the test data must be what it says
	}
}

// defaults are the built-in templates checked against the built-in catalog.
func defaults(t *testing.T) *draft.Drafts {
	t.Helper()
	c, err := conversation.LoadCatalog("")
	if err != nil {
		t.Fatal(err)
	}
	d, err := conversation.LoadDrafts("", c)
	if err != nil {
		t.Fatalf("built-in templates refused: %v", err)
	}
	return d
}

func answers(kv ...string) map[string]loket.Field {
	m := map[string]loket.Field{}
	for i := 0; i+2 < len(kv)+1; i += 3 {
		m[kv[i]] = loket.Field{Key: kv[i], Value: kv[i+1], Shown: kv[i+2]}
	}
	return m
}

// zoomAnswers are a full ZM draft's answers, stored as the dialog stores them.
func zoomAnswers() map[string]loket.Field {
	return answers(
		"official", "ya", "Ya",
		"applicant_name", "Dr. Siti Aminah, M.Kom.", "",
		"nip", "198609262015052001", "19860926 201505 2 001",
		"unit", `Pusat Studi R&D <Sains> "Terapan"`, "",
		"email", "siti.aminah@staff.uns.ac.id", "",
		"event", event150, "",
		"start_date", "2026-12-12", "Sabtu, 12 Desember 2026",
		"end_date", "2026-12-13", "Minggu, 13 Desember 2026",
		"participants", "500", "",
		"contact_phone", "+6281234567890", "",
	)
}

// emailAnswers are a full EM draft's answers.
func emailAnswers() map[string]loket.Field {
	return answers(
		"organised_by_uns", "ya", "Ya",
		"username", "semnas-ti2026", "semnas-ti2026@mail.uns.ac.id",
		"event", "Seminar Nasional Teknologi Informasi 2026", "",
		"unit", "Fakultas Teknologi Informasi dan Sains Data (FATISDA)", "",
		"purpose", "Korespondensi panitia & pendaftaran peserta seminar", "",
		"pic_name", "Dr. Siti Aminah, M.Kom.", "",
		"pic_nip", "198609262015052001", "19860926 201505 2 001",
		"pic_phone", "+6281298765432", "",
		"pic_email", "siti.aminah@staff.uns.ac.id", "",
		"contact_phone", "+6285700001111", "",
	)
}

// both renders a draft and reads it back from the .docx and from the PDF.
func both(t *testing.T, d *draft.Drafts, service string, a map[string]loket.Field) (files draft.Files, docx, pdf string, bold []string) {
	t.Helper()
	files, err := d.Render(service, a, now)
	if err != nil {
		t.Fatalf("Render(%s): %v", service, err)
	}
	docx, bold = docxText(t, files.DOCX.Data)
	pdf, _ = pdfText(t, files.PDF.Data)
	return files, squash(docx), squash(pdf), bold
}

// contains fails the test for each want that text does not contain.
func contains(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, squash(w)) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// letterParts are in every draft, whatever the service: the addressee, the date in
// Indonesian, and the places for what the unit adds by hand.
var letterParts = []string{
	"Yth. Direktur Direktorat Teknologi Informasi dan Komunikasi", "Universitas Sebelas Maret",
	"Surakarta, 28 November 2026", "[tanda tangan pimpinan unit]", "[stempel unit]", "[kop surat unit]",
}

func TestZoomDraftCarriesEveryItemOfSOP18(t *testing.T) {
	files, docx, pdf, bold := both(t, defaults(t), "ZM", zoomAnswers())
	items := []string{
		// SOP#18 rule 1, a to i, in its words, each with its answer.
		"a. Nomor kontak narahubung (WhatsApp) : 0812-3456-7890",
		"b. Nama pemohon : Dr. Siti Aminah, M.Kom.",
		"c. NIP pemohon : 19860926 201505 2 001",
		`d. Nama Fakultas/Prodi/Unit : Pusat Studi R&D <Sains> "Terapan"`,
		"e. Email @staff.uns.ac.id atau @unit.uns.ac.id yang akan diberikan lisensi zoom temporary : siti.aminah@staff.uns.ac.id",
		"f. Nama kegiatan : " + event150,
		"g. Tanggal awal penggunaan lisensi : Sabtu, 12 Desember 2026",
		"h. Tanggal akhir penggunaan lisensi : Minggu, 13 Desember 2026",
		"i. Jumlah peserta : 500 orang",
	}
	contains(t, "docx", docx, append(items, letterParts...)...)
	contains(t, "pdf", pdf, append(items, letterParts...)...)
	if !slices.ContainsFunc(bold, func(s string) bool {
		return strings.Contains(s, "Permohonan Lisensi Zoom Temporary (1000 Participants)")
	}) {
		t.Errorf("the subject is not bold; bold runs: %q", bold)
	}
	if files.DOCX.FileName != files.PDF.FileName[:len(files.PDF.FileName)-len(".pdf")]+".docx" || !strings.HasPrefix(files.DOCX.FileName, "draf-surat-ZM-seminar-nasional-dan-lokakarya-") {
		t.Errorf("file names %q and %q", files.DOCX.FileName, files.PDF.FileName)
	}
	if files.DOCX.MimeType != draft.DOCXType || files.PDF.MimeType != draft.PDFType {
		t.Errorf("types %q, %q", files.DOCX.MimeType, files.PDF.MimeType)
	}
}

func TestEmailDraftCarriesEveryItemOfSOP6(t *testing.T) {
	files, docx, pdf, bold := both(t, defaults(t), "EM", emailAnswers())
	items := []string{
		// SOP#6 rule 1, a to g, in its words, each with its answer.
		"a. Usulan username email kegiatan : semnas-ti2026@mail.uns.ac.id",
		"b. Nama unit/fakultas/lembaga pengusul : Fakultas Teknologi Informasi dan Sains Data (FATISDA)",
		"c. Tujuan dibuatnya email : Korespondensi panitia & pendaftaran peserta seminar",
		"d. Identitas penanggung jawab : Dr. Siti Aminah, M.Kom., NIP 19860926 201505 2 001",
		"e. Nomor kontak penanggung jawab (WhatsApp) : 0812-9876-5432",
		"f. Email penanggung jawab (SSO) : siti.aminah@staff.uns.ac.id",
		"g. Nomor kontak narahubung (WhatsApp) : 0857-0000-1111",
		"kegiatan Seminar Nasional Teknologi Informasi 2026",
	}
	contains(t, "docx", docx, append(items, letterParts...)...)
	contains(t, "pdf", pdf, append(items, letterParts...)...)
	if !slices.Contains(bold, "Permohonan Aktivasi Email Kegiatan") {
		t.Errorf("the subject is not bold; bold runs: %q", bold)
	}
	if files.PDF.FileName != "draf-surat-EM-seminar-nasional-teknologi-informasi-2026.pdf" {
		t.Errorf("PDF named %q", files.PDF.FileName)
	}
}

func TestXMLSpecialCharactersAreEscapedInTheDOCX(t *testing.T) {
	files, err := defaults(t).Render("ZM", zoomAnswers(), now)
	if err != nil {
		t.Fatal(err)
	}
	xml := docxPart(t, files.DOCX.Data, "word/document.xml")
	if !strings.Contains(xml, "Pusat Studi R&amp;D &lt;Sains&gt; &#34;Terapan&#34;") {
		t.Errorf("document.xml does not escape the unit's &, < and \"")
	}
	if strings.Contains(xml, "R&D") || strings.Contains(xml, "<Sains>") {
		t.Errorf("document.xml carries the unit unescaped")
	}
}

func TestAnswersCannotChangeTheLayout(t *testing.T) {
	a := zoomAnswers()
	a["event"] = loket.Field{Value: `**Tebal** | sel > tanda \ garis`}
	files, docx, pdf, bold := both(t, defaults(t), "ZM", a)
	contains(t, "docx", docx, `f. Nama kegiatan : **Tebal** | sel > tanda \ garis`)
	contains(t, "pdf", pdf, `**Tebal** | sel > tanda \ garis`)
	if slices.ContainsFunc(bold, func(s string) bool { return strings.Contains(s, "Tebal") }) {
		t.Errorf("the applicant's ** made text bold")
	}
	if n := strings.Count(docxPart(t, files.DOCX.Data, "word/document.xml"), "<w:tc>"); n != 9*3 {
		t.Errorf("the table has %d cells, want 27: an answer's | made a cell", n)
	}
}

func TestMissingAnswersAreBlanksToFillIn(t *testing.T) {
	d := defaults(t)
	files, docx, pdf, _ := both(t, d, "ZM", answers("event", "Seminar Nasional 2026", ""))
	for _, text := range []string{docx, pdf} {
		contains(t, "draft", text, "b. Nama pemohon : …………", "g. Tanggal awal penggunaan lisensi : …………",
			"a. Nomor kontak narahubung (WhatsApp) : …………", "f. Nama kegiatan : Seminar Nasional 2026")
	}
	if files.DOCX.FileName != "draf-surat-ZM-seminar-nasional-2026.docx" {
		t.Errorf("named %q", files.DOCX.FileName)
	}
	files, err := d.Render("EM", nil, now)
	if err != nil {
		t.Fatalf("a draft without any answer: %v", err)
	}
	if files.PDF.FileName != "draf-surat-EM.pdf" {
		t.Errorf("without an event, named %q", files.PDF.FileName)
	}
	contains(t, "pdf", func() string { s, _ := pdfText(t, files.PDF.Data); return squash(s) }(), "c. Tujuan dibuatnya email : …………")
}

func TestTextOutsideWindows1252DegradesLegiblyInThePDF(t *testing.T) {
	a := zoomAnswers()
	a["applicant_name"] = loket.Field{Value: "Ir. Bambang Ŝ, M.T."}                               // no Ŝ in Windows-1252
	a["unit"] = loket.Field{Value: "Prodi Informatika ﬁsika 🎉 会议"}                                // a ligature, an emoji, CJK
	a["event"] = loket.Field{Value: "Lokakarya Ŝ\u0301 \u00a0–\u2009" + strings.Repeat("x", 300)} // marks, spaces, a word wider than a line
	_, docx, pdf, _ := both(t, defaults(t), "ZM", a)
	contains(t, "pdf", pdf, "Ir. Bambang S, M.T.", "Prodi Informatika fisika ? ??", "Lokakarya S –")
	contains(t, "docx", docx, "Ir. Bambang Ŝ, M.T.", "Prodi Informatika ﬁsika 🎉 会议")
	if n := strings.Count(strings.ReplaceAll(pdf, " ", ""), "x"); n < 300 {
		t.Errorf("the PDF shows %d of the 300 x of a long word", n)
	}
}

func TestFileNamesAreSluggedAndBounded(t *testing.T) {
	d := defaults(t)
	for event, want := range map[string]string{
		"Ŝeminar Ñasional – 2026!":   "draf-surat-ZM-seminar-nasional-2026",
		event150:                     "draf-surat-ZM-seminar-nasional-dan-lokakarya-teknologi",
		"../../etc/passwd":           "draf-surat-ZM-etc-passwd",
		"会议":                         "draf-surat-ZM",
		strings.Repeat("abcdef", 20): "draf-surat-ZM-" + strings.Repeat("abcdef", 20)[:50],
	} {
		files, err := d.Render("ZM", answers("event", event, ""), now)
		if err != nil {
			t.Fatal(err)
		}
		if files.DOCX.FileName != want+".docx" || files.PDF.FileName != want+".pdf" {
			t.Errorf("event %q: named %q and %q, want %s.*", event, files.DOCX.FileName, files.PDF.FileName, want)
		}
	}
}

func TestDraftPassesTheLetterCheckStructurally(t *testing.T) {
	for service, a := range map[string]map[string]loket.Field{"ZM": zoomAnswers(), "EM": emailAnswers()} {
		files, err := defaults(t).Render(service, a, now)
		if err != nil {
			t.Fatal(err)
		}
		// A draft is unsigned, so only the structure can pass: a PDF, unencrypted,
		// without active content, 1 to 50 pages.
		if v := letter.Inspect(context.Background(), files.PDF.Data); v.Code != "" || v.Pages != 1 {
			t.Errorf("%s: the letter check says %q (%s), %d pages; want accepted, 1 page", service, v.Code, v.Detail, v.Pages)
		}
	}
}

func TestRenderRefusesAServiceWithoutTemplate(t *testing.T) {
	d := defaults(t)
	if _, err := d.Render("XX", nil, now); !errors.Is(err, draft.ErrNoTemplate) {
		t.Errorf("Render(XX) = %v, want ErrNoTemplate", err)
	}
	if d.Has("XX") || !d.Has("ZM") || !d.Has("EM") {
		t.Errorf("Has: XX %v, ZM %v, EM %v", d.Has("XX"), d.Has("ZM"), d.Has("EM"))
	}
}

// zm is a service as New sees it.
var zm = []draft.Service{{Code: "ZM", Fields: []string{"event", "start_date"}}}

func TestTemplatesAreCheckedAtLoad(t *testing.T) {
	for name, tc := range map[string]struct{ template, want string }{
		"a field the service lacks": {"Acara {{.event}} pada {{tanggal .start_dat}}", `service ZM has no field "start_dat"`},
		"a field in a define":       {`{{define "berkas"}}{{.nama_acara}}{{end}}x`, `service ZM has no field "nama_acara"`},
		"a field in a branch":       {"{{with .event}}{{$.peserta}}{{end}}", `service ZM has no field "peserta"`},
		"an unknown builtin":        {"{{.Today}}", `service ZM has no field "Today"`},
		"a helper given text":       {"{{tanggal .Tanggal}}", "wrong type"},
		"a method answers lack":     {"{{.event.Value}}", "Value"},
		"a syntax error":            {"{{.event", "ZM"},
		"an unknown helper":         {"{{rupiah .event}}", "rupiah"},
	} {
		_, err := draft.New(zm, nil, fstest.MapFS{"ZM.tmpl": {Data: []byte(tc.template)}})
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "ZM") {
			t.Errorf("%s: New = %v, want an error naming ZM and %q", name, err, tc.want)
		}
	}
}

func TestCustomTemplatesReplaceTheBuiltInOnes(t *testing.T) {
	custom := fstest.MapFS{"ZM.tmpl": {Data: []byte("Surat khusus untuk {{.event}}")}}
	builtIn := fstest.MapFS{"ZM.tmpl": {Data: []byte("bawaan")}, "EM.tmpl": {Data: []byte("bawaan {{.event}}")}}
	services := append(slices.Clone(zm), draft.Service{Code: "EM", Fields: []string{"event"}})
	d, err := draft.New(services, custom, builtIn)
	if err != nil {
		t.Fatal(err)
	}
	for service, want := range map[string]string{"ZM": "Surat khusus untuk Semnas", "EM": "bawaan Semnas"} {
		files, err := d.Render(service, answers("event", "Semnas", ""), now)
		if err != nil {
			t.Fatal(err)
		}
		if text, _ := docxText(t, files.DOCX.Data); squash(text) != want {
			t.Errorf("%s says %q, want %q", service, squash(text), want)
		}
	}
	custom["ZN.tmpl"] = &fstest.MapFile{Data: []byte("x")}
	if _, err := draft.New(services, custom, builtIn); err == nil || !strings.Contains(err.Error(), "no service ZN") {
		t.Errorf("a custom template of no service: %v", err)
	}
}

func TestACustomCatalogsDraftsFolderIsUsed(t *testing.T) {
	dir := t.TempDir()
	catalog, err := os.ReadFile("../catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("catalog.yaml", string(catalog))
	path := filepath.Join(dir, "catalog.yaml")
	c, err := conversation.LoadCatalog(path)
	if err != nil {
		t.Fatal(err)
	}
	// Without a drafts folder, the built-in templates serve.
	if d, err := conversation.LoadDrafts(path, c); err != nil || !d.Has("ZM") || !d.Has("EM") {
		t.Fatalf("no drafts folder: %v", err)
	}
	write("drafts/EM.tmpl", "Permohonan akun {{.username}} oleh {{.pic_nama}}")
	if _, err := conversation.LoadDrafts(path, c); err == nil || !strings.Contains(err.Error(), `service EM has no field "pic_nama"`) {
		t.Errorf("a custom template naming a missing field: %v", err)
	}
	write("drafts/EM.tmpl", "Permohonan akun {{.username}}")
	d, err := conversation.LoadDrafts(path, c)
	if err != nil {
		t.Fatal(err)
	}
	files, err := d.Render("EM", emailAnswers(), now)
	if err != nil {
		t.Fatal(err)
	}
	if text, _ := docxText(t, files.DOCX.Data); squash(text) != "Permohonan akun semnas-ti2026@mail.uns.ac.id" {
		t.Errorf("the custom EM template was not used: %q", text)
	}
}

func TestALongLetterRunsOntoMorePages(t *testing.T) {
	long := strings.Repeat("| x. | Butir | : {{.event}} |\n", 40) + strings.Repeat("Paragraf {{.event}}\n\n", 40) + "> [stempel unit]"
	d, err := draft.New(zm, nil, fstest.MapFS{"ZM.tmpl": {Data: []byte(long)}})
	if err != nil {
		t.Fatal(err)
	}
	files, err := d.Render("ZM", answers("event", event150, ""), now)
	if err != nil {
		t.Fatal(err)
	}
	text, pages := pdfText(t, files.PDF.Data)
	if pages < 3 {
		t.Errorf("%d pages, want the 40 rows and 40 paragraphs to need at least 3", pages)
	}
	if n := strings.Count(squash(text), event150); n != 80 {
		t.Errorf("the PDF shows the event %d times, want 80", n)
	}
	if !strings.HasSuffix(squash(text), "[stempel unit]") {
		t.Errorf("the last line is not last")
	}
}

// docxPart is one part of a .docx, as text.
func docxPart(t *testing.T, data []byte, name string) string {
	t.Helper()
	parts := unzip(t, data)
	p, ok := parts[name]
	if !ok {
		t.Fatalf("no %s", name)
	}
	return string(p)
}

// BenchmarkRender measures one full ZM draft, both files: what `draf surat` costs
// the dialog's turn.
func BenchmarkRender(b *testing.B) {
	c, err := conversation.LoadCatalog("")
	if err != nil {
		b.Fatal(err)
	}
	d, err := conversation.LoadDrafts("", c)
	if err != nil {
		b.Fatal(err)
	}
	a := zoomAnswers()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Render("ZM", a, now); err != nil {
			b.Fatal(err)
		}
	}
}
