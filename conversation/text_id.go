package conversation

import (
	"fmt"
	"strings"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation/letter"
)

// What the dialog says in Bahasa Indonesia, the language it speaks first: one method
// per sentence of sentences.go, so a sentence without its Indonesian does not
// compile. text_en.go is the same in English; the refusals (refusals.go,
// letter_text.go) are in refusals_id.go and refusals_en.go, which keeps each file
// readable in one go.

// The dialog.
func (m greeting) Indonesian() string {
	return fmt.Sprintf("Halo%s! 👋 Selamat datang di *Loket DTIK UNS*, layanan permohonan TIK Universitas Sebelas Maret lewat WhatsApp.", m.Name)
}
func (m menu) Indonesian() string {
	return fmt.Sprintf("Balas dengan *nomor* layanan yang Anda perlukan:\n%s\n\nKetik *info <nomor>* untuk informasi layanan (persyaratan, prosedur, waktu, biaya), *status* untuk melihat permohonan Anda, *bantuan* untuk petunjuk, atau *english* for English.", m.Services)
}
func (m infoWhichInDraft) Indonesian() string {
	return fmt.Sprintf("Informasi layanan mana? Ketik *info* dan nomornya, mis. *info 1*:\n%s", m.Services)
}
func (m infoWhich) Indonesian() string {
	return fmt.Sprintf("Informasi layanan mana? Balas dengan *nomor* layanan:\n%s", m.Services)
}
func (m infoUnknown) Indonesian() string {
	return fmt.Sprintf("Maaf, layanan \"%s\" tidak ada di daftar.", m.Typed)
}
func (m infoMissing) Indonesian() string {
	return fmt.Sprintf("Informasi layanan *%s* belum tersedia di sini; tanyakan ke DTIK (tik@unit.uns.ac.id).", m.Title)
}
func (m infoStart) Indonesian() string {
	draft := ""
	if m.Draft {
		draft = " Di langkah surat, ketik *draf surat* untuk draf surat permohonan berisi jawaban Anda."
	}
	return fmt.Sprintf("Untuk mengajukan, balas *%d* (atau *%s*) saat melihat menu.%s", m.Number, m.Keyword, draft)
}
func (m infoRequirements) Indonesian() string {
	return fmt.Sprintf("*Persyaratan — %s* (%s)\n%s", m.Title, m.SOP, m.Requirements)
}
func (m infoFull) Indonesian() string {
	days := "ditetapkan oleh DTIK"
	if m.Days > 0 {
		days = fmt.Sprintf("%d hari kerja sejak permohonan diajukan", m.Days)
	}
	return fmt.Sprintf("*Informasi Layanan — %s* (%s)\n\n*Produk layanan*\n%s\n\n*Persyaratan*\n%s\n\n*Sistem, mekanisme, dan prosedur*\n%s\n\n*Waktu penyelesaian*\n%s\n\n*Biaya layanan*\n%s",
		m.Title, m.SOP, m.Product, m.Requirements, m.Procedure, days, m.Cost)
}
func (m menuDraftKept) Indonesian() string {
	return fmt.Sprintf("Draf *%s* Anda tetap tersimpan (langkah %d dari %d). Balas *lanjut* untuk meneruskannya.", m.Title, m.Step, m.Steps)
}
func (m menuUnknown) Indonesian() string {
	return fmt.Sprintf("Maaf, pilihan \"%s\" tidak ada di daftar.", m.Typed)
}
func (m serviceIntro) Indonesian() string {
	return fmt.Sprintf("*%s* (%s)\nSaya akan menanyakan %d hal sesuai SOP, satu per satu. Kapan saja Anda bisa mengetik *kembali* (pertanyaan sebelumnya), *bantuan*, *menu*, atau *batal*.", m.Title, m.SOP, m.Questions)
}
func (m step) Indonesian() string {
	return fmt.Sprintf("*Langkah %d dari %d — %s*", m.N, m.Of, m.Label)
}
func (m currentAnswer) Indonesian() string { return fmt.Sprintf("Jawaban sekarang: %s", m.Answer) }
func (m recorded) Indonesian() string      { return fmt.Sprintf("✓ %s: %s", m.Label, m.Answer) }
func (choiceOther) Indonesian() string     { return "Atau ketik nama lain bila tidak ada di daftar." }
func (m senderNumber) Indonesian() string {
	return fmt.Sprintf("Balas *ya* untuk memakai nomor Anda ini (%s).", m.Phone)
}
func (m summary) Indonesian() string {
	return fmt.Sprintf("*Ringkasan permohonan %s*\n%s\n\nPeriksa kembali. Balas *kirim* untuk mengajukan, *ubah <nomor>* untuk mengubah (contoh: ubah %d), atau *batal*.", m.Title, m.Rows, m.Example)
}
func (m reviewUnclear) Indonesian() string {
	return fmt.Sprintf("Balas *kirim* untuk mengajukan permohonan, *ubah <nomor>* untuk mengubah jawaban (contoh: ubah %d), atau *batal*.", m.Example)
}
func (m editRange) Indonesian() string {
	return fmt.Sprintf("Nomor %s tidak ada di ringkasan. Pilih nomor 1 sampai %d, contoh: ubah %d.", m.Typed, m.Max, m.Example)
}
func (m answerMissing) Indonesian() string {
	return fmt.Sprintf("*%s* belum terisi; mohon isi dulu sebelum dikirim.", m.Label)
}
func (m answerStale) Indonesian() string {
	return fmt.Sprintf("*%s* perlu diisi ulang sebelum dikirim: %s", m.Label, m.Why)
}
func (m recheck) Indonesian() string {
	return fmt.Sprintf("Karena %s berubah, *%s* perlu diisi ulang: %s", m.Changed, m.Field, m.Why)
}
func (m filed) Indonesian() string {
	return fmt.Sprintf("✅ Permohonan *%s* Anda sudah kami terima dengan nomor *%s*.\n\n%s\n\nAnda akan diberi tahu lewat WhatsApp di setiap langkah. Ketik *status %s* untuk melihat perkembangannya.", m.Title, m.Ref, m.NextSteps, m.Ref)
}
func (m reopened) Indonesian() string {
	return fmt.Sprintf("Isian permohonan *%s* dibuka kembali untuk diperbaiki. Catatan admin DTIK: %s", m.Ref, m.Note)
}
func (m reopenedFields) Indonesian() string {
	return fmt.Sprintf("Yang perlu diperbaiki: %s. Kita mulai dari yang pertama; sesudahnya Anda kembali ke ringkasan.", m.Labels)
}
func (resubmitTooLate) Indonesian() string {
	return "Permohonan ini tidak lagi menunggu perbaikan, jadi perbaikan tidak dikirim. Ketik *status* untuk melihat statusnya."
}
func (m resubmitted) Indonesian() string {
	return fmt.Sprintf("✅ Perbaikan permohonan *%s* sudah kami terima dan diteruskan ke admin DTIK.\n\n%s\n\nKetik *status %s* untuk melihat perkembangannya.", m.Ref, m.NextSteps, m.Ref)
}
func (ratingRange) Indonesian() string { return "Mohon balas dengan angka 1 sampai 5." }
func (questionnaireThanks) Indonesian() string {
	return "Terima kasih atas penilaian Anda! 🙏 Masukan Anda membantu DTIK memperbaiki layanan. Ketik *menu* bila perlu layanan lain."
}
func (m menuQuestionnaireWaits) Indonesian() string {
	return fmt.Sprintf("Kuesioner untuk *%s* kami tanyakan lagi nanti.", m.Ref)
}
func (questionnairePending) Indonesian() string { return "Kuesioner layanan Anda belum selesai:" }
func (refusedEnd) Indonesian() string           { return "Ketik *menu* bila ingin mengajukan layanan lain." }
func (backFirst) Indonesian() string            { return "Ini sudah pertanyaan pertama." }
func (notNow) Indonesian() string {
	return "Maaf, perintah itu tidak berlaku pada langkah ini. Kita lanjutkan dari sini:"
}
func (m cancelConfirm) Indonesian() string {
	return fmt.Sprintf("Yakin membatalkan draf permohonan *%s*? Semua jawaban yang sudah Anda isi akan dihapus. Balas *ya* atau *tidak*.", m.Title)
}
func (cancelDone) Indonesian() string {
	return "Draf permohonan sudah dibatalkan dan dihapus. Ketik *menu* bila ingin mengajukan layanan."
}
func (cancelKept) Indonesian() string { return "Baik, draf tidak dibatalkan. Kita lanjutkan." }
func (m switchConfirm) Indonesian() string {
	return fmt.Sprintf("Draf *%s* Anda (langkah %d dari %d) akan dihapus bila Anda memulai *%s*. Mulai layanan baru? Balas *ya* atau *tidak* (draf dilanjutkan).", m.Draft, m.Step, m.Steps, m.New)
}
func (switchUnclear) Indonesian() string {
	return "Balas *ya* untuk menghapus draf dan memulai layanan baru, atau *tidak* untuk melanjutkan draf."
}
func (cancelUnclear) Indonesian() string {
	return "Balas *ya* untuk membatalkan draf, atau *tidak* untuk melanjutkan."
}
func (nothingToCancel) Indonesian() string {
	return "Tidak ada draf permohonan yang sedang diisi. Ketik *menu* untuk memilih layanan."
}
func (m resumeAsk) Indonesian() string {
	return fmt.Sprintf("Anda punya draf *%s* yang belum selesai (langkah %d dari %d: %s). Lanjutkan atau mulai ulang? Balas *lanjutkan* atau *mulai ulang*.", m.Title, m.Step, m.Steps, m.Label)
}
func (resumeUnclear) Indonesian() string {
	return "Balas *lanjutkan* untuk meneruskan draf, *mulai ulang* untuk mengulang dari awal, atau *batal*."
}
func (languageSet) Indonesian() string { return "Baik, kita lanjutkan dalam Bahasa Indonesia." }
func (draftOffer) Indonesian() string {
	return "Belum punya surat? Ketik *draf surat*: kami kirimkan draf surat permohonan yang sudah berisi jawaban Anda (.docx untuk dipindah ke kop surat unit, ditandatangani pimpinan, dan distempel; .pdf untuk dilihat)."
}
func (m draftSent) Indonesian() string {
	return fmt.Sprintf("Berikut draf surat permohonan *%s* dari jawaban Anda. Pindahkan ke kop surat unit, lengkapi bagian yang masih bertitik-titik, mintakan tanda tangan pimpinan unit dan stempel, lalu kirim hasil scan-nya sebagai PDF.", m.Title)
}
func (m draftNone) Indonesian() string {
	return fmt.Sprintf("Untuk layanan *%s* belum tersedia draf surat. Susun surat permohonan sesuai persyaratan layanan, lalu kirim sebagai PDF.", m.Title)
}
func (draftNoService) Indonesian() string {
	return "Draf surat dibuat dari jawaban permohonan Anda. Pilih layanan dulu dari *menu*; *draf surat* bisa diminta kapan saja setelah itu."
}
func (draftCaptionDOCX) Indonesian() string { return "Draf surat (dapat diedit)" }
func (draftCaptionPDF) Indonesian() string  { return "Pratinjau draf surat" }
func (helpIdle) Indonesian() string {
	return "*Bantuan*\nLoket menerima permohonan layanan DTIK lewat chat: pilih layanan dari *menu*, jawab pertanyaannya satu per satu, kirim surat permohonan (PDF yang ditandatangani pimpinan dan distempel), lalu *kirim*.\nPerintah: *menu*, *status*, *status <nomor referensi>*, *batal <nomor referensi>* (membatalkan permohonan yang belum didisposisikan), *english*."
}
func (m helpStep) Indonesian() string {
	return fmt.Sprintf("*Bantuan — %s*\n%s\n\nPerintah: *kembali* (pertanyaan sebelumnya), *menu*, *status*, *batal* (hapus draf), *english*.", m.Title, m.Body)
}
func (editNotRead) Indonesian() string {
	return "Maaf, pesan yang diedit tidak kami baca: jawaban sebelumnya sudah tercatat. Bila perlu mengubahnya, kirim jawabannya lagi sebagai pesan baru (atau *kembali* / *ubah <nomor>*)."
}
func (confirmUnclear) Indonesian() string { return "Mohon balas *ya* atau *tidak*." }
func (m choiceRange) Indonesian() string {
	return fmt.Sprintf("Nomor %d tidak ada di daftar. Balas nomor 1 sampai %d, atau ketik namanya.", m.N, m.Max)
}
func (m emailNotInZoom) Indonesian() string {
	return fmt.Sprintf("Email %s belum terdaftar sebagai pengguna Zoom UNS (SOP#18 aturan 3). Aktifkan dulu akun Zoom UNS dengan email itu (masuk ke zoom.us lewat SSO UNS), atau tulis email lain yang sudah terdaftar.", m.Email)
}
func (m usernameTaken) Indonesian() string {
	return fmt.Sprintf("Username %s@%s sudah diajukan dalam permohonan lain. Usulkan username lain, contoh: %s2026.", m.Name, m.Domain, m.Name)
}
func (letterExpectedDocument) Indonesian() string {
	return "Langkah ini menunggu *surat permohonan* sebagai dokumen PDF (lampiran). Di WhatsApp: ketuk 📎 › Dokumen, lalu pilih file PDF hasil scan surat yang sudah ditandatangani dan distempel."
}
func (letterPhoto) Indonesian() string {
	return "Surat Anda terkirim sebagai foto. Mohon kirim sebagai *dokumen PDF hasil scan* (ketuk 📎 › Dokumen), agar tanda tangan dan stempel terbaca jelas."
}
func (m letterWord) Indonesian() string {
	return fmt.Sprintf("File %s adalah dokumen Word, bukan PDF. Cetak surat, tandatangani dan stempel, lalu kirim *hasil scan dalam bentuk PDF* sebagai dokumen.", m.Name)
}
func (letterOverLimit) Indonesian() string {
	return "File surat Anda melebihi batas 10 MB. Scan ulang dengan resolusi lebih rendah (mis. 150 dpi, hitam-putih), lalu kirim lagi sebagai dokumen PDF."
}
func (m letterDownloadFailed) Indonesian() string {
	return fmt.Sprintf("Maaf, file %s gagal diunduh dari WhatsApp. Mohon kirim ulang dokumennya.", m.Name)
}
func (letterGone) Indonesian() string {
	return "surat yang Anda kirim sudah tidak tersimpan karena draf terlalu lama tidak dilanjutkan. Mohon kirim suratnya sekali lagi."
}
func (statusNone) Indonesian() string {
	return "Anda belum punya permohonan. Ketik *menu* untuk mengajukan layanan."
}
func (m statusList) Indonesian() string {
	return fmt.Sprintf("*Permohonan Anda*\n%s\n\nKetik *status <nomor referensi>* untuk detail, contoh: status %s", m.Rows, m.Example)
}
func (m statusNotFound) Indonesian() string {
	return fmt.Sprintf("Permohonan %s tidak ditemukan di antara permohonan Anda. Ketik *status* untuk melihat daftar permohonan Anda.", m.Ref)
}
func (m statusDraftNote) Indonesian() string {
	return fmt.Sprintf("(Anda sedang mengisi draf *%s*; ketik *lanjut* untuk meneruskannya.)", m.Title)
}
func (summaryLabel) Indonesian() string { return "Ringkasan" }
func (answerYes) Indonesian() string    { return "Ya" }

