package conversation

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"strings"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation/letter"
)

func init() {
	RegisterKind("attachment", Kind{Check: noParams, Parse: parseAttachment, Show: showAttachment, Document: true})
}

// parseAttachment takes a screenshot (a WhatsApp photo) or a file (a document) that
// is a picture or a PDF, at most letter.MaxBytes. It is kept and forwarded to staff
// as it is, like the letter once the dialog takes the answer; so a PDF is first
// checked as a letter is (active content, a password, a file built to break its
// reader), and one the checker refuses never reaches staff.
func parseAttachment(ctx context.Context, in *Input) (loket.Field, error) {
	msg := in.Message
	if (msg.Kind != loket.KindImage && msg.Kind != loket.KindDocument) || msg.Document == nil || msg.Document.Fetch == nil {
		return loket.Field{}, loket.Refuse(attachmentExpected{})
	}
	doc := msg.Document
	if doc.DeclaredSize > letter.MaxBytes {
		return loket.Field{}, loket.Refuse(attachmentTooLarge{Size: doc.DeclaredSize})
	}
	if err := in.Lookup.HoldLetter(ctx); errors.Is(err, errLettersBusy) {
		return loket.Field{}, loket.Refuse(attachmentBusy{})
	} else if err != nil {
		return loket.Field{}, err
	}
	data, err := doc.Fetch(ctx, letter.MaxBytes)
	switch {
	case errors.Is(err, loket.ErrTooLarge):
		return loket.Field{}, loket.Refuse(attachmentTooLarge{Size: letter.MaxBytes + 1})
	case err != nil:
		return loket.Field{}, loket.Refuse(attachmentFailed{})
	}
	// Staff receive the file as it came, so only pictures and PDFs (loket.AttachmentType)
	// are passed on to them.
	_, ext, ok := loket.AttachmentType(data)
	name := doc.FileName
	if !ok {
		return loket.Field{}, loket.Refuse(attachmentType{Name: name})
	}
	if name == "" || !strings.HasSuffix(strings.ToLower(name), ext) {
		// A photo has no name; a file named for another type is named for what it is.
		name = "lampiran" + ext
		if msg.Kind == loket.KindImage {
			name = "tangkapan-layar" + ext
		}
	}
	if ext != ".pdf" && pdfHeaderIn(data) {
		return loket.Field{}, loket.Refuse(attachmentBoth{Name: name})
	}
	if ext == ".pdf" {
		_, err := in.Lookup.CheckPDF(ctx, data)
		var refused *letter.Refusal
		switch {
		case errors.As(err, &refused):
			return loket.Field{}, loket.Refuse(attachmentRefusal(name, refused))
		case err != nil:
			return loket.Field{}, err
		}
	}
	sum := sha256.Sum256(data)
	in.KeepLetter(loket.Letter{FileName: name, Size: int64(len(data)), SHA256: sum[:], Data: data})
	return loket.Field{Shown: name}, nil
}

// pdfHeaderIn reports a PDF header ("%PDF") starting in data's first kilobyte,
// where PDF readers look for one (Acrobat anywhere in the first 1,024 bytes, Chrome's
// and Android's PDFium at offsets 0 to 1,024): a picture that has one is a PDF too,
// which a staff member who saves and opens it would read as one, without the checks
// a PDF gets here.
func pdfHeaderIn(data []byte) bool {
	const header = "%PDF"
	return bytes.Contains(data[:min(len(data), 1024+len(header))], []byte(header))
}

// showAttachment renders the file's name: an attachment has no pages to count.
func showAttachment(_ *Field, v loket.Field, _ loket.Lang) string { return v.Shown }

// pdfFault is why the letter checker refused an attachment's PDF, as the applicant
// is told it: the letter's own answers speak of the request letter.
type pdfFault int

const (
	pdfUnreadable    pdfFault = iota // broken, cut off, no pages, or not a PDF after all
	pdfActive                        // JavaScript, launch actions, embedded files …
	pdfLocked                        // a password or permissions
	pdfTooManyPages                  // more than letter.MaxPages
	pdfUnpackedLarge                 // inflates past letter.DecodeBudget
)

// attachmentRefusal is the answer to an attachment's PDF the checker refused: a
// wait for the checker is the busy answer every file gets, a file too large the
// size's answer, and every other refusal names the file and its fault.
func attachmentRefusal(name string, r *letter.Refusal) loket.Sentence {
	fault := pdfUnreadable
	switch r.Code {
	case letter.CodeBusy:
		return attachmentBusy{}
	case letter.CodeTooLarge:
		return attachmentTooLarge{Size: r.Size}
	case letter.CodeActiveContent:
		fault = pdfActive
	case letter.CodeEncrypted:
		fault = pdfLocked
	case letter.CodeTooManyPages:
		fault = pdfTooManyPages
	case letter.CodeUnpackedTooLarge:
		fault = pdfUnpackedLarge
	}
	return attachmentPDFRefused{Name: name, Fault: fault}
}
