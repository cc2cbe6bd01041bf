package backoffice

import (
	"fmt"
	"strings"
	"time"

	"github.com/uns-dtik/loket"
)

// Everything the back office says in Bahasa Indonesia: to staff, and to applicants
// (who may have asked for English: text_en.go). One method per sentence of
// sentences.go, so a sentence without its Indonesian does not compile.

// To staff.
func (m unknownCommand) Indonesian() string {
	return fmt.Sprintf("Perintah %s tidak dikenal. Ketik /bantuan untuk daftar perintah.", m.Command)
}
func (m refRequired) Indonesian() string {
	return fmt.Sprintf("Sebutkan nomor referensi, contoh: /%s ZM-2026-0007, atau balas (quote) pesan yang menyebut permohonannya dengan /%s.", m.Command, m.Command)
}
func (m refUnknown) Indonesian() string {
	return fmt.Sprintf("Permohonan %s tidak ditemukan. Periksa nomor referensinya, atau lihat /antrian.", m.Ref)
}
func (m quotedUnknown) Indonesian() string {
	if len(m.Refs) > 1 {
		return fmt.Sprintf("Pesan yang Anda balas menyebut %d permohonan (%s). Sebutkan yang dimaksud, contoh: %s.",
			len(m.Refs), strings.Join(m.Refs, ", "), example(m.Command, m.Refs[0], m.Args))
	}
	return fmt.Sprintf("Pesan yang Anda balas tidak menyebut satu permohonan. Sebutkan nomor referensinya, contoh: %s, atau balas pesan yang menyebut permohonannya.",
		example(m.Command, "ZM-2026-0007", m.Args))
}

// example is the command typed again with a reference where it belongs:
// "/disposisi ZM-2026-0001 Andi Pratama".
func example(command, ref, args string) string {
	return strings.TrimSpace("/" + command + " " + ref + " " + args)
}

