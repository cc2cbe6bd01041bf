package conversation

import (
	"strings"
	"testing"

	"github.com/uns-dtik/loket"
)

// TestResultTextShowsAnswersAsTheDialogDid: a result naming a choice shows the option
// in the applicant's language, as the dialog showed it, not the Indonesian stored; a
// name typed for want of an option stays as typed.
func TestResultTextShowsAnswersAsTheDialogDid(t *testing.T) {
	const fkip = "Fakultas Keguruan dan Ilmu Pendidikan (FKIP)"
	data := string(defaultCatalog)
	for old, repl := range map[string]string{
		"  - " + fkip + "\n": "  - {id: " + fkip + ", en: Faculty of Teacher Training and Education (FKIP)}\n",
		`en: "The temporary Zoom 1000 licence is active for {email}`:         `en: "For {unit}: the temporary Zoom 1000 licence is active for {email}`,
		`id: "Lisensi Zoom Temporary 1000 peserta sudah aktif untuk {email}`: `id: "Untuk {unit}: lisensi Zoom Temporary 1000 peserta sudah aktif untuk {email}`,
	} {
		if !strings.Contains(data, old) {
			t.Fatalf("the catalog no longer has %q", old)
		}
		data = strings.Replace(data, old, repl, 1)
	}
	cat, err := ParseCatalog([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	request := func(unit string) *loket.Request {
		return &loket.Request{Service: "ZM", Fields: []loket.Field{
			{Key: "unit", Value: unit},
			{Key: "email", Value: "budi@staff.uns.ac.id"},
			{Key: "start_date", Value: "2026-12-12", Shown: "Sabtu, 12 Desember 2026"},
			{Key: "end_date", Value: "2026-12-13", Shown: "Minggu, 13 Desember 2026"},
		}}
	}
	// Optional and skipped, it says so rather than a bare "Ya" or nothing.
	optional := strings.Replace(data, "        allow_other: true\n", "        allow_other: true\n        optional: true\n", 1)
	optional = strings.Replace(optional, `Contoh: 6, atau: Prodi Informatika FATISDA"`, `Contoh: 6, atau: Prodi Informatika FATISDA. Balas *lewati* bila tidak ada."`, 1)
	optional = strings.Replace(optional, `Example: 6, or: Informatics, FATISDA"`, `Example: 6, or: Informatics, FATISDA. Reply *skip* if none."`, 1)
	withSkip, err := ParseCatalog([]byte(optional))
	if err != nil {
		t.Fatal(err)
	}
	if got := withSkip.ResultText(request(""), loket.English); !strings.HasPrefix(got, "For (skipped): ") {
		t.Errorf("a skipped unit in the English result: %q", got)
	}
	for _, c := range []struct {
		unit string
		lang loket.Lang
		want string
	}{
		{fkip, loket.English, "For Faculty of Teacher Training and Education (FKIP): the temporary"},
		{fkip, loket.Indonesian, "Untuk " + fkip + ": lisensi"},
		{"Prodi Informatika FATISDA", loket.English, "For Prodi Informatika FATISDA: the temporary"},
	} {
		if got := cat.ResultText(request(c.unit), c.lang); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s result for %q: %q, want it to begin %q", c.lang, c.unit, got, c.want)
		}
	}
}
