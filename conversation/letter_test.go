package conversation_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot/sim"
	"github.com/uns-dtik/loket/conversation"
)

func encryptedPDF(t testing.TB) []byte {
	t.Helper()
	var out bytes.Buffer
	conf := model.NewAESConfiguration("rahasia", "rahasia", 256)
	if err := api.Encrypt(bytes.NewReader(sim.SampleLetterPDF()), &out, conf); err != nil {
		t.Fatalf("encrypt sample: %v", err)
	}
	return out.Bytes()
}

func TestCheckLetter(t *testing.T) {
	sample := sim.SampleLetterPDF()
	cases := []struct {
		name string
		data []byte
		code string
	}{
		{"word file", []byte("PK\x03\x04\x14\x00\x06\x00word/document.xml"), "letter_not_pdf"},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), "letter_not_pdf"},
		{"text named .pdf", []byte("Halo, ini surat saya"), "letter_not_pdf"},
		{"header then garbage", []byte("%PDF-1.7\nthis is not a pdf at all\n%%EOF"), "letter_broken"},
		{"truncated", sample[:len(sample)/2], "letter_broken"},
		{"too large", append([]byte("%PDF-1.4\n"), make([]byte, conversation.MaxLetterBytes)...), "letter_too_large"},
		{"encrypted", encryptedPDF(t), "letter_encrypted"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := conversation.CheckLetter(context.Background(), c.data)
			var le *loket.Error
			if !errors.As(err, &le) || le.Code != c.code {
				t.Fatalf("CheckLetter = %v, want code %s", err, c.code)
			}
		})
	}
}

func TestSampleLettersPass(t *testing.T) {
	for pages, data := range map[int][]byte{1: sim.SampleLetterPDF(), 3: sim.SamplePDF(3, "Surat (uji) \\ coba")} {
		info, err := conversation.CheckLetter(context.Background(), data)
		if err != nil || info.Pages != pages || info.Size != int64(len(data)) {
			t.Fatalf("%d-page sample: %+v, %v", pages, info, err)
		}
	}
}

func FuzzCheckLetter(f *testing.F) {
	f.Add(sim.SampleLetterPDF())
	f.Add(sim.SamplePDF(2, "x"))
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := conversation.CheckLetter(context.Background(), data)
		if err == nil {
			if info.Pages < 1 {
				t.Fatalf("accepted with %d pages", info.Pages)
			}
			return
		}
		var le *loket.Error
		if !errors.As(err, &le) || !strings.HasPrefix(le.Code, "letter_") {
			t.Fatalf("error %v is not a letter_ *loket.Error", err)
		}
	})
}

func BenchmarkCheckLetter(b *testing.B) {
	data := sim.SamplePDF(5, "Surat permohonan")
	for b.Loop() {
		if _, err := conversation.CheckLetter(context.Background(), data); err != nil {
			b.Fatal(err)
		}
	}
}
