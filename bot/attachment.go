package bot

import "github.com/uns-dtik/loket"

// storedFile is a request's stored file as staff receive it, named by the request's
// reference, never by the name the applicant's app gave it: a request letter as
// LetterFileName; a complaint's attachment as <ref>-lampiran, with the extension of
// what its bytes are (loket.AttachmentType).
func storedFile(ref string, l *loket.Letter) *loket.Attachment {
	mime, ext, ok := loket.AttachmentType(l.Data)
	if !l.IsAttachment() || !ok {
		return &loket.Attachment{FileName: LetterFileName(ref), MimeType: "application/pdf", Data: l.Data}
	}
	name := "lampiran" + ext
	if ref != "" {
		name = ref + "-lampiran" + ext
	}
	return &loket.Attachment{FileName: name, MimeType: mime, Data: l.Data}
}