func (reasonRequired) Indonesian() string {
	return "Alasan penolakan wajib diisi, contoh: /tolak ZM-2026-0007 surat belum distempel."
}
func (m notAssignee) Indonesian() string {
	others := ""
	if len(m.Others) > 0 {
		others = fmt.Sprintf(" (atau %s)", roleList{Roles: m.Others}.Indonesian())
	}
	return fmt.Sprintf("%s tidak didisposisikan kepada Anda; hanya staf yang ditunjuk%s yang dapat menyelesaikannya.", m.Ref, others)
}
func (disposeWho) Indonesian() string {
	return "Sebutkan staf tujuan, contoh: /disposisi ZM-2026-0007 Andi mohon diproses hari ini."
}
func (roleStaf) Indonesian() string { return "Hanya pimpinan yang dapat mengelola daftar staf." }
func (m staffUnknown) Indonesian() string {
	return fmt.Sprintf("Tidak ada staf (peran staf) bernama atau bernomor \"%s\". Lihat /staf untuk daftarnya.", m.Who)
}
func (m staffAmbiguous) Indonesian() string {
	return fmt.Sprintf("\"%s\" cocok dengan beberapa staf:\n%s\nSebutkan lebih lengkap atau pakai nomornya, contoh: /disposisi %s 6281100000003.", m.Who, m.Names, m.Ref)
}
func (m overdueMark) Indonesian() string {
	return fmt.Sprintf(" ⚠️ *lewat SLA* (%d hari kerja)", m.Days)
}
func (queueEmpty) Indonesian() string { return "Antrian Anda kosong. 🎉" }
func (m queue) Indonesian() string {
	return fmt.Sprintf("*Antrian Anda* (terlama dulu)\n%s\n\nKetik /lihat <nomor referensi> untuk detail.", m.Rows)
}
func (staffNone) Indonesian() string { return "Belum ada staf terdaftar." }
func (staffList) Indonesian() string { return "*Staf Loket*" }
func (staffAddUsage) Indonesian() string {
	return "Format: /staf tambah <nomor> <peran: admin|pimpinan|staf> <nama>, contoh: /staf tambah 081100000003 staf Andi Pratama. Hapus: /staf hapus <nomor> [peran]."
}
func (staffRemoveUsage) Indonesian() string {
	return "Format: /staf hapus <nomor> [peran], contoh: /staf hapus 081100000003 staf."
}
func (staffLastPimpinan) Indonesian() string {
	return "Tidak dapat dicabut: ia satu-satunya pimpinan. Tambahkan pimpinan lain dulu (/staf tambah <nomor> pimpinan <nama>)."
}
func (m staffNothingRemoved) Indonesian() string {
	return fmt.Sprintf("%s tidak memegang peran itu; tidak ada yang dicabut. Lihat /staf untuk daftarnya.", m.Phone)
}
func (m staffAdded) Indonesian() string {
	return fmt.Sprintf("✅ %s (%s) sekarang berperan %s.", m.Name, m.Phone, m.Role)
}
func (m staffWelcome) Indonesian() string {
	return fmt.Sprintf("👋 Selamat datang, %s. Anda sekarang berperan *%s* di Loket. Yang sudah menunggu peran ini (terlama dulu):\n%s\n\nKetik /lihat <nomor referensi> untuk detail dan suratnya, /antrian untuk antrian Anda kapan saja, /bantuan untuk daftar perintah.", m.Name, m.Role, m.Rows)
}
func (m staffRemoved) Indonesian() string {
	return fmt.Sprintf("✅ %d peran dicabut dari %s.", m.Roles, m.Phone)
}
func (helpHead) Indonesian() string {
	return "*Perintah staf Loket* (bisa juga dengan membalas/quote notifikasi, tanpa nomor referensi)"
}
func (searchUsage) Indonesian() string {
	return "Tulis 3 sampai 100 huruf yang dicari, contoh: /cari semnas atau /cari budi.santoso@staff.uns.ac.id"
}
func (m noteTooLong) Indonesian() string {
	return fmt.Sprintf("Catatan terlalu panjang (%d karakter); paling banyak %d karakter. Ringkas lalu kirim lagi perintahnya.", m.Length, m.Max)
}
func (m searchNone) Indonesian() string {
	return fmt.Sprintf("Tidak ada permohonan yang cocok dengan \"%s\".", m.Text)
}
func (m searchFound) Indonesian() string {
	return fmt.Sprintf("*Hasil pencarian \"%s\"* (terbaru dulu)\n%s\n\nKetik /lihat <nomor referensi> untuk detail.", m.Text, m.Rows)
}
func (statsHead) Indonesian() string   { return "*Statistik Loket*" }
func (statsEmpty) Indonesian() string  { return "Belum ada permohonan." }
func (statsStages) Indonesian() string { return "*Median waktu per tahap*" }
func (m statsOverdue) Indonesian() string {
	return fmt.Sprintf("*Lewat tenggat SLA*: %d dari %d permohonan yang masih berjalan", m.Late, m.Open)
}
func (m statsQuestionnaire) Indonesian() string {
	return fmt.Sprintf("*Kuesioner* (%d dijawab)", m.Answered)
}
func (m statsRatings) Indonesian() string {
	return fmt.Sprintf("• kecepatan %.1f · kemudahan %.1f · kepuasan %.1f (dari 5)", m.Speed, m.Ease, m.Satisfaction)
}
func (m staffNote) Indonesian() string { return fmt.Sprintf("Catatan: %s", m.Note) }
func (m notifyAdmin) Indonesian() string {
	return fmt.Sprintf("📥 *Permohonan baru*\n%s\n\nPeriksa suratnya (terlampir), lalu balas pesan ini dengan /verifikasi [catatan], /revisi <catatan>, atau /tolak <alasan>. (Nomor referensi: %s)", m.Summary, m.Ref)
}
func (m notifyPimpinan) Indonesian() string {
	return fmt.Sprintf("📨 *Permohonan terverifikasi — menunggu disposisi*\n%s\n\nDiverifikasi oleh %s.%s\n\nBalas pesan ini dengan /disposisi <nama atau nomor staf> [catatan], atau /tolak <alasan>.", m.Summary, m.By, m.NoteLine)
}
func (m notifyStaf) Indonesian() string {
	return fmt.Sprintf("🛠️ *Disposisi dari %s*\n%s%s\n\nSetelah selesai dikerjakan, balas pesan ini dengan /selesai [catatan].", m.By, m.Summary, m.NoteLine)
}
func (m notifyAdminCorrected) Indonesian() string {
	return fmt.Sprintf("🔁 *Permohonan diperbaiki pemohon*\n%s\n\nPeriksa lagi (surat terlampir), lalu balas pesan ini dengan /verifikasi [catatan], /revisi <catatan>, atau /tolak <alasan>. (Nomor referensi: %s)", m.Summary, m.Ref)
}
func (revisionNoteRequired) Indonesian() string {
	return "Tulis apa yang perlu diperbaiki, contoh: /revisi ZM-2026-0007 surat belum distempel."
}
func (m notifyCancelled) Indonesian() string {
	return fmt.Sprintf("ℹ️ Permohonan *%s* dibatalkan oleh pemohon; tidak perlu ditindaklanjuti.", m.Ref)
}