// Sentences whose data is a status, a kind, a date or a size.
func (m reopenNotRevision) Indonesian() string {
	return fmt.Sprintf("Permohonan %s tidak sedang menunggu perbaikan (statusnya: %s).", m.Ref, m.Status.Indonesian())
}
func (m inputNotText) Indonesian() string {
	return fmt.Sprintf("Maaf, %s belum bisa saya baca di langkah ini. Mohon jawab dengan teks.", kindName{m.Kind}.Indonesian())
}
func (m idleNotText) Indonesian() string {
	return fmt.Sprintf("Maaf, %s belum bisa saya proses.", kindName{m.Kind}.Indonesian())
}
func (m datePast) Indonesian() string {
	return fmt.Sprintf("Tanggal %s sudah lewat. Tulis tanggal hari ini atau sesudahnya, contoh: besok, atau %s.", dateID(m.Date), dayID(m.Example))
}
func (m dateBeforeStart) Indonesian() string {
	return fmt.Sprintf("Tanggal %s sebelum tanggal awal (%s). Tulis tanggal yang sama dengan atau sesudah tanggal awal, contoh: %s.", dateID(m.Date), dateID(m.Start), dayID(m.Start.AddDate(0, 0, 1)))
}
func (m exampleDate) Indonesian() string    { return dayID(m.Date) }
func (m letterRecorded) Indonesian() string { return fmt.Sprintf("%s, %d halaman", m.Name, m.Pages) }
func (m statusDetail) Indonesian() string {
	return fmt.Sprintf("*%s — %s*\nStatus: *%s*\nDiajukan: %s\n\n%s\n\n*Riwayat*\n%s", m.Ref, m.Title, m.Status.Indonesian(), loket.FormatTime(m.Filed, loket.Indonesian), m.Fields, m.Timeline)
}

