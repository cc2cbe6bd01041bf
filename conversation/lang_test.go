package conversation_test

import (
	"context"
	"testing"

	"github.com/uns-dtik/loket"
)

// TestLangFollowsTheLanguageSwitch: Lang reads the language a chat's session chose,
// Indonesian before there is one, and changes nothing by reading it.
func TestLangFollowsTheLanguageSwitch(t *testing.T) {
	t.Parallel()
	d := newDialog(t, nil)
	ctx := context.Background()
	lang := func(want loket.Lang) {
		t.Helper()
		got, err := d.c.Lang(ctx, d.chat)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("Lang = %q, want %q", got, want)
		}
	}
	lang(loket.Indonesian)
	if data, _, err := d.c.Sessions.Load(ctx, d.chat); err != nil || data != nil {
		t.Fatalf("reading the language wrote a session: %q %v", data, err)
	}
	d.say("halo", "Selamat datang")
	lang(loket.Indonesian)
	d.say("english", "we will continue in English")
	lang(loket.English)
	d.say("1", "Step 1 of 11")
	lang(loket.English)
	d.say("bahasa indonesia", "kita lanjutkan dalam Bahasa Indonesia")
	lang(loket.Indonesian)
}
