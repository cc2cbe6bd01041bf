package conversation

import "github.com/uns-dtik/loket"

// letterTexts are the answers to a letter the checker (package letter) refuses, Indonesian first, one
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
	"letter_truncated": {
		"File surat tidak utuh (terpotong); kirim ulang. Pastikan file selesai terunduh atau tersimpan dan terbuka lengkap di ponsel Anda, lalu kirim lagi sebagai dokumen PDF.",
		"The letter file is incomplete (cut off); please send it again. Make sure the file finished downloading or saving and opens completely on your phone, then send it again as a PDF document.",
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
	"letter_too_many_pages": {
		"File PDF ini berisi lebih dari %d halaman, padahal surat permohonan biasanya 1–5 halaman. Kirim hanya surat permohonannya saja, tanpa lampiran lain.",
		"This PDF has more than %d pages, while a request letter is usually 1–5 pages. Please send only the request letter, without other attachments.",
	},
	"letter_active_content": {
		"File PDF ini memuat konten aktif (skrip, file tersemat, atau perintah otomatis) yang tidak kami terima demi keamanan. Simpan ulang surat sebagai PDF biasa (Cetak › Simpan sebagai PDF) atau scan ulang, lalu kirim lagi.",
		"This PDF contains active content (scripts, embedded files or automatic actions), which we do not accept for security reasons. Please save the letter again as a plain PDF (Print › Save as PDF) or scan it again, and send it again.",
	},
	"letter_unpacked_too_large": {
		"Isi file PDF ini terlalu besar setelah dibuka (lebih dari %d MB). Scan ulang surat dengan resolusi lebih rendah (mis. 150 dpi) atau simpan ulang sebagai PDF biasa, lalu kirim lagi.",
		"This PDF's content is too large once unpacked (over %d MB). Please scan the letter again at a lower resolution (e.g. 150 dpi) or save it again as a plain PDF, and send it again.",
	},
	"letter_unreadable": {
		"Maaf, file PDF ini tidak dapat kami baca: isinya rusak atau susunannya tidak wajar. Simpan ulang surat sebagai PDF biasa (Cetak › Simpan sebagai PDF) atau scan ulang, lalu kirim lagi.",
		"Sorry, we cannot read this PDF: its content is damaged or unusually built. Please save the letter again as a plain PDF (Print › Save as PDF) or scan it again, and send it again.",
	},
	"letter_busy": {
		"Maaf, pemeriksaan surat sedang sibuk. Mohon kirim file PDF yang sama sekali lagi dalam satu menit.",
		"Sorry, letter checking is busy right now. Please send the same PDF again in a minute.",
	},
}