// The words sentences are built with. A value without words (a status added to the
// lifecycle, say) is shown as it is stored; TestEveryWordHasBothLanguages keeps that
// from happening.
// A status's words name the role it waits for as {role}: the request's holder
// (statusName.Holder), which its service's approvers decide.
var statusNamesID = map[loket.Status]string{
	loket.StatusSubmitted: "Diajukan — menunggu verifikasi {role}",
	loket.StatusRevision:  "Perlu perbaikan dari Anda",
	loket.StatusVerified:  "Terverifikasi — menunggu disposisi {role}",
	loket.StatusDisposed:  "Sedang dikerjakan {role} DTIK",
	loket.StatusDone:      "Selesai",
	loket.StatusRejected:  "Ditolak",
	loket.StatusCancelled: "Dibatalkan",
	loket.StatusAnswered:  "Sudah ditanggapi DTIK — menunggu ditutup {role}",
}

// statusByNextID words a status by the event it waits for where one status waits for
// different events in different lifecycles: a complaint filed waits for an answer.
var statusByNextID = map[loket.Action]string{
	loket.ActionAnswer: "Diajukan — menunggu tanggapan {role}",
}

func (m statusName) Indonesian() string {
	words, ok := statusByNextID[m.Next]
	if !ok {
		words, ok = statusNamesID[m.Status]
	}
	if ok {
		return strings.ReplaceAll(words, "{role}", string(m.Holder)) // the roles' own names are Indonesian
	}
	return string(m.Status)
}

