package conversation

import (
	"fmt"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation/letter"
)

// The refusals (refusals.go, letter_text.go) in Bahasa Indonesia: one method per
// sentence, so a refusal without its Indonesian does not compile. refusals_en.go is
// the same in English; text_id.go has the rest of the dialog.

// The validators' refusals: each says what a valid answer looks like.
func (nipTooLong) Indonesian() string {
	return "Jawaban Anda terlalu panjang untuk NIP. Mohon kirim 18 angka NIP saja. Contoh: 19860926 201505 1 001"
}
func (m nipNotDigits) Indonesian() string {
	return fmt.Sprintf("NIP hanya berisi angka, tetapi jawaban Anda memuat \"%s\" (periksa huruf O dan angka 0). Contoh: 19860926 201505 1 001", m.Char)
}
func (m nipLength) Indonesian() string {
	return fmt.Sprintf("NIP harus 18 angka (Anda mengirim %d). Contoh: 19860926 201505 1 001", m.Digits)
}
func (m nipBirthDate) Indonesian() string {
	return fmt.Sprintf("8 angka pertama NIP adalah tanggal lahir (tahun, bulan, tanggal), tetapi %s bukan tanggal yang ada. Mohon periksa kembali. Contoh: 19860926 201505 1 001", m.Typed)
}
func (m nipAppointment) Indonesian() string {
	return fmt.Sprintf("Angka ke-9 sampai ke-14 NIP adalah tahun dan bulan pengangkatan, tetapi %s bukan tahun dan bulan yang benar. Mohon periksa kembali. Contoh: 19860926 201505 1 001", m.Typed)
}
func (m nipGender) Indonesian() string {
	return fmt.Sprintf("Angka ke-15 NIP adalah kode jenis kelamin, yaitu 1 atau 2, bukan %s. Mohon periksa kembali. Contoh: 19860926 201505 1 001", m.Typed)
}
func (nipSerial) Indonesian() string {
	return "3 angka terakhir NIP adalah nomor urut dan tidak mungkin 000. Mohon periksa kembali. Contoh: 19860926 201505 1 001"
}
func (m emailTooLong) Indonesian() string {
	return fmt.Sprintf("Alamat email paling panjang %d karakter. Mohon kirim alamat email saja. Contoh: budi.santoso@staff.uns.ac.id", m.Max)
}
func (emailSpaces) Indonesian() string {
	return "Alamat email tidak boleh mengandung spasi. Mohon kirim alamatnya saja. Contoh: budi.santoso@staff.uns.ac.id"
}
func (emailNoAt) Indonesian() string {
	return "Alamat email harus memuat tanda @ dan nama domainnya. Contoh: budi.santoso@staff.uns.ac.id"
}
func (m emailDomainInvalid) Indonesian() string {
	return fmt.Sprintf("Bagian sesudah @ (\"%s\") bukan nama domain yang benar. Mohon periksa kembali. Contoh: budi.santoso@staff.uns.ac.id", m.Domain)
}
func (emailInvalid) Indonesian() string {
	return "Alamat email belum benar. Kirim alamatnya saja, tanpa nama atau tanda kutip, dengan huruf, angka, titik, tanda hubung atau garis bawah. Contoh: budi.santoso@staff.uns.ac.id"
}
func (m emailDomain) Indonesian() string {
	return fmt.Sprintf("Email @%s tidak dapat dipakai untuk layanan ini. Gunakan email dengan domain %s. Contoh: %s", m.Domain, m.Allowed, m.Example)
}
func (m countNotNumber) Indonesian() string {
	return fmt.Sprintf("Mohon tulis jumlahnya dengan angka, dari %d sampai %d. Contoh: %[2]d", m.Min, m.Max)
}
func (m countRange) Indonesian() string {
	return fmt.Sprintf("Mohon tulis satu angka saja (perkiraan tertinggi), dari %d sampai %d, bukan rentang. Contoh: %[2]d", m.Min, m.Max)
}
func (m countFraction) Indonesian() string {
	return fmt.Sprintf("Jumlah harus bilangan bulat, bukan pecahan (Anda menulis %s). Mohon tulis angka dari %d sampai %d. Contoh: %[3]d", m.Typed, m.Min, m.Max)
}
func (m countTooSmall) Indonesian() string {
	return fmt.Sprintf("Jumlah paling sedikit %[2]d (Anda menulis %[1]s). Mohon tulis angka dari %[2]d sampai %[3]d. Contoh: %[3]d", m.Typed, m.Min, m.Max)
}
func (m countTooLarge) Indonesian() string {
	return fmt.Sprintf("Jumlah paling banyak %[3]d (Anda menulis %[1]s). Mohon tulis angka dari %[2]d sampai %[3]d. Contoh: %[3]d", m.Typed, m.Min, m.Max)
}
func (textControl) Indonesian() string {
	return "Jawaban Anda memuat karakter yang tidak bisa ditampilkan. Mohon ketik ulang jawabannya sebagai teks biasa, misalnya: Seminar Nasional Teknologi Informasi 2026"
}
func (textEmpty) Indonesian() string {
	return "Jawaban masih kosong. Mohon tulis jawabannya, misalnya: Seminar Nasional Teknologi Informasi 2026"
}
func (textNoLetters) Indonesian() string {
	return "Jawaban harus memuat huruf atau angka, tidak hanya simbol atau emoji. Mohon tulis dengan kata-kata, misalnya: Seminar Nasional Teknologi Informasi 2026"
}
func (m textTooShort) Indonesian() string {
	return fmt.Sprintf("Jawaban terlalu singkat (%d karakter). Mohon tulis lebih lengkap, paling sedikit %d karakter, misalnya: Seminar Nasional Teknologi Informasi 2026", m.Length, m.Min)
}
func (m textTooLong) Indonesian() string {
	return fmt.Sprintf("Jawaban terlalu panjang (%d karakter). Mohon ringkas menjadi paling banyak %d karakter, misalnya: Seminar Nasional Teknologi Informasi 2026", m.Length, m.Max)
}
func (m usernameLength) Indonesian() string {
	return fmt.Sprintf("Username harus 3 sampai 30 karakter (Anda mengirim %d). Contoh: semnas-ti2026", m.Length)
}
func (m usernameDomain) Indonesian() string {
	return fmt.Sprintf("Akun ini selalu berakhiran @%[2]s, bukan @%[1]s. Cukup tulis username-nya saja. Contoh: semnas-ti2026", m.Typed, m.Domain)
}
func (usernameSpace) Indonesian() string {
	return "Username tidak boleh mengandung spasi; gunakan titik atau tanda hubung. Contoh: semnas-ti2026"
}
func (m usernameChars) Indonesian() string {
	return fmt.Sprintf("Username hanya boleh berisi huruf kecil a-z, angka, titik dan tanda hubung; \"%s\" tidak boleh dipakai. Contoh: semnas-ti2026", m.Char)
}
func (usernameStart) Indonesian() string {
	return "Username harus diawali huruf. Contoh: semnas-ti2026"
}
func (m usernameDoublePunct) Indonesian() string {
	return fmt.Sprintf("Username tidak boleh memuat dua tanda baca berurutan (\"%s\"). Contoh: semnas-ti2026", m.Typed)
}
func (usernameEnd) Indonesian() string {
	return "Username harus diakhiri huruf atau angka, bukan titik atau tanda hubung. Contoh: semnas-ti2026"
}
func (dateTooLong) Indonesian() string {
	return "Jawaban Anda terlalu panjang untuk sebuah tanggal. Mohon kirim tanggalnya saja. Contoh: 12 Desember 2026, 12/12/2026, atau besok"
}
func (dateUnrecognised) Indonesian() string {
	return "Maaf, tanggal itu tidak saya kenali. Mohon tulis tanggal dan bulannya (tahun boleh ditulis), atau nama harinya. Contoh: 12 Desember 2026, 12/12, Jumat, atau besok"
}
func (dateWeekdayOnly) Indonesian() string {
	return "Mohon tulis tanggal lengkapnya, tidak hanya nama hari. Contoh: Sabtu, 12 Desember 2026"
}
func (m dateUnknownMonth) Indonesian() string {
	return fmt.Sprintf("Nama bulan \"%s\" tidak saya kenali. Mohon periksa ejaannya. Contoh: 12 Desember 2026 atau 12/12/2026", m.Typed)
}
func (m dateInvalidMonth) Indonesian() string {
	return fmt.Sprintf("Bulan %s tidak ada; bulan hanya 1 sampai 12. Tulis tanggal dengan urutan hari/bulan/tahun. Contoh: 12/12/2026", m.Typed)
}
func (m dateBadYear) Indonesian() string {
	return fmt.Sprintf("Tahun %s tidak benar. Mohon tulis tahun dengan 4 angka. Contoh: 12 Desember 2026", m.Typed)
}

