package conversation

import (
	"strings"
	"testing"
)

func TestFieldsNamedByARevisionNote(t *testing.T) {
	cat, err := LoadCatalog("")
	if err != nil {
		t.Fatal(err)
	}
	zm := cat.Service("ZM")
	cases := map[string]string{
		"stempel tidak terbaca":                     "letter",
		"NIP salah, dan tanggal akhir sebelum awal": "nip start_date end_date",
		"email belum terdaftar di Zoom UNS":         "official email",
		"jumlah peserta melebihi kapasitas":         "participants",
		"tolong tercapai":                           "",
		"surat belum ditandatangani; Tanda tangan!": "letter",
	}
	for note, want := range cases {
		var got []string
		for _, f := range fieldsNamed(zm, note) {
			got = append(got, f.Key)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%q names %v, want %q", note, got, want)
		}
	}
}