var kindNamesID = map[loket.Kind]string{
	loket.KindImage:    "gambar/foto",
	loket.KindSticker:  "stiker",
	loket.KindAudio:    "pesan suara",
	loket.KindVideo:    "video",
	loket.KindLocation: "lokasi",
	loket.KindContact:  "kartu kontak",
	loket.KindDocument: "dokumen",
}

func (m kindName) Indonesian() string {
	if words, ok := kindNamesID[m.Kind]; ok {
		return words
	}
	return "jenis pesan ini"
}

var actorNamesID = map[string]string{
	"pemohon":                  "pemohon",
	string(loket.RoleAdmin):    "admin DTIK",
	string(loket.RolePimpinan): "pimpinan DTIK",
	string(loket.RoleStaf):     "staf DTIK",
	"system":                   "sistem",
}

func (m actorName) Indonesian() string {
	if words, ok := actorNamesID[m.Role]; ok {
		return words
	}
	return m.Role
}

// dateID is a day in words, as FormatDate writes it: "Sabtu, 12 Desember 2026".
func dateID(t time.Time) string { return loket.FormatDay(t, loket.Indonesian) }

// dayID is a day without its weekday: "1 Juni 2000".
func dayID(t time.Time) string { return loket.FormatDate(t, loket.Indonesian) }

