package bot

import (
	"net/http"

	"github.com/uns-dtik/loket"
)

// storedFile is a request's stored file as staff receive it, named by the request's
// reference: its letter (a PDF) as LetterFileName, or a complaint's screenshot by
// what its bytes are (the dialog took only pictures and PDFs), never by the name the
// applicant's app gave it.
func storedFile(ref string, data []byte) *loket.Attachment {
	mime := http.DetectContentType(data)
	ext, ok := map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}[mime]
	if !ok {
		return &loket.Attachment{FileName: LetterFileName(ref), MimeType: "application/pdf", Data: data}
	}
	name := "lampiran" + ext
	if ref != "" {
		name = ref + "-lampiran" + ext
	}
	return &loket.Attachment{FileName: name, MimeType: mime, Data: data}
}
