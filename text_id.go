package loket

import "fmt"

// Every sentence of the root package in Bahasa Indonesia; text_en.go has the same in
// English.

func (phoneTooLong) Indonesian() string {
	return "Jawaban Anda terlalu panjang untuk nomor HP. Mohon kirim nomornya saja. Contoh: 0812-3456-7890"
}

func (phoneInvalid) Indonesian() string {
	return "Itu bukan nomor HP yang benar. Mohon tulis nomor HP Indonesia dengan angka, diawali 08 atau +62. Contoh: 0812-3456-7890"
}

func (m phoneLength) Indonesian() string {
	return fmt.Sprintf("Jumlah angka nomor HP tidak sesuai (Anda mengirim %d angka). Nomor HP Indonesia biasanya 10 sampai 13 angka, diawali 08. Contoh: 0812-3456-7890", m.Digits)
}

func (m phoneForeign) Indonesian() string {
	return fmt.Sprintf("Nomor dengan kode negara +%d bukan nomor Indonesia. Mohon tulis nomor HP Indonesia, diawali 08 atau +62. Contoh: 0812-3456-7890", m.CountryCode)
}

func (m phoneNotMobile) Indonesian() string {
	return fmt.Sprintf("Nomor %s adalah nomor telepon rumah/kantor, bukan nomor HP, sehingga tidak bisa dihubungi lewat WhatsApp. Mohon tulis nomor HP. Contoh: 0812-3456-7890", m.National)
}

func (m eventLine) Indonesian() string {
	if m.Event.From == "" {
		return fmt.Sprintf("diajukan oleh %s", m.Actor)
	}
	switch m.Event.To {
	case StatusSubmitted:
		return fmt.Sprintf("diajukan ulang oleh %s", m.Actor)
	case StatusRevision:
		return fmt.Sprintf("dikembalikan untuk perbaikan oleh %s", m.Actor)
	case StatusVerified:
		return fmt.Sprintf("diverifikasi oleh %s", m.Actor)
	case StatusDisposed:
		return fmt.Sprintf("didisposisikan oleh %s", m.Actor)
	case StatusDone:
		return fmt.Sprintf("diselesaikan oleh %s", m.Actor)
	case StatusAnswered:
		return fmt.Sprintf("ditanggapi oleh %s", m.Actor)
	case StatusRejected:
		return fmt.Sprintf("ditolak oleh %s", m.Actor)
	case StatusCancelled:
		return fmt.Sprintf("dibatalkan oleh %s", m.Actor)
	}
	return fmt.Sprintf("%s → %s (%s)", m.Event.From, m.Event.To, m.Actor)
}
