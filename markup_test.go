package loket

import "testing"

func TestPlain(t *testing.T) {
	for in, want := range map[string]string{
		"*Staf Loket*":                      "Staf Loket",
		"*ZM-2026-0001* dan *EM-2026-0002*": "ZM-2026-0001 dan EM-2026-0002",
		"_miring_ ~coret~ ```kode```":       "miring coret kode",
		"5*3*2 dan snake_case_name":         "5*3*2 dan snake_case_name",
		"* bukan tebal *":                   "* bukan tebal *",
		"email budi_santoso@uns.ac.id":      "email budi_santoso@uns.ac.id",
		"*a*":                               "a",
		"baris *satu*\n*dua* baris":         "baris satu\ndua baris",
	} {
		if got := Plain(in); got != want {
			t.Errorf("Plain(%q) = %q, want %q", in, got, want)
		}
	}
}
