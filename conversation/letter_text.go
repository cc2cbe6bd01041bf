package conversation

import "github.com/uns-dtik/loket"

// letterTexts are the answers to a letter CheckLetter refuses, Indonesian first, one
// per error code. Each says what is wrong and what to send instead, because the
// dialog stays on the letter step and waits for a better file.
var letterTexts = loket.Texts{
	"letter_too_large": {
		"File surat Anda %s MB, melebihi batas 10 MB. Scan ulang dengan resolusi lebih rendah (mis. 150 dpi, hitam-putih), lalu kirim lagi sebagai dokumen PDF.",
		"Your letter is %s MB, over the 10 MB limit. Please scan it again at a lower resolution (e.g. 150 dpi, black and white) and send the PDF again as a document.",
	},
	"letter_not_pdf": {
		"File ini bukan PDF. Kirim surat permohonan sebagai dokumen PDF hasil scan yang sudah ditandatangani pimpinan dan distempel.",
		"This file is not a PDF. Please send the request letter as a scanned PDF document, signed by your head of unit and stamped.",
	},
	"letter_broken": {
		"File PDF ini rusak atau tidak dapat dibaca. Scan ulang atau simpan ulang surat sebagai PDF, pastikan file terbuka di ponsel Anda, lalu kirim lagi sebagai dokumen.",
		"This PDF is damaged or cannot be read. Please scan or save the letter as a PDF again, check that it opens on your phone, and send it again as a document.",
	},
	"letter_encrypted": {
		"File PDF ini dikunci dengan kata sandi atau proteksi, sehingga tidak dapat kami proses. Simpan ulang surat sebagai PDF tanpa kata sandi dan tanpa proteksi, lalu kirim lagi.",
		"This PDF is locked with a password or protection, so we cannot process it. Please save the letter again as a PDF without a password or protection and send it again.",
	},
	"letter_no_pages": {
		"File PDF ini tidak berisi halaman apa pun. Kirim PDF hasil scan surat permohonan yang lengkap.",
		"This PDF contains no pages. Please send the complete scanned request letter as a PDF.",
	},
	"letter_timeout": {
		"Maaf, pemeriksaan file PDF ini memakan waktu terlalu lama. Coba kirim lagi sebentar lagi; bila tetap gagal, scan ulang surat sebagai PDF biasa.",
		"Sorry, checking this PDF took too long. Please try again in a moment; if it still fails, scan the letter again as a plain PDF.",
	},
}
