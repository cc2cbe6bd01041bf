package backoffice

import "github.com/uns-dtik/loket"

// texts is every sentence the back office says. Staff read Indonesian; what the
// applicant is told has an English twin for applicants who chose English.
var texts = loket.Texts{
	"unknown_command":       {"Perintah %s tidak dikenal. Ketik /bantuan untuk daftar perintah.", ""},
	"not_built":             {"Perintah %s belum tersedia di Loket versi ini. Untuk sementara, tangani lewat eservice.", ""},
	"ref_required":          {"Sebutkan nomor referensi, contoh: /%s ZM-2026-0007, atau balas (quote) pesan notifikasi permohonannya dengan /%s.", ""},
	"ref_unknown":           {"Permohonan %s tidak ditemukan. Periksa nomor referensinya, atau lihat /antrian.", ""},
	"quoted_unknown":        {"Pesan yang Anda balas bukan notifikasi permohonan. Sebutkan nomor referensinya, contoh: /lihat ZM-2026-0007.", ""},
	"reason_required":       {"Alasan penolakan wajib diisi, contoh: /tolak ZM-2026-0007 surat belum distempel.", ""},
	"moved":                 {"✅ %s sekarang: %s.", ""},
	"wrong_state":           {"%s sudah berstatus *%s* (%s); perintah ini tidak berlaku lagi.", ""},
	"not_yet":               {"%s masih berstatus *%s*; perintah ini baru berlaku setelah %s.", ""},
	"needs_dispose":         {"permohonan diverifikasi admin", ""},
	"needs_done":            {"permohonan didisposisikan pimpinan", ""},
	"by_at":                 {"oleh %s pada %s", ""},
	"not_assignee":          {"%s tidak didisposisikan kepada Anda; hanya staf yang ditunjuk (atau pimpinan) yang dapat menyelesaikannya.", ""},
	"role_verify":           {"Hanya admin yang dapat memverifikasi permohonan.", ""},
	"role_revise":           {"Hanya admin yang dapat meminta revisi.", ""},
	"role_reject":           {"Hanya admin atau pimpinan yang dapat menolak permohonan.", ""},
	"role_dispose":          {"Hanya pimpinan yang dapat mendisposisikan permohonan.", ""},
	"role_done":             {"Hanya staf yang ditunjuk atau pimpinan yang dapat menyelesaikan permohonan.", ""},
	"role_staf":             {"Hanya pimpinan yang dapat mengelola daftar staf.", ""},
	"dispose_who":           {"Sebutkan staf tujuan, contoh: /disposisi ZM-2026-0007 Andi mohon diproses hari ini.", ""},
	"staff_unknown":         {"Tidak ada staf (peran staf) bernama atau bernomor \"%s\". Lihat /staf untuk daftarnya.", ""},
	"staff_ambiguous":       {"\"%s\" cocok dengan beberapa staf:\n%s\nSebutkan lebih lengkap atau pakai nomornya, contoh: /disposisi %s 6281100000003.", ""},
	"overdue_mark":          {" ⚠️ *lewat SLA* (%d hari kerja)", ""},
	"queue_empty":           {"Antrian Anda kosong. 🎉", ""},
	"queue":                 {"*Antrian Anda* (terlama dulu)\n%s\n\nKetik /lihat <nomor referensi> untuk detail.", ""},
	"staff_none":            {"Belum ada staf terdaftar.", ""},
	"staff_list":            {"*Staf Loket*", ""},
	"staff_add_usage":       {"Format: /staf tambah <nomor> <peran: admin|pimpinan|staf> <nama>, contoh: /staf tambah 081100000003 staf Andi Pratama. Hapus: /staf hapus <nomor> [peran].", ""},
	"staff_remove_usage":    {"Format: /staf hapus <nomor> [peran], contoh: /staf hapus 081100000003 staf.", ""},
	"staff_last_pimpinan":   {"Tidak dapat dicabut: ia satu-satunya pimpinan. Tambahkan pimpinan lain dulu (/staf tambah <nomor> pimpinan <nama>).", ""},
	"staff_nothing_removed": {"%s tidak memegang peran itu; tidak ada yang dicabut. Lihat /staf untuk daftarnya.", ""},
	"staff_added":           {"✅ %s (%s) sekarang berperan %s.", ""},
	"staff_removed":         {"✅ %d peran dicabut dari %s.", ""},
	"help_head":             {"*Perintah staf Loket* (bisa juga dengan membalas/quote notifikasi, tanpa nomor referensi)", ""},
	"help_all":              {"/antrian — permohonan yang menunggu Anda\n/lihat ZM-2026-0007 — detail, riwayat dan surat\n/bantuan — daftar ini", ""},
	"help_admin":            {"/verifikasi ZM-2026-0007 [catatan] — surat sudah benar\n/revisi ZM-2026-0007 <catatan> — minta pemohon memperbaiki\n/tolak ZM-2026-0007 <alasan> — tolak permohonan", ""},
	"help_pimpinan":         {"/disposisi ZM-2026-0007 <nama atau nomor staf> [catatan]\n/tolak ZM-2026-0007 <alasan>\n/selesai ZM-2026-0007 [catatan]\n/staf, /staf tambah <nomor> <peran> <nama>, /staf hapus <nomor> [peran]", ""},
	"help_staf":             {"/selesai ZM-2026-0007 [catatan] — pekerjaan selesai, pemohon diberi tahu", ""},
	"search_usage":          {"Tulis 3 sampai 100 huruf yang dicari, contoh: /cari semnas atau /cari budi.santoso@staff.uns.ac.id", ""},
	"note_too_long":         {"Catatan terlalu panjang (%d karakter); paling banyak %d karakter. Ringkas lalu kirim lagi perintahnya.", ""},
	"search_none":           {"Tidak ada permohonan yang cocok dengan \"%s\".", ""},
	"search_found":          {"*Hasil pencarian \"%s\"* (terbaru dulu)\n%s\n\nKetik /lihat <nomor referensi> untuk detail.", ""},
	"stats_head":            {"*Statistik Loket*", ""},
	"stats_empty":           {"Belum ada permohonan.", ""},
	"stats_stages":          {"*Median waktu per tahap*", ""},
	"stage_submitted":       {"menunggu verifikasi admin", ""},
	"stage_verified":        {"menunggu disposisi pimpinan", ""},
	"stage_disposed":        {"dikerjakan staf", ""},
	"stats_overdue":         {"*Lewat tenggat SLA*: %d dari %d permohonan yang masih berjalan", ""},
	"stats_questionnaire":   {"*Kuesioner* (%d dijawab)", ""},
	"stats_ratings":         {"• kecepatan %.1f · kemudahan %.1f · kepuasan %.1f (dari 5)", ""},
	"sla_reminder":          {"⏰ *Pengingat SLA*: %s — %s masih %s setelah %d hari kerja (target %d hari kerja). Balas pesan ini dengan %s.", ""},
	"digest":                {"☀️ *Ringkasan harian Loket* %s\n\n*Baru* (24 jam terakhir): %d\n%s\n\n*Menunggu*: %d\n%s\n\n*Lewat tenggat SLA*: %d\n%s\n\nKetik /antrian untuk antrian Anda.", ""},
	"questionnaire_reminder": {"Pengingat: kuesioner layanan Anda belum dijawab; jawaban Anda membantu DTIK (SOP aturan 5).",
		"Reminder: your service questionnaire is not answered yet; your answers help DTIK (SOP rule 5)."},
	"note_line": {"Catatan: %s", ""},
	"notify_admin": {
		"📥 *Permohonan baru*\n%s\n\nPeriksa suratnya (terlampir), lalu balas pesan ini dengan /verifikasi [catatan], /revisi <catatan>, atau /tolak <alasan>. (Nomor referensi: %s)", ""},
	"notify_pimpinan": {
		"📨 *Permohonan terverifikasi — menunggu disposisi*\n%s\n\nDiverifikasi oleh %s.%s\n\nBalas pesan ini dengan /disposisi <nama atau nomor staf> [catatan], atau /tolak <alasan>.", ""},
	"notify_staf": {
		"🛠️ *Disposisi dari %s*\n%s%s\n\nSetelah selesai dikerjakan, balas pesan ini dengan /selesai [catatan].", ""},
	"notify_admin_corrected": {
		"🔁 *Permohonan diperbaiki pemohon*\n%s\n\nPeriksa lagi (surat terlampir), lalu balas pesan ini dengan /verifikasi [catatan], /revisi <catatan>, atau /tolak <alasan>. (Nomor referensi: %s)", ""},
	"revision_note_required": {"Tulis apa yang perlu diperbaiki, contoh: /revisi ZM-2026-0007 surat belum distempel.", ""},
	"applicant_revision": {
		"Permohonan *%s* Anda perlu diperbaiki. Catatan admin DTIK: %s\nBalas *perbaiki %s* untuk membuka kembali isian Anda, ubah yang perlu (termasuk mengirim surat baru), lalu *kirim*.",
		"Your request *%s* needs a correction. DTIK's admin says: %s\nReply *fix %s* to reopen your answers, change what is needed (a new letter too), then *submit*."},
	"applicant_verified": {
		"Permohonan *%s* Anda sudah diverifikasi admin DTIK dan diteruskan ke pimpinan untuk didisposisikan.",
		"Your request *%s* was verified by DTIK's admin and passed to the head for assignment."},
	"applicant_disposed": {
		"Permohonan *%s* Anda sedang dikerjakan oleh staf DTIK.",
		"Your request *%s* is now being handled by DTIK staff."},
	"applicant_rejected": {
		"Mohon maaf, permohonan *%s* Anda ditolak. Alasan: %s\nBila ada pertanyaan, hubungi DTIK di tik@unit.uns.ac.id.",
		"We are sorry: your request *%s* was rejected. Reason: %s\nFor questions, contact DTIK at tik@unit.uns.ac.id."},
	"applicant_done": {
		"✅ Permohonan *%s* Anda sudah selesai.\n%s",
		"✅ Your request *%s* is done.\n%s"},
	"notify_cancelled": {"ℹ️ Permohonan *%s* dibatalkan oleh pemohon; tidak perlu ditindaklanjuti.", ""},
	"cancel_not_found": {"Permohonan %s tidak ditemukan di antara permohonan Anda. Ketik *status* untuk melihat daftar permohonan Anda.",
		"Request %s was not found among your requests. Type *status* to see your list."},
	"cancel_too_late": {"Permohonan *%s* sudah %s, jadi tidak dapat dibatalkan lewat chat lagi. Hubungi DTIK di tik@unit.uns.ac.id bila perlu.",
		"Request *%s* is already %s, so it can no longer be cancelled by chat. Contact DTIK at tik@unit.uns.ac.id if needed."},
	"cancelled":        {"Permohonan *%s* sudah dibatalkan. DTIK sudah diberi tahu.", "Request *%s* has been cancelled. DTIK has been told."},
	"applicant_note":   {"Catatan dari staf DTIK: %s", "Note from DTIK staff: %s"},
	"status_submitted": {"diajukan", "submitted"},
	"status_revision":  {"perlu revisi", "needs revision"},
	"status_verified":  {"terverifikasi", "verified"},
	"status_disposed":  {"didisposisikan", "assigned"},
	"status_done":      {"selesai", "done"},
	"status_rejected":  {"ditolak", "rejected"},
	"status_cancelled": {"dibatalkan", "cancelled"},
}

// say returns an Indonesian sentence (staff read Indonesian).
func say(code string) string { return sayIn(loket.Indonesian, code) }

// sayIn returns the sentence in lang (Indonesian where no English exists), with args;
// an unknown code is shown as is rather than hidden.
func sayIn(lang loket.Lang, code string, args ...any) string {
	if text, ok := texts.Say(lang, code, args...); ok {
		return text
	}
	return code
}
