package conversation_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sync/semaphore"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation"
	"github.com/uns-dtik/loket/conversation/letter"
)

// countingStore counts a letter as no longer held once it is stored: the turn
// that brought it holds it a little longer (until it ends), never less.
type countingStore struct {
	conversation.Store
	held *atomic.Int64
}

func (s countingStore) AddLetter(ctx context.Context, chat string, seq int64, l loket.Letter) (int64, error) {
	s.held.Add(-1)
	return s.Store.AddLetter(ctx, chat, seq, l)
}

// TestLettersInMemoryAreBounded: eight applicants send their screenshot at once to a
// conversation that may hold two letters in memory; no more than two are ever held
// (counted from the download until the letter is stored), and every one is taken.
func TestLettersInMemoryAreBounded(t *testing.T) {
	const applicants, bound = 8, 2
	d := newDialog(t, nil)
	d.c.LetterMemory = semaphore.NewWeighted(bound * letter.MaxBytes)
	chats := make([]*dialog, applicants)
	for i := range chats {
		c := *d
		c.chat = fmt.Sprintf("628123456700%d", i)
		own := c.fileOwn(c.chat)
		c.say("keluhan", "Langkah 1 dari 3")
		c.say(strings.ToLower(own.Ref), "Langkah 2 dari 3")
		c.say("Undangan lisensi belum masuk ke email saya.", "Langkah 3 dari 3")
		chats[i] = &c
	}
	var held, most atomic.Int64
	d.c.Store = countingStore{Store: d.c.Store, held: &held}
	fetch := func(context.Context, int64) ([]byte, error) {
		n := held.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(20 * time.Millisecond) // a download takes time: turns overlap
		return pngScreenshot, nil
	}
	var wg sync.WaitGroup
	for _, c := range chats {
		wg.Go(func() {
			doc := &loket.Document{DeclaredSize: int64(len(pngScreenshot)), Fetch: fetch}
			replies, err := c.c.Handle(context.Background(), loket.Message{Seq: c.seq + 1, Chat: c.chat, Phone: "+" + c.chat, Kind: loket.KindImage, Document: doc})
			if err != nil || len(replies) != 1 || !strings.Contains(replies[0].Text, "tangkapan-layar.png") {
				t.Errorf("%s: %v, %v", c.chat, err, replies)
			}
		})
	}
	wg.Wait()
	if m := most.Load(); m > bound || m < 1 {
		t.Errorf("at most %d letters held at once, want 1 to %d", m, bound)
	}
}

// TestLetterWithoutAPlaceIsAskedAgain: a screenshot that finds no place among the
// letters in memory within the patience is answered "send it again in a minute" in
// the sender's language, not left to fail the message; the dialog stays at its step
// and takes the file when it comes again.
func TestLetterWithoutAPlaceIsAskedAgain(t *testing.T) {
	defer conversation.SetHoldPatience(50 * time.Millisecond)()
	d := newDialog(t, nil)
	d.c.LetterMemory = semaphore.NewWeighted(letter.MaxBytes)
	own := d.fileOwn(d.chat)
	d.say("keluhan", "Langkah 1 dari 3")
	d.say(strings.ToLower(own.Ref), "Langkah 2 dari 3")
	d.say("Undangan lisensi belum masuk ke email saya.", "Langkah 3 dari 3")
	if err := d.c.LetterMemory.Acquire(context.Background(), letter.MaxBytes); err != nil {
		t.Fatal(err) // another turn's letter, in hand for long
	}
	fetch := func(context.Context, int64) ([]byte, error) { return pngScreenshot, nil }
	send := func() string {
		d.seq++
		doc := &loket.Document{DeclaredSize: int64(len(pngScreenshot)), Fetch: fetch}
		replies, err := d.c.Handle(context.Background(), loket.Message{Seq: d.seq, Chat: d.chat, Phone: "+" + d.chat, Kind: loket.KindImage, Document: doc})
		if err != nil || len(replies) != 1 {
			t.Fatalf("%v, %v", err, replies)
		}
		return replies[0].Text
	}
	if got := send(); !strings.Contains(got, "kirim berkas yang sama sekali lagi dalam satu menit") {
		t.Fatalf("with no place for the file, the answer was %q", got)
	}
	d.c.LetterMemory.Release(letter.MaxBytes)
	if got := send(); !strings.Contains(got, "tangkapan-layar.png") {
		t.Fatalf("the file sent again was answered %q", got)
	}
}