// monthYearID is "Mei 2018"; a month of 0 is the year alone, a year of 0 the month alone.
func monthYearID(m time.Month, year int) string {
	return monthYear(loket.MonthName(m, loket.Indonesian), year)
}

// Optional fields and the complaint's kinds.
func (answerSkipped) Indonesian() string { return "(dilewati)" }
func (attachmentExpected) Indonesian() string {
	return "Langkah ini menunggu *tangkapan layar* (foto) atau *file PDF* (dokumen). Kirim filenya, atau ketik *lewati* bila tidak ada. Contoh: foto layar pesan error yang muncul."
}
func (m attachmentType) Indonesian() string {
	return fmt.Sprintf("File %s bukan gambar atau PDF. Kirim tangkapan layar (foto, JPG/PNG) atau PDF, atau ketik *lewati*. Contoh: foto layar pesan error.", m.Name)
}
func (m attachmentBoth) Indonesian() string {
	return fmt.Sprintf("File %s terbaca sebagai gambar sekaligus PDF, jadi tidak dapat diteruskan ke staf. Kirim tangkapan layar biasa (foto) atau PDF-nya saja, atau ketik *lewati*. Contoh: foto layar pesan error.", m.Name)
}
func (m attachmentTooLarge) Indonesian() string {
	return fmt.Sprintf("File Anda %.1f MB; paling besar 10 MB. Kirim tangkapan layar yang lebih kecil, atau ketik *lewati*. Contoh: satu foto layar saja.", float64(m.Size)/(1<<20))
}
func (attachmentBusy) Indonesian() string {
	return "Maaf, Loket sedang menerima banyak berkas. Mohon kirim berkas yang sama sekali lagi dalam satu menit, atau ketik *lewati*. Contoh: kirim lagi foto layarnya."
}
func (attachmentFailed) Indonesian() string {
	return "Maaf, file Anda gagal diunduh dari WhatsApp. Mohon kirim ulang, atau ketik *lewati*. Contoh: kirim lagi foto layarnya."
}
func (m attachmentPDFRefused) Indonesian() string {
	why, remedy := pdfFaultID(m.Fault)
	return fmt.Sprintf("File %s tidak dapat kami teruskan ke admin: %s. %s, kirim tangkapan layar (foto) sebagai gantinya, atau ketik *lewati*. Contoh: foto layar pesan error.", m.Name, why, remedy)
}

