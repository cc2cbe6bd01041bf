package backoffice

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/uns-dtik/loket"
)

// TestEveryCodeHasASentence: every literal code the package says exists in texts, so
// staff never see a bare code like "stats_missing".
func TestEveryCodeHasASentence(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	use := regexp.MustCompile(`\bsay(?:In)?\((?:[^,()]+, )?"([a-z_]+)"[,)]`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range use.FindAllStringSubmatch(string(src), -1) {
			if _, ok := texts[m[1]]; !ok {
				t.Errorf("%s says %q, which has no sentence", f, m[1])
			}
		}
	}
	// Codes built from a prefix: one per status, role and event.
	var built []string
	for _, s := range []loket.Status{loket.StatusSubmitted, loket.StatusRevision, loket.StatusVerified, loket.StatusDisposed, loket.StatusDone, loket.StatusRejected, loket.StatusCancelled} {
		built = append(built, "status_"+string(s))
	}
	for _, r := range loket.Roles {
		built = append(built, "help_"+string(r))
	}
	for event := range DefaultGuards {
		built = append(built, "role_"+event)
	}
	for _, code := range append(built, "stage_submitted", "stage_verified", "stage_disposed") {
		if _, ok := texts[code]; !ok {
			t.Errorf("no sentence for %q", code)
		}
	}
	for code, pair := range texts {
		if pair[0] == "" {
			t.Errorf("%s has no Indonesian sentence", code)
		}
	}
}
