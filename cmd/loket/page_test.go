package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/uns-dtik/loket"
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

// pageDriver is the simulator's page in a headless Chromium the size of a phone
// (390×844 CSS px, an iPhone 12–14), on a `loket sim` of the test's own.
type pageDriver struct {
	t       *testing.T
	browser context.Context
}

// openPage starts `loket sim` and a headless Chromium on its page.
func openPage(t *testing.T) *pageDriver {
	t.Helper()
	env := storetest.New(t)
	t.Setenv("LOKET_DATABASE_URL", env.DatabaseURL)
	t.Setenv("LOKET_REDIS_PREFIX", env.Prefix)
	sm := startSim(t)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)), chromedp.NoSandbox, chromedp.WindowSize(390, 844))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	browser, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(cancelBrowser)
	// Start the browser on this context: the one a browser starts on owns it, and the
	// steps below run on contexts of their own that end with each step.
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("start %s: %v", chromium(t), err)
	}
	p := &pageDriver{t: t, browser: browser}
	// The viewport is set, not left to the window: a headless window's size is not
	// always its viewport's, and the phone layout is measured in it.
	p.do("open the page", chromedp.EmulateViewport(390, 844), chromedp.Navigate(sm.base+"/"), chromedp.WaitVisible(chromedp.ID("addBox")))
	return p
}

// do runs browser steps, each bounded so a page that never shows what is awaited
// fails the test with the step's name instead of hanging it.
func (p *pageDriver) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.browser, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v", step, err)
	}
}

// read returns the text of the element sel selects.
func (p *pageDriver) read(sel chromedp.CSS) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.browser, 30*time.Second)
	defer cancel()
	text, err := chromedp.Run(ctx, chromedp.Text(sel))
	if err != nil {
		p.t.Fatalf("read %s: %v", sel, err)
	}
	return text
}

// eval returns what the JavaScript expression js gives.
func eval[T any](p *pageDriver, js string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.browser, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		p.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// until waits for the JavaScript expression js to be true; what is the failure's
// wording, and shown evaluates to what the page shows instead.
func (p *pageDriver) until(what, js, shown string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.browser, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		got, _ := chromedp.Run(p.browser, chromedp.Evaluate[string](shown))
		p.t.Fatalf("%s (%v); the page shows: %s", what, err, got)
	}
}

// botSays waits until the newest message from the bot contains want.
func (p *pageDriver) botSays(step, want string) {
	p.t.Helper()
	p.until(fmt.Sprintf("%s: the bot's last message does not say %q", step, want),
		fmt.Sprintf(`(() => { const m = [...document.querySelectorAll('#msgs .msg.in')].pop();
			return !!m && m.textContent.includes(%q); })()`, want),
		`[...document.querySelectorAll('#msgs .msg')].map(m => m.textContent).slice(-3).join(' | ')`)
}

// say sends text from the composer and waits for the bot's answer to contain want.
func (p *pageDriver) say(text, want string) {
	p.t.Helper()
	p.do("type "+text, chromedp.SetValue(chromedp.ID("textIn"), text), chromedp.Click(chromedp.ID("sendBtn")))
	p.botSays("after "+text, want)
}

// addNumber opens a chat with number as a user does, with the add-number box.
func (p *pageDriver) addNumber(number, name string) {
	p.t.Helper()
	// With no chat yet the add-number box is open already; a user opens it otherwise.
	if !eval[bool](p, `document.getElementById('addBox').open`) {
		p.do("open the add-number box", chromedp.Click(chromedp.CSS("#addBox summary")))
	}
	p.do("fill in the number", chromedp.SetValue(chromedp.ID("addNum"), number), chromedp.SetValue(chromedp.ID("addName"), name))
	p.do("add it", chromedp.Click(chromedp.CSS("#addForm button[type=submit]")))
	p.do("see the chat", chromedp.WaitVisible(chromedp.ID("composer")))
}

// TestPageInABrowser drives the simulator's page in a real headless Chromium as a
// user does: add a number, say halo, answer the steps, send the sample letter with
// its button, and see the bot's replies and the document card.
func TestPageInABrowser(t *testing.T) {
	p := openPage(t)
	p.addNumber("081234567891", "Ani")
	if head := p.read("#headName"); !strings.Contains(head, "Ani") {
		t.Errorf("chat header says %q, want the name given", head)
	}
	p.say("halo", "Selamat datang")
	for _, s := range []struct{ text, want string }{
		{"1", "Langkah 1 dari 11"}, {"ya", "Langkah 2 dari 11"}, {"Ani Lestari", "Langkah 3 dari 11"},
		{"19860926 201505 2 001", "Langkah 4 dari 11"}, {"6", "Langkah 5 dari 11"},
		{"ani@staff.uns.ac.id", "Langkah 6 dari 11"}, {"Seminar Nasional", "Langkah 7 dari 11"},
		{"besok", "Langkah 8 dari 11"}, {"lusa", "Langkah 9 dari 11"}, {"300", "Langkah 10 dari 11"},
		{"ya", "Langkah 11 dari 11"},
	} {
		p.say(s.text, s.want)
	}
	p.do("send the sample letter", chromedp.Click(chromedp.ID("sampleBtn")))
	p.botSays("after the sample letter", "Ringkasan permohonan")
	if card := p.read("#msgs .msg.out .doc"); !strings.Contains(card, ".pdf") {
		t.Errorf("the document card shows %q, want the PDF's name", card)
	}
	p.say("kirim", "dengan nomor")
}