// The letter checker's refusals (package letter): each says what is wrong and what
// to send instead, because the dialog stays on the letter step.
func (letterNotPDF) Indonesian() string {
	return "File ini bukan PDF. Kirim surat permohonan sebagai dokumen PDF hasil scan yang sudah ditandatangani pimpinan dan distempel."
}
func (letterTruncated) Indonesian() string {
	return "File surat tidak utuh (terpotong); kirim ulang. Pastikan file selesai terunduh atau tersimpan dan terbuka lengkap di ponsel Anda, lalu kirim lagi sebagai dokumen PDF."
}
func (letterBroken) Indonesian() string {
	return "File PDF ini rusak atau tidak dapat dibaca. Scan ulang atau simpan ulang surat sebagai PDF, pastikan file terbuka di ponsel Anda, lalu kirim lagi sebagai dokumen."
}
func (letterEncrypted) Indonesian() string {
	return "File PDF ini dikunci dengan kata sandi atau proteksi, sehingga tidak dapat kami proses. Simpan ulang surat sebagai PDF tanpa kata sandi dan tanpa proteksi, lalu kirim lagi."
}
func (letterNoPages) Indonesian() string {
	return "File PDF ini tidak berisi halaman apa pun. Kirim PDF hasil scan surat permohonan yang lengkap."
}
func (m letterTooManyPages) Indonesian() string {
	return fmt.Sprintf("File PDF ini berisi lebih dari %d halaman, padahal surat permohonan biasanya 1–5 halaman. Kirim hanya surat permohonannya saja, tanpa lampiran lain.", m.Max)
}
func (letterActiveContent) Indonesian() string {
	return "File PDF ini memuat konten aktif (skrip, file tersemat, atau perintah otomatis) yang tidak kami terima demi keamanan. Simpan ulang surat sebagai PDF biasa (Cetak › Simpan sebagai PDF) atau scan ulang, lalu kirim lagi."
}
func (letterUnreadable) Indonesian() string {
	return "Maaf, file PDF ini tidak dapat kami baca: isinya rusak atau susunannya tidak wajar. Simpan ulang surat sebagai PDF biasa (Cetak › Simpan sebagai PDF) atau scan ulang, lalu kirim lagi."
}
func (letterBusy) Indonesian() string {
	return "Maaf, pemeriksaan surat sedang sibuk. Mohon kirim file PDF yang sama sekali lagi dalam satu menit."
}

