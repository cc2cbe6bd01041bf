package bot

import (
	"net/http"

	"github.com/uns-dtik/loket"
)

// storedFile is a request's stored file as staff receive it, named by the request's
// reference, never by the name the applicant's app gave it: a request letter (a PDF
// whose pages the letter check counted) as LetterFileName; a complaint's attachment
// (a picture, or a PDF whose pages nobody counted: Pages 0) as <ref>-lampiran, with
// the extension of what its bytes are (the dialog took only pictures and PDFs).
func storedFile(ref string, l *loket.Letter) *loket.Attachment {
	mime := http.DetectContentType(l.Data)
	ext, picture := map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}[mime]
	if !picture {
		if l.Pages > 0 || mime != "application/pdf" {
			return &loket.Attachment{FileName: LetterFileName(ref), MimeType: "application/pdf", Data: l.Data}
		}
		ext = ".pdf"
	}
	name := "lampiran" + ext
	if ref != "" {
		name = ref + "-lampiran" + ext
	}
	return &loket.Attachment{FileName: name, MimeType: mime, Data: l.Data}
}
