package loket

import "testing"

func TestRefs(t *testing.T) {
	if got := FormatRef("ZM", 2026, 7); got != "ZM-2026-0007" {
		t.Errorf("FormatRef = %q", got)
	}
	for in, want := range map[string]string{"zm-2026-0007": "ZM-2026-0007", "EM-2026-12345": "EM-2026-12345", "ZM-26-0007": "", "ZM-2026-07": "", "Z-2026-0007": "", " ZM-2026-0007": ""} {
		got, ok := ParseRef(in)
		if got != want || ok != (want != "") {
			t.Errorf("ParseRef(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}
