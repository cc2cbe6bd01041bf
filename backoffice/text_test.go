package backoffice

import (
	"regexp"
	"testing"

	"github.com/uns-dtik/loket"
)

// TestEveryCodeHasASentence: every literal code the package says exists in texts, so
// staff never see a bare code like "stats_missing".
func TestEveryCodeHasASentence(t *testing.T) {
	said, err := loket.CodesInSource(".", regexp.MustCompile(`\bsay(?:In)?\((?:[^,()]+, )?"([a-z_]+)"[,)]`))
	if err != nil {
		t.Fatal(err)
	}
	for file, codes := range said {
		for _, code := range texts.Missing(codes...) {
			t.Errorf("%s says %q, which has no sentence", file, code)
		}
	}
	// Codes built from a prefix: one per status, role and event.
	built := []string{"stage_submitted", "stage_verified", "stage_disposed"}
	for _, s := range loket.Statuses {
		built = append(built, "status_"+string(s))
	}
	for _, r := range loket.Roles {
		built = append(built, "help_"+string(r))
	}
	for action := range loket.DefaultGuards {
		built = append(built, "role_"+string(action))
	}
	for _, code := range texts.Missing(built...) {
		t.Errorf("no sentence for %q", code)
	}
	for code, pair := range texts {
		if pair[0] == "" {
			t.Errorf("%s has no Indonesian sentence", code)
		}
	}
}