// To applicants.
func (questionnaireReminder) Indonesian() string {
	return "Pengingat: kuesioner layanan Anda belum dijawab; jawaban Anda membantu DTIK (SOP aturan 5)."
}
func (m applicantRevision) Indonesian() string {
	return fmt.Sprintf("Permohonan *%s* Anda perlu diperbaiki. Catatan admin DTIK: %s\nBalas *perbaiki %s* untuk membuka kembali isian Anda, ubah yang perlu (termasuk mengirim surat baru), lalu *kirim*.", m.Ref, m.Note, m.Ref)
}
func (m applicantVerified) Indonesian() string {
	return fmt.Sprintf("Permohonan *%s* Anda sudah diverifikasi admin DTIK dan diteruskan ke pimpinan untuk didisposisikan.", m.Ref)
}
func (m applicantDisposed) Indonesian() string {
	return fmt.Sprintf("Permohonan *%s* Anda sedang dikerjakan oleh staf DTIK.", m.Ref)
}
func (m applicantRejected) Indonesian() string {
	return fmt.Sprintf("Mohon maaf, permohonan *%s* Anda ditolak. Alasan: %s\nBila ada pertanyaan, hubungi DTIK di tik@unit.uns.ac.id.", m.Ref, m.Note)
}
func (m applicantDone) Indonesian() string {
	return fmt.Sprintf("✅ Permohonan *%s* Anda sudah selesai.\n%s", m.Ref, m.Result)
}
func (m cancelNotFound) Indonesian() string {
	return fmt.Sprintf("Permohonan %s tidak ditemukan di antara permohonan Anda. Ketik *status* untuk melihat daftar permohonan Anda.", m.Ref)
}
func (m cancelled) Indonesian() string {
	return fmt.Sprintf("Permohonan *%s* sudah dibatalkan. DTIK sudah diberi tahu.", m.Ref)
}
func (m applicantNote) Indonesian() string { return fmt.Sprintf("Catatan dari staf DTIK: %s", m.Note) }

// Sentences whose data is a status, an action, a role, a moment or a list.
func (m moveDone) Indonesian() string {
	return fmt.Sprintf("✅ %s sekarang: %s.", m.Ref, statusWord{m.Status}.Indonesian())
}
func (m wrongState) Indonesian() string {
	return fmt.Sprintf("%s sudah berstatus *%s* (%s); perintah ini tidak berlaku lagi.", m.Ref, statusWord{m.Status}.Indonesian(), m.Last)
}
func (m byAt) Indonesian() string {
	return fmt.Sprintf("oleh %s pada %s", m.Who, loket.FormatTime(m.At, loket.Indonesian))
}
func (m cancelTooLate) Indonesian() string {
	return fmt.Sprintf("Permohonan *%s* sudah %s, jadi tidak dapat dibatalkan lewat chat lagi. Hubungi DTIK di tik@unit.uns.ac.id bila perlu.", m.Ref, statusWord{m.Status}.Indonesian())
}

// actedID is what an action does to a request, as a participle: "diverifikasi".
var actedID = map[loket.Action]string{
	loket.ActionVerify:  "diverifikasi",
	loket.ActionRevise:  "dikembalikan untuk revisi",
	loket.ActionReject:  "ditolak",
	loket.ActionDispose: "didisposisikan",
	loket.ActionDone:    "diselesaikan",
	loket.ActionAnswer:  "ditanggapi",
}