// Refusals of dates, months and sizes.
func (m nipAppointmentFuture) Indonesian() string {
	return fmt.Sprintf("Menurut NIP ini, pengangkatan terjadi pada %s, yang belum tiba. Mohon periksa angka ke-9 sampai ke-14. Contoh: 19860926 201505 1 001", monthYearID(m.Month, m.Year))
}

func (m nipAppointmentAge) Indonesian() string {
	return fmt.Sprintf("Menurut NIP ini, pengangkatan (%s) terjadi sebelum usia 18 tahun (lahir %s). Mohon periksa 14 angka pertama NIP. Contoh: 19860926 201505 1 001", monthYearID(m.Month, m.Year), dayID(m.Born))
}

func (m dateNoDay) Indonesian() string {
	return fmt.Sprintf("Tanggal berapa di bulan %[1]s %[2]s? Mohon tulis tanggal lengkapnya. Contoh: 12 %[1]s %[2]s", loket.MonthName(m.Month, loket.Indonesian), m.Year)
}

func (m dateNoLeapDay) Indonesian() string {
	return fmt.Sprintf("Tanggal 29 Februari berikutnya baru ada pada tahun %[2]d; Februari %[1]d hanya sampai tanggal 28. Maksud Anda 28 Februari %[1]d atau 1 Maret %[1]d? Mohon tulis tanggal lengkap dengan tahunnya. Contoh: 28 Februari %[1]d", m.Year, m.Leap)
}

func (m dateSundayOrWeek) Indonesian() string {
	return fmt.Sprintf("\"Minggu\" bisa berarti hari Minggu atau satu pekan. Bila yang Anda maksud hari Minggu (%s), balas *hari Minggu*; bila bukan, tulis tanggalnya. Contoh: %s", dateID(m.Sunday), dayID(m.Sunday))
}

func (m dateWeek) Indonesian() string {
	return fmt.Sprintf("Itu satu pekan (%s sampai %s), bukan satu hari. Tanggal berapa tepatnya? Contoh: %s", dateID(m.From), dateID(m.To), dayID(m.From))
}

func (m dateWhichDay) Indonesian() string {
	return fmt.Sprintf("Maksud Anda %s atau %s? Mohon tulis tanggalnya. Contoh: %s", dateID(m.First), dateID(m.Second), dayID(m.Second))
}

func (m dateInvalidDay) Indonesian() string {
	return fmt.Sprintf("Tanggal %[1]d %[2]s tidak ada: %[2]s hanya sampai tanggal %[3]d. Mohon periksa kembali. Contoh: %[3]d %[2]s", m.Day, monthYearID(m.Month, m.Year), m.Days)
}

func (m dateWeekdayMismatch) Indonesian() string {
	return fmt.Sprintf("%[1]s jatuh pada hari %[2]s, bukan %[3]s. Mohon periksa tanggal atau harinya. Contoh: %[2]s, %[1]s", dayID(m.Date), loket.WeekdayName(m.Date.Weekday(), loket.Indonesian), loket.WeekdayName(m.Typed, loket.Indonesian))
}

func (m letterTooLarge) Indonesian() string {
	return fmt.Sprintf("File surat Anda %s MB, melebihi batas 10 MB. Scan ulang dengan resolusi lebih rendah (mis. 150 dpi, hitam-putih), lalu kirim lagi sebagai dokumen PDF.", letter.Megabytes(m.Size))
}

func (m letterUnpackedTooLarge) Indonesian() string {
	return fmt.Sprintf("Isi file PDF ini terlalu besar setelah dibuka (lebih dari %d MB). Scan ulang surat dengan resolusi lebih rendah (mis. 150 dpi) atau simpan ulang sebagai PDF biasa, lalu kirim lagi.", m.Limit>>20)
}
