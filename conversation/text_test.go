package conversation

import (
	"regexp"
	"testing"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation/letter"
)

// TestEveryCodeHasASentence: every literal code the dialog says or returns as a
// loket.Error exists in a sentence table, in both languages.
func TestEveryCodeHasASentence(t *testing.T) {
	all := loket.Texts{}
	for _, table := range []loket.Texts{texts, validationTexts, letterTexts} {
		for code, pair := range table {
			all[code] = pair
		}
	}
	said, err := loket.CodesInSource(".", regexp.MustCompile(`(?:\bsay\([^,()]+, |t\.say\(|loket\.Errorf\()"([a-z_]+)"[,)]`))
	if err != nil {
		t.Fatal(err)
	}
	// The phone parser lives in the root package; the dialog says its refusals.
	phone, err := loket.CodesInSource("..", regexp.MustCompile(`\bErrorf\("(phone_[a-z_]+)"[,)]`))
	if err != nil || len(phone) == 0 {
		t.Fatalf("no phone codes found in the root package: %v", err)
	}
	for file, codes := range phone {
		said[file] = codes
	}
	for file, codes := range said {
		for _, code := range all.Missing(codes...) {
			t.Errorf("%s says %q, which has no sentence", file, code)
		}
	}
	// Codes built from a prefix: one per status and per kind of message other than text.
	var built []string
	for _, k := range []loket.Kind{loket.KindDocument, loket.KindImage, loket.KindSticker, loket.KindAudio,
		loket.KindVideo, loket.KindLocation, loket.KindContact, loket.KindOther} {
		built = append(built, "kind_"+string(k))
	}
	for _, s := range loket.Statuses {
		built = append(built, "status_"+string(s))
	}
	built = append(built, "actor_pemohon", "actor_system")
	for _, r := range loket.Roles {
		built = append(built, "actor_"+string(r))
	}
	for _, code := range all.Missing(built...) {
		t.Errorf("no sentence for %q", code)
	}
	for _, code := range all.Missing(letter.Codes...) {
		t.Errorf("the letter checker refuses with %q, which has no sentence", code)
	}
	for code, pair := range all {
		if pair[0] == "" || pair[1] == "" {
			t.Errorf("%s needs both an Indonesian and an English sentence", code)
		}
	}
}
