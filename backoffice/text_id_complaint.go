package backoffice

import "fmt"

// The complaints' sentences in Bahasa Indonesia: text_id.go's, kept apart only
// because that file would pass 400 lines; text_en.go renders the applicant's ones.

func (m notifyComplaint) Indonesian() string {
	return fmt.Sprintf("📣 *Keluhan baru*\n%s\n\nBalas pesan ini dengan /tanggapi <jawaban>; jawaban Anda dikirim ke pemohon. Setelah tuntas: /selesai [catatan]. (Nomor referensi: %s)", m.Summary, m.Ref)
}
func (m answerRequired) Indonesian() string {
	return fmt.Sprintf("Tulis tanggapan untuk pemohon, contoh: /tanggapi %s Undangan sudah kami kirim ulang, mohon cek folder spam.", m.Ref)
}
func (m notForKind) Indonesian() string {
	next := ""
	if m.Next != "" {
		next = fmt.Sprintf(" Yang berlaku sekarang: /%s.", m.Next)
	}
	return fmt.Sprintf("Perintah /%s tidak berlaku untuk %s (%s).%s", m.Command, m.Ref, m.Title, next)
}
func (m applicantAnswered) Indonesian() string {
	return fmt.Sprintf("💬 Tanggapan DTIK atas keluhan *%s*:\n%s\n\nBila masih ada kendala, balas *keluhan* untuk keluhan baru.", m.Ref, m.Answer)
}
func (m applicantClosed) Indonesian() string {
	if m.Note == "" {
		return fmt.Sprintf("✅ Keluhan *%s* Anda sudah ditutup. Terima kasih.", m.Ref)
	}
	return fmt.Sprintf("✅ Keluhan *%s* Anda sudah ditutup. Catatan dari staf DTIK: %s", m.Ref, m.Note)
}
