package conversation

import (
	"errors"
	"strings"

	"github.com/uns-dtik/loket"
)

// texts is every sentence the dialog itself says, Indonesian first, then English.
// Validators' sentences live in validationTexts and letterTexts; the catalog holds
// each service's prompts. Arguments are fmt verbs, in order.
var texts = loket.Texts{
	"greeting": {
		"Halo%s! 👋 Selamat datang di *Loket DTIK UNS*, layanan permohonan TIK Universitas Sebelas Maret lewat WhatsApp.",
		"Hello%s! 👋 Welcome to *Loket DTIK UNS*, the WhatsApp front desk for IT service requests at Universitas Sebelas Maret.",
	},
	"menu": {
		"Balas dengan *nomor* layanan yang Anda perlukan:\n%s\n\nKetik *status* untuk melihat permohonan Anda, *bantuan* untuk petunjuk, atau *english* for English.",
		"Reply with the *number* of the service you need:\n%s\n\nType *status* to see your requests, *help* for guidance, or *indonesia* untuk Bahasa Indonesia.",
	},
	"menu_draft_kept": {
		"Draf *%s* Anda tetap tersimpan (langkah %d dari %d). Balas *lanjut* untuk meneruskannya.",
		"Your *%s* draft is kept (step %d of %d). Reply *continue* to carry on with it.",
	},
	"menu_unknown": {
		"Maaf, pilihan \"%s\" tidak ada di daftar.",
		"Sorry, \"%s\" is not one of the choices.",
	},
	"service_intro": {
		"*%s* (%s)\nSaya akan menanyakan %d hal sesuai SOP, satu per satu. Kapan saja Anda bisa mengetik *kembali* (pertanyaan sebelumnya), *bantuan*, *menu*, atau *batal*.",
		"*%s* (%s)\nI will ask you %d things the SOP requires, one at a time. At any time you can type *back* (previous question), *help*, *menu* or *cancel*.",
	},
	"step": {
		"*Langkah %d dari %d — %s*",
		"*Step %d of %d — %s*",
	},
	"current_answer": {
		"Jawaban sekarang: %s",
		"Current answer: %s",
	},
	"recorded": {
		"✓ %s: %s",
		"✓ %s: %s",
	},
	"choice_other": {
		"Atau ketik nama lain bila tidak ada di daftar.",
		"Or type another name if it is not listed.",
	},
	"phone_default": {
		"Balas *ya* untuk memakai nomor Anda ini (%s).",
		"Reply *yes* to use this number of yours (%s).",
	},
	"summary": {
		"*Ringkasan permohonan %s*\n%s\n\nPeriksa kembali. Balas *kirim* untuk mengajukan, *ubah <nomor>* untuk mengubah (contoh: ubah 4), atau *batal*.",
		"*Summary of your %s request*\n%s\n\nPlease check it. Reply *submit* to file it, *edit <number>* to change an answer (e.g. edit 4), or *cancel*.",
	},
	"review_unclear": {
		"Balas *kirim* untuk mengajukan permohonan, *ubah <nomor>* untuk mengubah jawaban (contoh: ubah 4), atau *batal*.",
		"Reply *submit* to file the request, *edit <number>* to change an answer (e.g. edit 4), or *cancel*.",
	},
	"edit_range": {
		"Nomor %s tidak ada di ringkasan. Pilih nomor 1 sampai %d, contoh: ubah 4.",
		"There is no number %s in the summary. Choose 1 to %d, e.g. edit 4.",
	},
	"answer_missing": {
		"*%s* belum terisi; mohon isi dulu sebelum dikirim.",
		"*%s* is not answered yet; please answer it before submitting.",
	},
	"answer_stale": {
		"*%s* perlu diisi ulang sebelum dikirim: %s",
		"*%s* must be given again before submitting: %s",
	},
	"recheck": {
		"Karena %s berubah, *%s* perlu diisi ulang: %s",
		"Because %s changed, *%s* must be given again: %s",
	},
	"filed": {
		"✅ Permohonan *%s* Anda sudah kami terima dengan nomor *%s*.\n\n%s\n\nAnda akan diberi tahu lewat WhatsApp di setiap langkah. Ketik *status %s* untuk melihat perkembangannya.",
		"✅ We have received your *%s* request, reference *%s*.\n\n%s\n\nYou will be told on WhatsApp at every step. Type *status %s* to follow it.",
	},
	"reopened": {
		"Isian permohonan *%s* dibuka kembali untuk diperbaiki. Catatan admin DTIK: %s",
		"Request *%s* is open again for correction. DTIK's admin says: %s",
	},
	"reopened_fields": {
		"Yang perlu diperbaiki: %s. Kita mulai dari yang pertama; sesudahnya Anda kembali ke ringkasan.",
		"To correct: %s. We start with the first; afterwards you are back at the summary.",
	},
	"reopen_not_revision": {
		"Permohonan %s tidak sedang menunggu perbaikan (statusnya: %s).",
		"Request %s is not waiting for a correction (its status: %s).",
	},
	"resubmit_too_late": {
		"Permohonan ini tidak lagi menunggu perbaikan, jadi perbaikan tidak dikirim. Ketik *status* untuk melihat statusnya.",
		"This request is no longer waiting for a correction, so nothing was sent. Type *status* to see where it stands.",
	},
	"resubmitted": {
		"✅ Perbaikan permohonan *%s* sudah kami terima dan diteruskan ke admin DTIK.\n\n%s\n\nKetik *status %s* untuk melihat perkembangannya.",
		"✅ We have received the corrections to request *%s* and passed them to DTIK's admin.\n\n%s\n\nType *status %s* to follow it.",
	},
	"rating_range": {
		"Mohon balas dengan angka 1 sampai 5.",
		"Please reply with a number from 1 to 5.",
	},
	"questionnaire_thanks": {
		"Terima kasih atas penilaian Anda! 🙏 Masukan Anda membantu DTIK memperbaiki layanan. Ketik *menu* bila perlu layanan lain.",
		"Thank you for your feedback! 🙏 It helps DTIK improve its services. Type *menu* if you need another service.",
	},
	"menu_questionnaire_waits": {
		"Kuesioner untuk *%s* kami tanyakan lagi nanti.",
		"We will ask the questionnaire for *%s* again later.",
	},
	"questionnaire_pending": {
		"Kuesioner layanan Anda belum selesai:",
		"Your service questionnaire is not finished yet:",
	},
	"refused_end": {
		"Ketik *menu* bila ingin mengajukan layanan lain.",
		"Type *menu* if you would like another service.",
	},
	"back_first": {
		"Ini sudah pertanyaan pertama.",
		"This is already the first question.",
	},
	"not_now": {
		"Maaf, perintah itu tidak berlaku pada langkah ini. Kita lanjutkan dari sini:",
		"Sorry, that command does not apply at this step. Let us carry on from here:",
	},
	"cancel_confirm": {
		"Yakin membatalkan draf permohonan *%s*? Semua jawaban yang sudah Anda isi akan dihapus. Balas *ya* atau *tidak*.",
		"Do you really want to cancel your *%s* draft? Every answer you gave will be deleted. Reply *yes* or *no*.",
	},
	"cancel_done": {
		"Draf permohonan sudah dibatalkan dan dihapus. Ketik *menu* bila ingin mengajukan layanan.",
		"The draft has been cancelled and deleted. Type *menu* if you would like to request a service.",
	},
	"cancel_kept": {
		"Baik, draf tidak dibatalkan. Kita lanjutkan.",
		"All right, the draft is kept. Let us carry on.",
	},
	"switch_confirm": {
		"Draf *%s* Anda (langkah %d dari %d) akan dihapus bila Anda memulai *%s*. Mulai layanan baru? Balas *ya* atau *tidak* (draf dilanjutkan).",
		"Your *%s* draft (step %d of %d) will be dropped if you start *%s*. Start the new service? Reply *yes*, or *no* to carry on with the draft.",
	},
	"switch_unclear": {
		"Balas *ya* untuk menghapus draf dan memulai layanan baru, atau *tidak* untuk melanjutkan draf.",
		"Reply *yes* to drop the draft and start the new service, or *no* to carry on with the draft.",
	},
	"cancel_unclear": {
		"Balas *ya* untuk membatalkan draf, atau *tidak* untuk melanjutkan.",
		"Reply *yes* to cancel the draft, or *no* to carry on.",
	},
	"nothing_to_cancel": {
		"Tidak ada draf permohonan yang sedang diisi. Ketik *menu* untuk memilih layanan.",
		"You have no draft in progress. Type *menu* to choose a service.",
	},
	"resume_ask": {
		"Anda punya draf *%s* yang belum selesai (langkah %d dari %d: %s). Lanjutkan atau mulai ulang? Balas *lanjutkan* atau *mulai ulang*.",
		"You have an unfinished *%s* draft (step %d of %d: %s). Continue or start again? Reply *continue* or *restart*.",
	},
	"resume_unclear": {
		"Balas *lanjutkan* untuk meneruskan draf, *mulai ulang* untuk mengulang dari awal, atau *batal*.",
		"Reply *continue* to carry on with the draft, *restart* to start from the beginning, or *cancel*.",
	},
	"language_set": {
		"Baik, kita lanjutkan dalam Bahasa Indonesia.",
		"All right, we will continue in English.",
	},
	"help_idle": {
		"*Bantuan*\nLoket menerima permohonan layanan DTIK lewat chat: pilih layanan dari *menu*, jawab pertanyaannya satu per satu, kirim surat permohonan (PDF yang ditandatangani pimpinan dan distempel), lalu *kirim*.\nPerintah: *menu*, *status*, *status <nomor referensi>*, *batal <nomor referensi>* (membatalkan permohonan yang belum didisposisikan), *english*.",
		"*Help*\nLoket takes DTIK service requests by chat: choose a service from the *menu*, answer its questions one by one, send the request letter (a PDF signed by your leader and stamped), then *submit*.\nCommands: *menu*, *status*, *status <reference>*, *cancel <reference>* (cancels a request not yet assigned), *indonesia*.",
	},
	"help_step": {
		"*Bantuan — %s*\n%s\n\nPerintah: *kembali* (pertanyaan sebelumnya), *menu*, *status*, *batal* (hapus draf), *english*.",
		"*Help — %s*\n%s\n\nCommands: *back* (previous question), *menu*, *status*, *cancel* (delete the draft), *indonesia*.",
	},
	"edit_not_read": {
		"Maaf, pesan yang diedit tidak kami baca: jawaban sebelumnya sudah tercatat. Bila perlu mengubahnya, kirim jawabannya lagi sebagai pesan baru (atau *kembali* / *ubah <nomor>*).",
		"Sorry, edited messages are not read: the earlier answer is already recorded. To change it, send the answer again as a new message (or *back* / *edit <number>*).",
	},
	"input_not_text": {
		"Maaf, %s belum bisa saya baca di langkah ini. Mohon jawab dengan teks.",
		"Sorry, I cannot use %s at this step. Please answer with text.",
	},
	"kind_image":    {"gambar/foto", "a picture"},
	"kind_sticker":  {"stiker", "a sticker"},
	"kind_audio":    {"pesan suara", "a voice message"},
	"kind_video":    {"video", "a video"},
	"kind_location": {"lokasi", "a location"},
	"kind_contact":  {"kartu kontak", "a contact card"},
	"kind_document": {"dokumen", "a document"},
	"kind_other":    {"jenis pesan ini", "this kind of message"},
	"idle_not_text": {
		"Maaf, %s belum bisa saya proses.",
		"Sorry, I cannot handle %s.",
	},
	"confirm_unclear": {
		"Mohon balas *ya* atau *tidak*.",
		"Please reply *yes* or *no*.",
	},
	"choice_range": {
		"Nomor %d tidak ada di daftar. Balas nomor 1 sampai %d, atau ketik namanya.",
		"Number %d is not on the list. Reply with 1 to %d, or type the name.",
	},
	"date_past": {
		"Tanggal %s sudah lewat. Tulis tanggal hari ini atau sesudahnya, contoh: besok, atau 12 Desember 2026.",
		"%s is in the past. Give today or a later date, e.g. tomorrow, or 12 December 2026.",
	},
	"date_before_start": {
		"Tanggal %s sebelum tanggal awal (%s). Tulis tanggal yang sama dengan atau sesudah tanggal awal.",
		"%s is before the start date (%s). Give the start date or a later one.",
	},
	"email_not_in_zoom": {
		"Email %s belum terdaftar sebagai pengguna Zoom UNS (SOP#18 aturan 3). Aktifkan dulu akun Zoom UNS dengan email itu (masuk ke zoom.us lewat SSO UNS), atau tulis email lain yang sudah terdaftar.",
		"%s is not registered as a UNS Zoom user (SOP#18 rule 3). Activate UNS Zoom with that address first (sign in to zoom.us with UNS SSO), or give another address that is registered.",
	},
	"username_taken": {
		"Username %s@%s sudah diajukan dalam permohonan lain. Usulkan username lain, contoh: %s2026.",
		"The username %s@%s is already requested in another request. Propose another one, e.g. %s2026.",
	},
	"letter_expected_document": {
		"Langkah ini menunggu *surat permohonan* sebagai dokumen PDF (lampiran). Di WhatsApp: ketuk 📎 › Dokumen, lalu pilih file PDF hasil scan surat yang sudah ditandatangani dan distempel.",
		"This step needs the *request letter* as a PDF document (attachment). In WhatsApp: tap 📎 › Document, then choose the PDF scan of the signed, stamped letter.",
	},
	"letter_photo": {
		"Surat Anda terkirim sebagai foto. Mohon kirim sebagai *dokumen PDF hasil scan* (ketuk 📎 › Dokumen), agar tanda tangan dan stempel terbaca jelas.",
		"Your letter came as a photo. Please send it as a *scanned PDF document* (tap 📎 › Document), so the signature and stamp stay legible.",
	},
	"letter_word": {
		"File %s adalah dokumen Word, bukan PDF. Cetak surat, tandatangani dan stempel, lalu kirim *hasil scan dalam bentuk PDF* sebagai dokumen.",
		"%s is a Word document, not a PDF. Print the letter, have it signed and stamped, then send the *scan as a PDF* document.",
	},
	"letter_over_limit": {
		"File surat Anda melebihi batas 10 MB. Scan ulang dengan resolusi lebih rendah (mis. 150 dpi, hitam-putih), lalu kirim lagi sebagai dokumen PDF.",
		"Your letter is over the 10 MB limit. Please scan it again at a lower resolution (e.g. 150 dpi, black and white) and send the PDF again as a document.",
	},
	"letter_download_failed": {
		"Maaf, file %s gagal diunduh dari WhatsApp. Mohon kirim ulang dokumennya.",
		"Sorry, %s could not be downloaded from WhatsApp. Please send the document again.",
	},
	"letter_recorded": {
		"%s, %d halaman",
		"%s, %d pages",
	},
	"letter_recorded_one": {"%s, 1 halaman", "%s, 1 page"},
	"letter_gone": {
		"surat yang Anda kirim sudah tidak tersimpan karena draf terlalu lama tidak dilanjutkan. Mohon kirim suratnya sekali lagi.",
		"the letter you sent is no longer kept because the draft was left too long. Please send the letter once more.",
	},
	"status_none": {
		"Anda belum punya permohonan. Ketik *menu* untuk mengajukan layanan.",
		"You have no requests yet. Type *menu* to request a service.",
	},
	"status_list": {
		"*Permohonan Anda*\n%s\n\nKetik *status <nomor referensi>* untuk detail, contoh: status %s",
		"*Your requests*\n%s\n\nType *status <reference>* for details, e.g. status %s",
	},
	"status_not_found": {
		"Permohonan %s tidak ditemukan di antara permohonan Anda. Ketik *status* untuk melihat daftar permohonan Anda.",
		"Request %s was not found among your requests. Type *status* to see your list.",
	},
	"status_detail": {
		"*%s — %s*\nStatus: *%s*\nDiajukan: %s\n\n%s\n\n*Riwayat*\n%s",
		"*%s — %s*\nStatus: *%s*\nFiled: %s\n\n%s\n\n*Timeline*\n%s",
	},
	"status_draft_note": {
		"(Anda sedang mengisi draf *%s*; ketik *lanjut* untuk meneruskannya.)",
		"(You have a *%s* draft in progress; type *continue* to carry on.)",
	},
	"status_submitted": {"Diajukan — menunggu verifikasi admin", "Submitted — waiting for the admin's verification"},
	"status_revision":  {"Perlu perbaikan dari Anda", "Needs a revision from you"},
	"status_verified":  {"Terverifikasi — menunggu disposisi pimpinan", "Verified — waiting for the head's assignment"},
	"status_disposed":  {"Sedang dikerjakan staf DTIK", "Being handled by DTIK staff"},
	"status_done":      {"Selesai", "Done"},
	"status_rejected":  {"Ditolak", "Rejected"},
	"status_cancelled": {"Dibatalkan", "Cancelled"},
	// Timeline rows name who acted by role (loket.EventTexts says what happened):
	// applicants are not told which staff member handled their request.
	"actor_pemohon":  {"pemohon", "the applicant"},
	"actor_admin":    {"admin DTIK", "DTIK's admin"},
	"actor_pimpinan": {"pimpinan DTIK", "DTIK's head"},
	"actor_staf":     {"staf DTIK", "DTIK staff"},
	"actor_system":   {"sistem", "the system"},
	"summary_label":  {"Ringkasan", "Summary"},
	"answer_yes":     {"Ya", "Yes"},
	"answer_no":      {"Tidak", "No"},
}

// say returns the sentence code in lang with args formatted in. A code missing from
// every table is a programming error; it is shown as is rather than hidden.
func say(lang loket.Lang, code string, args ...any) string {
	for _, table := range []loket.Texts{texts, validationTexts, letterTexts} {
		if text, ok := table.Say(lang, code, args...); ok {
			return text
		}
	}
	return code
}

// sayError turns a validation error into a sentence; any other error is not the
// applicant's fault and is returned for the caller to handle.
func sayError(lang loket.Lang, err error) (string, bool) {
	var le *loket.Error
	if !errors.As(err, &le) {
		return "", false
	}
	return say(lang, le.Code, le.Args...), true
}

// lines joins non-empty parts with blank lines between them.
func lines(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "\n\n")
}