// pdfFaultID says why an attachment's PDF was refused, and what would make it pass.
func pdfFaultID(f pdfFault) (why, remedy string) {
	switch f {
	case pdfActive:
		return "PDF ini memuat konten aktif (skrip, file tersemat, atau perintah otomatis) yang tidak kami terima demi keamanan",
			"Simpan ulang sebagai PDF biasa (Cetak › Simpan sebagai PDF) lalu kirim lagi"
	case pdfLocked:
		return "PDF ini dikunci dengan kata sandi atau proteksi",
			"Simpan ulang tanpa kata sandi dan tanpa proteksi lalu kirim lagi"
	case pdfTooManyPages:
		return fmt.Sprintf("PDF ini berisi lebih dari %d halaman", letter.MaxPages),
			"Kirim hanya halaman yang penting (pilih halamannya saat menyimpan sebagai PDF)"
	case pdfUnpackedLarge:
		return "isi PDF ini terlalu besar untuk kami buka",
			"Simpan ulang dengan resolusi lebih rendah lalu kirim lagi"
	}
	return "PDF ini rusak atau tidak dapat kami baca",
		"Pastikan file terbuka di ponsel Anda, simpan ulang sebagai PDF lalu kirim lagi"
}
func (m subjectNotOwn) Indonesian() string {
	return fmt.Sprintf("Permohonan %s tidak ditemukan di antara permohonan Anda. Tulis nomor referensi permohonan Anda sendiri (lihat *status*), atau pilih nomor dari daftar. Contoh: 3", m.Ref)
}
