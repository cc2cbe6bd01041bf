package backoffice

import (
	"github.com/uns-dtik/loket"

	"fmt"
	"time"
)

// The licence calendar's staff sentences (licences.go says when), kept apart from
// text_id.go so the feature reads in one place. Staff read Indonesian.
type (
	calendarMonth struct {
		Title    string
		Month    time.Time
		Capacity int
		Rows     string
	}
	calendarFull    struct{}
	calendarWaiting struct{ Refs string }
	calendarNone    struct{}
	calendarUsage   struct{ Typed string }
	// disposeLicencesFull: Days lists the full days with the references holding them;
	// Again is the command to send to dispose anyway.
	disposeLicencesFull struct {
		Ref      string
		Capacity int
		Days     string
		Again    string
	}
	licenceWaitLine struct{}
	licenceWaitMark struct{}
)

func (m calendarMonth) Indonesian() string {
	return fmt.Sprintf("*Kalender lisensi — %s*\n%s %d · %d lisensi per hari (terpakai/kapasitas)\n%s",
		m.Title, loket.MonthName(m.Month.Month(), loket.Indonesian), m.Month.Year(), m.Capacity, m.Rows)
}
func (calendarFull) Indonesian() string      { return "*penuh*" }
func (m calendarWaiting) Indonesian() string { return "menunggu: " + m.Refs }
func (calendarNone) Indonesian() string {
	return "Tidak ada layanan dengan kuota lisensi harian di katalog."
}
func (m calendarUsage) Indonesian() string {
	return fmt.Sprintf("Bulan \"%s\" tidak dikenali. Contoh: /kalender, /kalender desember, /kalender 12 2026", m.Typed)
}
func (m disposeLicencesFull) Indonesian() string {
	return fmt.Sprintf("⚠️ *%s* belum didisposisikan: semua lisensi (%d per hari) pada hari berikut sudah dipegang permohonan yang diajukan lebih dulu:\n%s\n\nUntuk tetap mendisposisikan, kirim:\n%s",
		m.Ref, m.Capacity, m.Days, m.Again)
}
func (licenceWaitLine) Indonesian() string {
	return "⏳ *Menunggu ketersediaan lisensi*: semua lisensi pada sebagian tanggalnya sudah dipegang permohonan yang diajukan lebih dulu (lihat /kalender)."
}
func (licenceWaitMark) Indonesian() string { return " ⏳ menunggu ketersediaan lisensi" }
