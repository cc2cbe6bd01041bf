package conversation

import "github.com/uns-dtik/loket"

// validationTexts holds a sentence for every error code the validators in validate.go
// and validate_date.go return: Indonesian first, then English. Each is a fmt format
// taking the error's Args in order (or by explicit index where the two languages need
// different arguments), and each tells the applicant what a valid answer looks like.
var validationTexts = loket.Texts{
	// NIP
	"nip_too_long": {
		"Jawaban Anda terlalu panjang untuk NIP. Mohon kirim 18 angka NIP saja. Contoh: 19860926 201505 1 001",
		"Your answer is too long for a NIP. Please send just the 18 digits of the NIP. Example: 19860926 201505 1 001",
	},
	"nip_not_digits": {
		"NIP hanya berisi angka, tetapi jawaban Anda memuat \"%s\" (periksa huruf O dan angka 0). Contoh: 19860926 201505 1 001",
		"A NIP has digits only, but your answer contains \"%s\" (check the letter O against the digit 0). Example: 19860926 201505 1 001",
	},
	"nip_length": {
		"NIP harus 18 angka (Anda mengirim %d). Contoh: 19860926 201505 1 001",
		"A NIP has 18 digits (you sent %d). Example: 19860926 201505 1 001",
	},
	"nip_birth_date": {
		"8 angka pertama NIP adalah tanggal lahir (tahun, bulan, tanggal), tetapi %s bukan tanggal yang ada. Mohon periksa kembali. Contoh: 19860926 201505 1 001",
		"The first 8 digits of a NIP are the birth date (year, month, day), but %s is not a real date. Please check it. Example: 19860926 201505 1 001",
	},
	"nip_appointment": {
		"Angka ke-9 sampai ke-14 NIP adalah tahun dan bulan pengangkatan, tetapi %s bukan tahun dan bulan yang benar. Mohon periksa kembali. Contoh: 19860926 201505 1 001",
		"Digits 9 to 14 of a NIP are the year and month of appointment, but %s is not a valid year and month. Please check it. Example: 19860926 201505 1 001",
	},
	"nip_appointment_future": {
		"Menurut NIP ini, pengangkatan terjadi pada %[1]s, yang belum tiba. Mohon periksa angka ke-9 sampai ke-14. Contoh: 19860926 201505 1 001",
		"By this NIP the appointment is in %[2]s, which has not come yet. Please check digits 9 to 14. Example: 19860926 201505 1 001",
	},
	"nip_appointment_age": {
		"Menurut NIP ini, pengangkatan (%[1]s) terjadi sebelum usia 18 tahun (lahir %[3]s). Mohon periksa 14 angka pertama NIP. Contoh: 19860926 201505 1 001",
		"By this NIP the appointment (%[2]s) came before the age of 18 (born %[4]s). Please check the first 14 digits. Example: 19860926 201505 1 001",
	},
	"nip_gender": {
		"Angka ke-15 NIP adalah kode jenis kelamin, yaitu 1 atau 2, bukan %s. Mohon periksa kembali. Contoh: 19860926 201505 1 001",
		"Digit 15 of a NIP is the sex code, 1 or 2, not %s. Please check it. Example: 19860926 201505 1 001",
	},
	"nip_serial": {
		"3 angka terakhir NIP adalah nomor urut dan tidak mungkin 000. Mohon periksa kembali. Contoh: 19860926 201505 1 001",
		"The last 3 digits of a NIP are a serial number and cannot be 000. Please check it. Example: 19860926 201505 1 001",
	},

	// E-mail
	"email_too_long": {
		"Alamat email paling panjang %d karakter. Mohon kirim alamat email saja. Contoh: budi.santoso@staff.uns.ac.id",
		"An e-mail address has at most %d characters. Please send just the address. Example: budi.santoso@staff.uns.ac.id",
	},
	"email_spaces": {
		"Alamat email tidak boleh mengandung spasi. Mohon kirim alamatnya saja. Contoh: budi.santoso@staff.uns.ac.id",
		"An e-mail address cannot contain spaces. Please send just the address. Example: budi.santoso@staff.uns.ac.id",
	},
	"email_no_at": {
		"Alamat email harus memuat tanda @ dan nama domainnya. Contoh: budi.santoso@staff.uns.ac.id",
		"An e-mail address needs an @ and its domain. Example: budi.santoso@staff.uns.ac.id",
	},
	"email_domain_invalid": {
		"Bagian sesudah @ (\"%s\") bukan nama domain yang benar. Mohon periksa kembali. Contoh: budi.santoso@staff.uns.ac.id",
		"The part after the @ (\"%s\") is not a valid domain name. Please check it. Example: budi.santoso@staff.uns.ac.id",
	},
	"email_invalid": {
		"Alamat email belum benar. Kirim alamatnya saja, tanpa nama atau tanda kutip, dengan huruf, angka, titik, tanda hubung atau garis bawah. Contoh: budi.santoso@staff.uns.ac.id",
		"That is not a valid e-mail address. Send just the address, without a name or quotes, using letters, digits, dots, hyphens or underscores. Example: budi.santoso@staff.uns.ac.id",
	},
	"email_domain": {
		"Email @%s tidak dapat dipakai untuk layanan ini. Gunakan email dengan domain %s. Contoh: %s",
		"An @%s address cannot be used for this service. Use an address at %s. Example: %s",
	},

	// Phone
	"phone_too_long": {
		"Jawaban Anda terlalu panjang untuk nomor HP. Mohon kirim nomornya saja. Contoh: 0812-3456-7890",
		"Your answer is too long for a phone number. Please send just the number. Example: 0812-3456-7890",
	},
	"phone_invalid": {
		"Itu bukan nomor HP yang benar. Mohon tulis nomor HP Indonesia dengan angka, diawali 08 atau +62. Contoh: 0812-3456-7890",
		"That is not a valid phone number. Please type an Indonesian mobile number in digits, starting with 08 or +62. Example: 0812-3456-7890",
	},
	"phone_length": {
		"Jumlah angka nomor HP tidak sesuai (Anda mengirim %d angka). Nomor HP Indonesia biasanya 10 sampai 13 angka, diawali 08. Contoh: 0812-3456-7890",
		"The number has the wrong number of digits (you sent %d). Indonesian mobile numbers usually have 10 to 13 digits, starting with 08. Example: 0812-3456-7890",
	},
	"phone_foreign": {
		"Nomor dengan kode negara %s bukan nomor Indonesia. Mohon tulis nomor HP Indonesia, diawali 08 atau +62. Contoh: 0812-3456-7890",
		"A number with country code %s is not Indonesian. Please type an Indonesian mobile number, starting with 08 or +62. Example: 0812-3456-7890",
	},
	"phone_not_mobile": {
		"Nomor %s adalah nomor telepon rumah/kantor, bukan nomor HP, sehingga tidak bisa dihubungi lewat WhatsApp. Mohon tulis nomor HP. Contoh: 0812-3456-7890",
		"%s is a landline number, not a mobile number, so it cannot be reached on WhatsApp. Please type a mobile number. Example: 0812-3456-7890",
	},

	// Counts: Args are the number as typed (where there is one), then min and max.
	"count_not_number": {
		"Mohon tulis jumlahnya dengan angka, dari %d sampai %d. Contoh: %[2]d",
		"Please type the number in digits, from %d to %d. Example: %[2]d",
	},
	"count_range": {
		"Mohon tulis satu angka saja (perkiraan tertinggi), dari %d sampai %d, bukan rentang. Contoh: %[2]d",
		"Please type a single number (your highest estimate), from %d to %d, not a range. Example: %[2]d",
	},
	"count_fraction": {
		"Jumlah harus bilangan bulat, bukan pecahan (Anda menulis %s). Mohon tulis angka dari %d sampai %d. Contoh: %[3]d",
		"The number must be whole, not a fraction (you wrote %s). Please type a number from %d to %d. Example: %[3]d",
	},
	"count_too_small": {
		"Jumlah paling sedikit %[2]d (Anda menulis %[1]s). Mohon tulis angka dari %[2]d sampai %[3]d. Contoh: %[3]d",
		"The number must be at least %[2]d (you wrote %[1]s). Please type a number from %[2]d to %[3]d. Example: %[3]d",
	},
	"count_too_large": {
		"Jumlah paling banyak %[3]d (Anda menulis %[1]s). Mohon tulis angka dari %[2]d sampai %[3]d. Contoh: %[3]d",
		"The number can be at most %[3]d (you wrote %[1]s). Please type a number from %[2]d to %[3]d. Example: %[3]d",
	},

	// Free text
	"text_control": {
		"Jawaban Anda memuat karakter yang tidak bisa ditampilkan. Mohon ketik ulang jawabannya sebagai teks biasa, misalnya: Seminar Nasional Teknologi Informasi 2026",
		"Your answer contains characters that cannot be shown. Please type it again as plain text, e.g. National Seminar on Information Technology 2026",
	},
	"text_empty": {
		"Jawaban masih kosong. Mohon tulis jawabannya, misalnya: Seminar Nasional Teknologi Informasi 2026",
		"The answer is empty. Please type your answer, e.g. National Seminar on Information Technology 2026",
	},
	"text_no_letters": {
		"Jawaban harus memuat huruf atau angka, tidak hanya simbol atau emoji. Mohon tulis dengan kata-kata, misalnya: Seminar Nasional Teknologi Informasi 2026",
		"The answer must contain letters or digits, not only symbols or emoji. Please use words, e.g. National Seminar on Information Technology 2026",
	},
	"text_too_short": {
		"Jawaban terlalu singkat (%d karakter). Mohon tulis lebih lengkap, paling sedikit %d karakter, misalnya: Seminar Nasional Teknologi Informasi 2026",
		"The answer is too short (%d characters). Please give more detail, at least %d characters, e.g. National Seminar on Information Technology 2026",
	},
	"text_too_long": {
		"Jawaban terlalu panjang (%d karakter). Mohon ringkas menjadi paling banyak %d karakter, misalnya: Seminar Nasional Teknologi Informasi 2026",
		"The answer is too long (%d characters). Please shorten it to at most %d characters, e.g. National Seminar on Information Technology 2026",
	},

	// Event e-mail username
	"username_length": {
		"Username harus 3 sampai 30 karakter (Anda mengirim %d). Contoh: semnas-ti2026",
		"The username must have 3 to 30 characters (you sent %d). Example: semnas-ti2026",
	},
	"username_domain": {
		"Akun ini selalu berakhiran @%[2]s, bukan @%[1]s. Cukup tulis username-nya saja. Contoh: semnas-ti2026",
		"These accounts always end in @%[2]s, not @%[1]s. Just type the username. Example: semnas-ti2026",
	},
	"username_space": {
		"Username tidak boleh mengandung spasi; gunakan titik atau tanda hubung. Contoh: semnas-ti2026",
		"The username cannot contain spaces; use a dot or a hyphen instead. Example: semnas-ti2026",
	},
	"username_chars": {
		"Username hanya boleh berisi huruf kecil a-z, angka, titik dan tanda hubung; \"%s\" tidak boleh dipakai. Contoh: semnas-ti2026",
		"The username may only contain lower-case letters a-z, digits, dots and hyphens; \"%s\" is not allowed. Example: semnas-ti2026",
	},
	"username_start": {
		"Username harus diawali huruf. Contoh: semnas-ti2026",
		"The username must start with a letter. Example: semnas-ti2026",
	},
	"username_double_punct": {
		"Username tidak boleh memuat dua tanda baca berurutan (\"%s\"). Contoh: semnas-ti2026",
		"The username cannot have two punctuation marks in a row (\"%s\"). Example: semnas-ti2026",
	},
	"username_end": {
		"Username harus diakhiri huruf atau angka, bukan titik atau tanda hubung. Contoh: semnas-ti2026",
		"The username must end with a letter or digit, not a dot or hyphen. Example: semnas-ti2026",
	},

	// Dates
	"date_too_long": {
		"Jawaban Anda terlalu panjang untuk sebuah tanggal. Mohon kirim tanggalnya saja. Contoh: 12 Desember 2026, 12/12/2026, atau besok",
		"Your answer is too long for a date. Please send just the date. Example: 12 December 2026, 12/12/2026, or tomorrow",
	},
	"date_unrecognised": {
		"Maaf, tanggal itu tidak saya kenali. Mohon tulis tanggal, bulan dan tahun. Contoh: 12 Desember 2026, 12/12/2026, atau besok",
		"Sorry, I do not recognise that date. Please give the day, month and year. Example: 12 December 2026, 12/12/2026, or tomorrow",
	},
	"date_weekday_only": {
		"Mohon tulis tanggal lengkapnya, tidak hanya nama hari. Contoh: Sabtu, 12 Desember 2026",
		"Please give the full date, not only the day of the week. Example: Saturday, 12 December 2026",
	},
	"date_unknown_month": {
		"Nama bulan \"%s\" tidak saya kenali. Mohon periksa ejaannya. Contoh: 12 Desember 2026 atau 12/12/2026",
		"I do not recognise the month \"%s\". Please check the spelling. Example: 12 December 2026 or 12/12/2026",
	},
	"date_invalid_month": {
		"Bulan %s tidak ada; bulan hanya 1 sampai 12. Tulis tanggal dengan urutan hari/bulan/tahun. Contoh: 12/12/2026",
		"There is no month %s; months run from 1 to 12. Write the date as day/month/year. Example: 12/12/2026",
	},
	"date_no_day": {
		"Tanggal berapa di bulan %[1]s %[3]s? Mohon tulis tanggal lengkapnya. Contoh: 12 %[1]s %[3]s",
		"Which day of %[2]s %[3]s? Please give the full date. Example: 12 %[2]s %[3]s",
	},
	"date_no_year": {
		"Tahun berapa? Mohon tulis tanggal lengkap dengan tahunnya. Contoh: %[1]d %[2]s %[4]d",
		"Which year? Please give the full date with the year. Example: %[1]d %[3]s %[4]d",
	},
	"date_bad_year": {
		"Tahun %s tidak benar. Mohon tulis tahun dengan 4 angka. Contoh: 12 Desember 2026",
		"The year %s is not valid. Please write the year with 4 digits. Example: 12 December 2026",
	},
	"date_invalid_day": {
		"Tanggal %[1]d %[2]s%[5]s tidak ada: %[2]s%[5]s hanya sampai tanggal %[4]d. Mohon periksa kembali. Contoh: %[4]d %[2]s%[5]s",
		"There is no %[1]d %[3]s%[5]s: %[3]s%[5]s only has %[4]d days. Please check the date. Example: %[4]d %[3]s%[5]s",
	},
	"date_weekday_mismatch": {
		"%[1]s jatuh pada hari %[2]s, bukan %[3]s. Mohon periksa tanggal atau harinya. Contoh: %[2]s, %[1]s",
		"%[4]s is a %[5]s, not a %[6]s. Please check the date or the day. Example: %[5]s, %[4]s",
	},
}