func (m notYet) Indonesian() string {
	needs := "langkah sebelumnya"
	if acted, ok := actedID[m.Need]; ok && len(m.By) > 0 {
		needs = fmt.Sprintf("permohonan %s %s", acted, roleList{Roles: m.By}.Indonesian())
	}
	return fmt.Sprintf("%s masih berstatus *%s*; perintah ini baru berlaku setelah %s.", m.Ref, statusWord{m.Status}.Indonesian(), needs)
}

func (m slaReminder) Indonesian() string {
	reply := "/selesai [catatan]"
	switch m.Next {
	case loket.ActionVerify:
		reply = "/verifikasi, /revisi <catatan> atau /tolak <alasan>"
	case loket.ActionDispose:
		reply = "/disposisi <nama staf> [catatan]"
	case loket.ActionAnswer:
		reply = "/tanggapi <jawaban>"
	}
	return fmt.Sprintf("⏰ *Pengingat SLA*: %s — %s masih %s setelah %d hari kerja (target %d hari kerja). Balas pesan ini dengan %s.",
		m.Ref, m.Title, statusWord{m.Status}.Indonesian(), m.Days, m.SLA, reply)
}

func (m digest) Indonesian() string {
	list := func(rows []string) string {
		if len(rows) == 0 {
			return "—"
		}
		return strings.Join(rows, "\n")
	}
	return fmt.Sprintf("☀️ *Ringkasan harian Loket* %s\n\n*Baru* (24 jam terakhir): %d\n%s\n\n*Menunggu*: %d\n%s\n\n*Lewat tenggat SLA*: %d\n%s\n\nKetik /antrian untuk antrian Anda.",
		loket.FormatDay(m.Day, loket.Indonesian), len(m.Fresh), list(m.Fresh), len(m.Waiting), list(m.Waiting), len(m.Late), list(m.Late))
}

// doID is what an action does, as the refusal of a role names it.
var doID = map[loket.Action]string{
	loket.ActionVerify:  "memverifikasi permohonan",
	loket.ActionRevise:  "meminta revisi",
	loket.ActionReject:  "menolak permohonan",
	loket.ActionDispose: "mendisposisikan permohonan",
	loket.ActionDone:    "menyelesaikan permohonan",
	loket.ActionAnswer:  "menanggapi keluhan",
}

func (m roleRefusal) Indonesian() string {
	if do, ok := doID[m.Action]; ok && len(m.Roles) > 0 {
		return fmt.Sprintf("Hanya %s yang dapat %s.", roleList{Roles: m.Roles, Assigned: m.Assigned}.Indonesian(), do)
	}
	return fmt.Sprintf("Peran Anda tidak mengizinkan perintah ini (%s).", m.Action)
}

func (m roleList) Indonesian() string {
	words := make([]string, len(m.Roles))
	for i, r := range m.Roles {
		words[i] = string(r)
		if r == loket.RoleStaf && m.Assigned {
			words[i] = "staf yang ditunjuk"
		}
	}
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " atau " + words[len(words)-1]
}

func (m helpLine) Indonesian() string {
	switch m.Command {
	case "antrian":
		return "/antrian — permohonan yang menunggu Anda, terlama dulu"
	case "lihat":
		return "/lihat ZM-2026-0007 — semua isian, riwayat (dengan semua catatan) dan suratnya"
	case "verifikasi":
		return "/verifikasi ZM-2026-0007 [catatan] — surat sudah benar; catatan hanya untuk staf"
	case "revisi":
		return "/revisi ZM-2026-0007 <catatan> — minta pemohon memperbaiki; catatan dikirim ke pemohon"
	case "tolak":
		return "/tolak ZM-2026-0007 <alasan> — tolak permohonan; alasan dikirim ke pemohon"
	case "disposisi":
		return "/disposisi ZM-2026-0007 <nama atau nomor staf> [catatan] — tugaskan ke staf; catatan untuk staf itu"
	case "tanggapi":
		return "/tanggapi KL-2026-0001 <jawaban> — jawab keluhan; jawaban dikirim ke pemohon"
	case "selesai":
		return "/selesai ZM-2026-0007 [catatan] — pekerjaan selesai (keluhan: ditutup); pemohon diberi tahu beserta catatannya"
	case "cari":
		return "/cari semnas — cari menurut referensi, pemohon, unit, kegiatan, email atau username"
	case "statistik":
		return "/statistik — jumlah per layanan dan status, median waktu per tahap, kuesioner"
	case "staf":
		return "/staf — daftar staf; /staf tambah <nomor> <peran> <nama>; /staf hapus <nomor> [peran]"
	case "kalender":
		return "/kalender [bulan] — lisensi terpakai per hari, contoh: /kalender desember"
	case "bantuan":
		return "/bantuan — daftar ini"
	}
	return "/" + m.Command
}

