package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/uns-dtik/loket/store/storetest"
)

// chromium is the browser the page test drives: Debian's, which `make test` installs
// when it is missing (scripts/services.sh chromium).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("LOKET_TEST_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Fatal("no Chromium to drive the simulator's page: run `make test` (it installs Debian's chromium) or set LOKET_TEST_CHROMIUM")
	return ""
}

// TestPageInABrowser drives the simulator's page in a real headless Chromium as a
// user does: add a number, say halo, answer the steps, send the sample letter with
// its button, and see the bot's replies and the document card.
func TestPageInABrowser(t *testing.T) {
	env := storetest.New(t)
	t.Setenv("LOKET_DATABASE_URL", env.DatabaseURL)
	t.Setenv("LOKET_REDIS_PREFIX", env.Prefix)
	sm := startSim(t)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)), chromedp.NoSandbox, chromedp.WindowSize(390, 844))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	// Start the browser on this context: the one a browser starts on owns it, and the
	// steps below run on contexts of their own that end with each step.
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("start %s: %v", chromium(t), err)
	}
	// do runs browser steps, each bounded so a page that never shows what is awaited
	// fails the test with the step's name instead of hanging it.
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		ctx, cancel := context.WithTimeout(browser, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	// read returns the text of the element sel selects.
	read := func(sel chromedp.CSS) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(browser, 30*time.Second)
		defer cancel()
		text, err := chromedp.Run(ctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("read %s: %v", sel, err)
		}
		return text
	}
	// botSays waits until the newest message from the bot contains want.
	botSays := func(step, want string) {
		t.Helper()
		js := fmt.Sprintf(`(() => { const m = [...document.querySelectorAll('#msgs .msg.in')].pop();
			return !!m && m.textContent.includes(%q); })()`, want)
		ctx, cancel := context.WithTimeout(browser, 30*time.Second)
		defer cancel()
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
			last, _ := chromedp.Run(browser, chromedp.Evaluate[string](`[...document.querySelectorAll('#msgs .msg')].map(m => m.textContent).slice(-3).join(' | ')`))
			t.Fatalf("%s: the bot's last message does not say %q (%v); the chat ends with: %s", step, want, err, last)
		}
	}
	say := func(text, want string) {
		t.Helper()
		do("type "+text, chromedp.SetValue(chromedp.ID("textIn"), text), chromedp.Click(chromedp.ID("sendBtn")))
		botSays("after "+text, want)
	}

	do("open the page", chromedp.Navigate(sm.base+"/"), chromedp.WaitVisible(chromedp.ID("addBox")))
	// With no chat yet the add-number box is open already; a user opens it otherwise.
	if open, err := chromedp.Run(browser, chromedp.Evaluate[bool](`document.getElementById('addBox').open`)); err != nil || !open {
		do("open the add-number box", chromedp.Click(chromedp.CSS("#addBox summary")))
	}
	do("fill in the number", chromedp.SetValue(chromedp.ID("addNum"), "081234567891"), chromedp.SetValue(chromedp.ID("addName"), "Ani"))
	do("add it", chromedp.Click(chromedp.CSS("#addForm button[type=submit]")))
	do("see the chat", chromedp.WaitVisible(chromedp.ID("composer")))
	if head := read("#headName"); !strings.Contains(head, "Ani") {
		t.Errorf("chat header says %q, want the name given", head)
	}
	say("halo", "Selamat datang")
	for _, s := range []struct{ text, want string }{
		{"1", "Langkah 1 dari 11"}, {"ya", "Langkah 2 dari 11"}, {"Ani Lestari", "Langkah 3 dari 11"},
		{"19860926 201505 2 001", "Langkah 4 dari 11"}, {"6", "Langkah 5 dari 11"},
		{"ani@staff.uns.ac.id", "Langkah 6 dari 11"}, {"Seminar Nasional", "Langkah 7 dari 11"},
		{"besok", "Langkah 8 dari 11"}, {"lusa", "Langkah 9 dari 11"}, {"300", "Langkah 10 dari 11"},
		{"ya", "Langkah 11 dari 11"},
	} {
		say(s.text, s.want)
	}
	do("send the sample letter", chromedp.Click(chromedp.ID("sampleBtn")))
	botSays("after the sample letter", "Ringkasan permohonan")
	if card := read("#msgs .msg.out .doc"); !strings.Contains(card, ".pdf") {
		t.Errorf("the document card shows %q, want the PDF's name", card)
	}
	say("kirim", "dengan nomor")
}