// phoneChrome measures the phone layout: where the messages begin, whether the
// add-number box is open, and the top of each of the toolbar's items as laid out.
const phoneChrome = `(() => {
	const tools = [...document.querySelectorAll('#composer .tools > :not(.vh)')].filter(e => e.getClientRects().length > 0);
	const box = (e) => e.getBoundingClientRect();
	return {
		viewport: innerWidth + '×' + innerHeight,
		msgsTop: box(document.getElementById('msgs')).top,
		addOpen: document.getElementById('addBox').open,
		tools: tools.map(e => ({
			name: e.id || (e.querySelector('input') || e).id || e.textContent.trim(),
			top: Math.round(box(e).top), bottom: Math.round(box(e).bottom),
		})),
	};
})()`

// TestPageOnAPhone: on a 390×844 phone the page's chrome above the messages (header,
// add-number box, chat strip, chat header) leaves the messages most of the screen,
// the toolbar is one row, and the page's own labels follow the bot's language: the
// applicant's "english" turns them English, "indonesia" back.
func TestPageOnAPhone(t *testing.T) {
	p := openPage(t)
	p.addNumber("081234567892", "Budi")
	p.say("halo", "Selamat datang")

	type tool struct {
		Name        string
		Top, Bottom int
	}
	got := eval[struct {
		Viewport string
		MsgsTop  float64
		AddOpen  bool
		Tools    []tool
	}](p, phoneChrome)
	t.Logf("at %s the messages begin at %.0f px; the toolbar's items span %v", got.Viewport, got.MsgsTop, got.Tools)
	if got.Viewport != "390×844" {
		t.Fatalf("the viewport is %s, want a phone's 390×844", got.Viewport)
	}
	if got.MsgsTop > 120 {
		t.Errorf("the messages begin %.0f px down a 844 px phone screen; the chrome above them may take at most ~110", got.MsgsTop)
	}
	if got.AddOpen {
		t.Errorf("the add-number box stays open on a phone with a chat open")
	}
	if len(got.Tools) != 5 {
		t.Errorf("the toolbar shows %d items %v, want 5 (document, photo, sample letter, other kinds, LID)", len(got.Tools), got.Tools)
	}
	// One row: every item reaches across one horizontal line (items of different
	// heights are centred on it, so their tops differ by a few px).
	for _, it := range got.Tools {
		if first := got.Tools[0]; it.Top >= first.Bottom || it.Bottom <= first.Top {
			t.Errorf("toolbar item %s spans %d–%d px, the first %d–%d: the toolbar wraps", it.Name, it.Top, it.Bottom, first.Top, first.Bottom)
		}
	}

	labels := `JSON.stringify({placeholder: document.getElementById('textIn').placeholder,
		send: document.getElementById('sendBtn').textContent.trim(), add: document.querySelector('#addBox summary').textContent.trim(),
		conn: document.getElementById('conn').textContent, lang: document.documentElement.lang})`
	p.say("english", "we will continue in English")
	p.until("after english the page's own labels are not English",
		`(() => document.getElementById('textIn').placeholder === 'Type a message' &&
			document.getElementById('sendBtn').textContent.trim() === 'Send' &&
			document.querySelector('#addBox summary').textContent.trim() === 'Add number' &&
			document.getElementById('conn').textContent === 'connected' &&
			document.documentElement.lang === 'en')()`, labels)
	p.say("indonesia", "kita lanjutkan dalam Bahasa Indonesia")
	p.until("after indonesia the page's own labels are not Indonesian again",
		`(() => document.getElementById('textIn').placeholder === 'Ketik pesan' &&
			document.getElementById('sendBtn').textContent.trim() === 'Kirim' &&
			document.querySelector('#addBox summary').textContent.trim() === 'Tambah nomor' &&
			document.getElementById('conn').textContent === 'tersambung' &&
			document.documentElement.lang === 'id')()`, labels)
}

// TestPageShowsTheBotsTime: in a browser whose clock is Berlin's, the page shows when
// each message came in Jakarta's time, as the bot's own text does, and says "WIB" —
// never the browser's time, which a reader would compare with "… 10.15 WIB" in the
// bot's answers.
func TestPageShowsTheBotsTime(t *testing.T) {
	p := openPage(t)
	p.do("put the browser in Berlin", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Europe/Berlin"})
		return err
	}), chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("addBox")))
	if zone := eval[string](p, `Intl.DateTimeFormat().resolvedOptions().timeZone`); zone != "Europe/Berlin" {
		t.Fatalf("the browser's zone is %s, want Europe/Berlin", zone)
	}
	before := time.Now().In(loket.Jakarta)
	p.addNumber("081234567893", "Citra")
	p.say("halo", "Selamat datang")
	after := time.Now().In(loket.Jakarta)
	got := eval[string](p, `[...document.querySelectorAll('#msgs .msg.in .meta span')].pop().textContent`)
	if want := before.Format("15.04") + " WIB"; got != want && got != after.Format("15.04")+" WIB" {
		t.Errorf("the bot's message is labelled %q, want Jakarta's %q", got, want)
	}
	if day := eval[string](p, `[...document.querySelectorAll('#msgs .day')].pop().textContent`); day != "Hari ini" {
		t.Errorf("the day above today's messages reads %q, want \"Hari ini\" (today in Jakarta)", day)
	}
}
