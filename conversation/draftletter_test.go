package conversation_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation"
)

// TestDraftLetterFromTheAnswers: at the letter step the bot offers the draft letter;
// `draf surat` sends it as .docx and .pdf with the answers given so far, then asks
// the letter again; without a service chosen it says how to get one.
func TestDraftLetterFromTheAnswers(t *testing.T) {
	t.Parallel()
	d := newDialogWithDrafts(t)
	d.say("draf surat", "Pilih layanan dulu dari *menu*")
	d.say("halo")
	d.answer(zoomApplicant)
	d.answer([]exchange{
		{"Seminar Nasional Teknologi & Informasi 2026", "Langkah 7 dari 11"},
		{"besok", "Langkah 8 dari 11"}, {"lusa", "Langkah 9 dari 11"}, {"300", "Langkah 10 dari 11"},
	})
	d.say("ya", "Langkah 11 dari 11", "*draf surat*")

	d.seq++
	replies, err := d.c.Handle(context.Background(), loket.Message{Seq: d.seq, Chat: d.chat, Phone: "+" + d.chat, Kind: loket.KindText, Text: "draf surat"})
	if err != nil {
		t.Fatal(err)
	}
	if len(replies) != 4 || replies[1].Attachment == nil || replies[2].Attachment == nil || !strings.Contains(replies[3].Text, "Langkah 11 dari 11") {
		t.Fatalf("draf surat answered %d replies: %+v", len(replies), replies)
	}
	docx, pdf := replies[1].Attachment, replies[2].Attachment
	if !strings.HasSuffix(docx.FileName, ".docx") || !strings.HasSuffix(pdf.FileName, ".pdf") || !strings.Contains(docx.FileName, "ZM") ||
		!bytes.HasPrefix(pdf.Data, []byte("%PDF-")) {
		t.Fatalf("files %q (%s) and %q (%s)", docx.FileName, docx.MimeType, pdf.FileName, pdf.MimeType)
	}
	body := documentXML(t, docx.Data)
	for _, want := range []string{"Dr. Siti Aminah, M.Kom.", "siti@staff.uns.ac.id", "Seminar Nasional Teknologi &amp; Informasi 2026", "198609262015052001"} {
		if !strings.Contains(body, want) && !strings.Contains(body, strings.ReplaceAll(want, "198609262015052001", "19860926 201505 2 001")) {
			t.Errorf("the draft letter does not hold %q", want)
		}
	}
	// The dialog is where it was: the letter is still asked for.
	d.say("kembali", "Langkah 10 dari 11")
}

// documentXML is the text of a .docx's main part.
func documentXML(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	t.Fatal("no word/document.xml in the .docx")
	return ""
}

// newDialogWithDrafts is newDialog on the built-in catalog with its draft letters, as
// cmd/loket wires them.
func newDialogWithDrafts(t *testing.T) *dialog {
	t.Helper()
	d := newDialog(t, nil)
	drafts, err := conversation.LoadDrafts("", d.c.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	d.c.Drafts = drafts
	return d
}
