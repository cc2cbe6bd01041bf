package conversation

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/uns-dtik/loket"
)

// TestEveryCodeHasASentence: every literal code the dialog says or returns as a
// loket.Error exists in a sentence table, in both languages.
func TestEveryCodeHasASentence(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	use := regexp.MustCompile(`(?:\bsay\([^,()]+, |t\.say\(|loket\.Errorf\()"([a-z_]+)"[,)]`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range use.FindAllStringSubmatch(string(src), -1) {
			if say("en", m[1]) == m[1] {
				t.Errorf("%s says %q, which has no sentence", f, m[1])
			}
		}
	}
	// Codes built from a prefix: one per status and per kind of message.
	for _, k := range []loket.Kind{loket.KindText, loket.KindDocument, loket.KindImage, loket.KindSticker, loket.KindAudio,
		loket.KindVideo, loket.KindLocation, loket.KindContact, loket.KindOther} {
		if k != loket.KindText && say("en", "kind_"+string(k)) == "kind_"+string(k) {
			t.Errorf("no sentence for kind %s", k)
		}
	}
	for _, s := range []loket.Status{loket.StatusSubmitted, loket.StatusRevision, loket.StatusVerified, loket.StatusDisposed, loket.StatusDone, loket.StatusRejected, loket.StatusCancelled} {
		if say("en", "status_"+string(s)) == "status_"+string(s) {
			t.Errorf("no sentence for status %s", s)
		}
	}
	for code, pair := range texts {
		if pair[0] == "" || pair[1] == "" {
			t.Errorf("%s needs both an Indonesian and an English sentence", code)
		}
	}
}
