package conversation

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation/letter"
)

// parseLetterField takes the request letter: a WhatsApp document that really is a
// PDF. Each wrong thing (a photo, a Word file, a fake, broken or hostile PDF, too
// large) gets its own answer. The size is checked before downloading, the bytes are
// checked by the letter checker (in a child process), and an accepted letter is
// stored at once: WhatsApp media links expire.
func parseLetterField(ctx context.Context, t *turn, _ *Service, _ *Field, _ string) (loket.Field, error) {
	msg := t.msg
	switch msg.Kind {
	case loket.KindDocument:
	case loket.KindImage:
		return loket.Field{}, loket.Errorf("letter_photo")
	default:
		return loket.Field{}, loket.Errorf("letter_expected_document")
	}
	doc := msg.Document
	name := doc.FileName
	if name == "" {
		name = "surat.pdf"
	}
	if isWordFile(name, doc.MimeType) {
		return loket.Field{}, loket.Errorf("letter_word", name)
	}
	if doc.DeclaredSize > letter.MaxBytes {
		return loket.Field{}, loket.Errorf(letter.CodeTooLarge, letter.Megabytes(doc.DeclaredSize))
	}
	data, err := doc.Fetch(ctx, letter.MaxBytes)
	if errors.Is(err, loket.ErrTooLarge) {
		err = loket.Errorf("letter_over_limit") // its app declared less
	} else if err != nil {
		t.c.log().Warn("letter download failed", "err", err)
		err = loket.Errorf("letter_download_failed", name)
	}
	if err != nil {
		t.c.observeLetter(err)
		return loket.Field{}, err
	}
	info, err := t.c.letters().Check(ctx, data)
	var unreadable *letter.UnreadableError
	if errors.As(err, &unreadable) {
		t.c.log().Warn("letter check gave no verdict", "reason", unreadable.Reason)
	}
	t.c.observeLetter(err)
	if err != nil {
		return loket.Field{}, err
	}
	id, err := t.c.Store.AddLetter(ctx, msg.Chat, msg.Seq, loket.Letter{FileName: name, Size: info.Size, Pages: info.Pages, SHA256: info.SHA256[:], Data: data})
	if err != nil {
		return loket.Field{}, err
	}
	return loket.Field{Value: fmt.Sprintf("%d/%d", id, info.Pages), Shown: name}, nil
}

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
func showLetter(t *turn, _ *Field, v loket.Field) string {
	_, pages, err := letterAnswer(v)
	if err != nil {
		return v.Shown
	}
	return t.letterWords(v.Shown, pages)
}

// letterWords is a letter's file name and page count, in the conversation's language.
func (t *turn) letterWords(name string, pages int) string {
	if pages == 1 {
		return t.say("letter_recorded_one", name)
	}
	return t.say("letter_recorded", name, pages)
}

func isWordFile(name, mime string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".doc", ".docx", ".odt", ".rtf":
		return true
	}
	return strings.Contains(mime, "msword") || strings.Contains(mime, "wordprocessingml") || strings.Contains(mime, "opendocument.text")
}

// observeLetter tells the observer a letter check's outcome: accepted, the refusal's
// code, or "error" when the check itself failed.
func (c *Conversation) observeLetter(err error) {
	if c.Observe == nil {
		return
	}
	var refused *loket.Error
	switch {
	case err == nil:
		c.Observe.LetterChecked("accepted")
	case errors.As(err, &refused):
		c.Observe.LetterChecked(refused.Code)
	default:
		c.Observe.LetterChecked("error")
	}
}
