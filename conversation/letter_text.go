package conversation

import "github.com/uns-dtik/loket"

// letterTexts are the answers to a letter that cannot be accepted, Indonesian first.
// Each says what to do instead; the dialog stays on the letter step.
var letterTexts = loket.Texts{
	"letter_too_large": {
		"File surat Anda %s MB, melebihi batas 10 MB. Scan ulang dengan resolusi lebih rendah (mis. 150 dpi, hitam-putih) lalu kirim lagi sebagai dokumen PDF.",
		"Your letter is %s MB, over the 10 MB limit. Scan it again at a lower resolution (e.g. 150 dpi, black and white) and send the PDF again.",
	},
	"letter_not_pdf": {
		"File ini bukan PDF. Kirim surat permohonan sebagai dokumen PDF hasil scan yang sudah ditandatangani pimpinan dan distempel.",
		"This file is not a PDF. Send the request letter as a scanned PDF document, signed by your leader and stamped.",
	},
	"letter_broken": {
		"File PDF ini rusak atau tidak dapat dibaca. Simpan ulang/scan ulang surat sebagai PDF, lalu kirim lagi sebagai dokumen.",
		"This PDF is damaged or cannot be read. Save or scan the letter again as a PDF and send it again as a document.",
	},
	"letter_encrypted": {
		"File PDF ini dilindungi kata sandi, sehingga DTIK tidak dapat membukanya. Kirim versi PDF tanpa kata sandi.",
		"This PDF is password-protected, so DTIK cannot open it. Please send a version without a password.",
	},
	"letter_no_pages": {
		"File PDF ini tidak berisi halaman. Kirim PDF hasil scan surat permohonan yang lengkap.",
		"This PDF has no pages. Send the complete scanned request letter as a PDF.",
	},
	"letter_timeout": {
		"Maaf, pemeriksaan file PDF ini terlalu lama. Coba kirim ulang, atau simpan ulang surat sebagai PDF yang lebih sederhana.",
		"Sorry, checking this PDF took too long. Please send it again, or save the letter again as a simpler PDF.",
	},
}