func (m stageName) Indonesian() string {
	who := roleList{Roles: m.Roles}.Indonesian()
	switch m.Status {
	case loket.StatusAnswered:
		return "ditanggapi, menunggu ditutup " + who
	}
	switch m.Next {
	case loket.ActionAnswer:
		return "menunggu tanggapan " + who
	case loket.ActionVerify:
		return "menunggu verifikasi " + who
	case loket.ActionDispose:
		return "menunggu disposisi " + who
	case loket.ActionDone:
		return "dikerjakan " + who
	}
	return string(m.Status)
}

func (m statusWord) Indonesian() string {
	switch m.Status {
	case "":
		return "-"
	case loket.StatusSubmitted:
		return "diajukan"
	case loket.StatusRevision:
		return "perlu revisi"
	case loket.StatusVerified:
		return "terverifikasi"
	case loket.StatusDisposed:
		return "didisposisikan"
	case loket.StatusDone:
		return "selesai"
	case loket.StatusRejected:
		return "ditolak"
	case loket.StatusCancelled:
		return "dibatalkan"
	case loket.StatusAnswered:
		return "ditanggapi"
	}
	return string(m.Status)
}

// The pieces of a request as staff see it.
func (m applicantLine) Indonesian() string {
	phone := m.Phone
	if phone == "" {
		phone = "nomor tidak diketahui"
	}
	return fmt.Sprintf("Pemohon: %s (%s)", phone, applicantName{WhatsApp: m.Name}.Indonesian())
}
func (m letterLine) Indonesian() string {
	if m.Pages == 0 {
		return fmt.Sprintf("• Lampiran: %s", m.FileName) // a screenshot: no pages
	}
	return fmt.Sprintf("• Surat: %s (%d halaman)", m.FileName, m.Pages)
}
func (m requestDetail) Indonesian() string {
	return fmt.Sprintf("%s\nStatus: *%s*\n\n*Riwayat*\n%s", m.Summary, statusWord{m.Status}.Indonesian(), m.Timeline)
}
func (m letterCaption) Indonesian() string { return fmt.Sprintf("Surat permohonan %s", m.Ref) }
func (m attachmentCaption) Indonesian() string {
	return fmt.Sprintf("Lampiran %s", m.Ref)
}
func (applicantActor) Indonesian() string { return "pemohon" }

func (m applicantName) Indonesian() string {
	switch {
	case m.Form != "":
		return m.Form
	case m.WhatsApp == "":
		return "tanpa nama WhatsApp"
	}
	return fmt.Sprintf("nama WhatsApp %q", m.WhatsApp)
}

func (m timelineActor) Indonesian() string {
	if m.Assignee != "" {
		return fmt.Sprintf("%s (%s) kepada %s", m.Name, m.Role, m.Assignee)
	}
	return fmt.Sprintf("%s (%s)", m.Name, m.Role)
}

func (m waited) Indonesian() string {
	switch {
	case m.D < time.Hour:
		return fmt.Sprintf("%d menit", int(m.D.Minutes()))
	case m.D < 48*time.Hour:
		return fmt.Sprintf("%d jam", int(m.D.Hours()))
	}
	return fmt.Sprintf("%d hari", int(m.D.Hours()/24))
}

func (m span) Indonesian() string {
	switch {
	case m.D < time.Hour:
		return fmt.Sprintf("%d menit", int(m.D.Minutes()))
	case m.D < 24*time.Hour:
		return fmt.Sprintf("%d jam %d menit", int(m.D.Hours()), int(m.D.Minutes())%60)
	}
	return fmt.Sprintf("%d hari %d jam", int(m.D.Hours())/24, int(m.D.Hours())%24)
}
