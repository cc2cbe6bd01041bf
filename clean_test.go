package loket

import (
	"strings"
	"testing"
)

func TestCleanText(t *testing.T) {
	for in, want := range map[string]string{
		"halo":                    "halo",
		"ha\x00lo":                "halo",
		"baris satu\r\nbaris dua": "baris satu\nbaris dua",
		"lama\rbaru":              "lama\nbaru",
		"tab\tok":                 "tab\tok",
		"surat\u202efdp.exe":      "suratfdp.exe",
		"a\u2066b\u2069c\u202ad":  "abcd",
		"bel\x07 dan \u0085C1":    "bel dan C1",
		"rusak \xff\xfe utf8":     "rusak  utf8",
		"emoji 👨‍👩‍👧 tetap":       "emoji 👨‍👩‍👧 tetap",
		"tanda \u200e arah tetap": "tanda \u200e arah tetap",
		"":                        "",
	} {
		if got := CleanText(in); got != want {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCleanLine(t *testing.T) {
	for _, c := range []struct {
		in   string
		max  int
		want string
	}{
		{"Budi\n• NIP: 1 (TERVERIFIKASI)", 60, "Budi • NIP: 1 (TERVERIFIKASI)"},
		{"  Budi   Santoso  ", 60, "Budi Santoso"},
		{"Bu\u200bdi\ufeff", 60, "Budi"},
		{strings.Repeat("ab", 40), 10, "ababababa…"},
		{"é" + strings.Repeat("x", 70), 60, "é" + strings.Repeat("x", 58) + "…"},
		{"\x00\u202e", 60, ""},
	} {
		if got := CleanLine(c.in, c.max); got != c.want {
			t.Errorf("CleanLine(%q, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
	}
}

func TestCleanFileName(t *testing.T) {
	for in, want := range map[string]string{
		"surat.pdf":               "surat.pdf",
		"../../etc/passwd":        "passwd",
		`C:\Users\budi\surat.pdf`: "surat.pdf",
		"surat\u202efdp.exe":      "suratfdp.exe",
		strings.Repeat("a", 150):  strings.Repeat("a", 99) + "…",
	} {
		if got := CleanFileName(in); got != want {
			t.Errorf("CleanFileName(%q) = %q, want %q", in, got, want)
		}
	}
}
