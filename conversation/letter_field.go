package conversation

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation/letter"
)

func init() {
	RegisterKind("letter", Kind{Check: noParams, Parse: parseLetterField, Show: showLetter, Document: true})
}

// parseLetterField takes the request letter: a WhatsApp document that really is a
// PDF. Each wrong thing (a photo, a Word file, a fake, broken or hostile PDF, too
// large) gets its own answer. The size is checked before downloading and the bytes
// by the letter checker (in a child process); an accepted letter is kept once the
// dialog takes the answer, in the same turn: WhatsApp media links expire.
func parseLetterField(ctx context.Context, in *Input) (loket.Field, error) {
	msg := in.Message
	switch msg.Kind {
	case loket.KindDocument:
	case loket.KindImage:
		return loket.Field{}, loket.Refuse(letterPhoto{})
	default:
		return loket.Field{}, loket.Refuse(letterExpectedDocument{})
	}
	doc := msg.Document
	name := doc.FileName
	if name == "" {
		name = "surat.pdf"
	}
	if isWordFile(name, doc.MimeType) {
		return loket.Field{}, loket.Refuse(letterWord{Name: name})
	}
	if doc.DeclaredSize > letter.MaxBytes {
		return loket.Field{}, loket.Refuse(letterTooLarge{Size: doc.DeclaredSize})
	}
	data, info, err := in.Lookup.CheckLetter(ctx, doc, name)
	if err != nil {
		return loket.Field{}, err
	}
	in.KeepLetter(loket.Letter{FileName: name, Size: info.Size, Pages: info.Pages, SHA256: info.SHA256[:], Data: data})
	return loket.Field{Shown: name}, nil
}

// CheckLetter implements Lookup: the download and the check, each outcome told to
// the observer.
func (t *turn) CheckLetter(ctx context.Context, doc *loket.Document, name string) ([]byte, letter.Info, error) {
	if err := t.HoldLetter(ctx); errors.Is(err, errLettersBusy) {
		t.c.observeLetter(letter.CodeBusy)
		return nil, letter.Info{}, loket.Refuse(letterBusy{})
	} else if err != nil {
		return nil, letter.Info{}, err
	}
	data, err := doc.Fetch(ctx, letter.MaxBytes)
	if errors.Is(err, loket.ErrTooLarge) {
		t.c.observeLetter("letter_over_limit") // its app declared less
		return nil, letter.Info{}, loket.Refuse(letterOverLimit{})
	} else if err != nil {
		t.c.log().Warn("letter download failed", "err", err)
		t.c.observeLetter("letter_download_failed")
		return nil, letter.Info{}, loket.Refuse(letterDownloadFailed{Name: name})
	}
	info, err := t.CheckPDF(ctx, data)
	var refused *letter.Refusal
	switch {
	case err == nil:
		t.c.observeLetter("accepted")
	case errors.As(err, &refused):
		t.c.observeLetter(refused.Code)
		err = loket.Refuse(letterRefusal(refused))
	default:
		t.c.observeLetter("error")
	}
	return data, info, err
}

// CheckPDF implements Lookup: the letter checker's verdict, and the reason in the log
// when it could give none.
func (t *turn) CheckPDF(ctx context.Context, data []byte) (letter.Info, error) {
	info, err := t.c.letters().Check(ctx, data)
	var unreadable *letter.UnreadableError
	if errors.As(err, &unreadable) {
		t.c.log().Warn("letter check gave no verdict", "reason", unreadable.Reason)
	}
	return info, err
}

// HoldLetter implements Lookup: it waits until the turn may hold a letter in memory
// (a turn holds one at most: a message brings one document). A wait past
// holdPatience is errLettersBusy: the sender is told to send the file again in a
// minute, rather than wait out the message's whole handling time and have it count
// as a failure of its own. A wait cut off by ctx is ctx's error: the message is
// handled again later.
func (t *turn) HoldLetter(ctx context.Context) error {
	if t.holdsLetter {
		return nil
	}
	wait, cancel := context.WithTimeout(ctx, holdPatience)
	defer cancel()
	if err := t.c.letterMemory().Acquire(wait, letter.MaxBytes); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("wait to hold a letter: %w", ctx.Err())
		}
		return errLettersBusy
	}
	t.holdsLetter = true
	return nil
}

// holdPatience is how long a letter waits for a place among the letters in memory
// (DefaultLetterMemory) before its sender is asked to send it again: far above the
// few seconds four letters take to download, check and store, well below the bot's
// handling timeout of a minute.
var holdPatience = 20 * time.Second

// errLettersBusy is a letter or attachment that found no place in memory within
// holdPatience: too many files are being taken in at once.
var errLettersBusy = errors.New("too many files in hand; the sender is asked to send it again")

// releaseLetter gives back the turn's place among the letters in memory, if it
// holds one: the turn is over, and its letter is stored or refused.
func (t *turn) releaseLetter() {
	if t.holdsLetter {
		t.c.letterMemory().Release(letter.MaxBytes)
		t.holdsLetter = false
	}
}

// keepLetter stores a letter an answer brought and makes the answer refer to it,
// "<letter id>/<pages>". Keyed by the message, it is stored once however often the
// turn runs.
func (t *turn) keepLetter(ctx context.Context, v *loket.Field, l *loket.Letter) error {
	id, err := t.c.Store.AddLetter(ctx, t.msg.Chat, t.msg.Seq, *l)
	if err != nil {
		return err
	}
	v.Value = letterValue(id, l.Pages)
	return nil
}

// letterValue is a letter answer's value.
func letterValue(id int64, pages int) string { return fmt.Sprintf("%d/%d", id, pages) }

// letterAnswer splits a letter answer's value, "<letter id>/<pages>".
func letterAnswer(v loket.Field) (id int64, pages int, err error) {
	idText, pagesText, _ := strings.Cut(v.Value, "/")
	if id, err = strconv.ParseInt(idText, 10, 64); err != nil {
		return 0, 0, fmt.Errorf("letter answer %q: %w", v.Value, err)
	}
	pages, _ = strconv.Atoi(pagesText)
	return id, pages, nil
}

// showLetter renders "surat.pdf, 2 halaman".
func showLetter(_ *Field, v loket.Field, lang loket.Lang) string {
	_, pages, err := letterAnswer(v)
	if err != nil {
		return v.Shown
	}
	return letterShown(lang, v.Shown, pages)
}

// letterShown is a letter's file name and page count in lang.
func letterShown(lang loket.Lang, name string, pages int) string {
	return loket.Say(lang, letterRecorded{Name: name, Pages: pages})
}

func isWordFile(name, mime string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".doc", ".docx", ".odt", ".rtf":
		return true
	}
	return strings.Contains(mime, "msword") || strings.Contains(mime, "wordprocessingml") || strings.Contains(mime, "opendocument.text")
}

// observeLetter tells the observer a letter check's outcome: "accepted", the
// refusal's code, or "error" when the check itself failed.
func (c *Conversation) observeLetter(outcome string) {
	if c.Observe != nil {
		c.Observe.LetterChecked(outcome)
	}
}
