package conversation

import (
	"fmt"
	"strings"
	"time"

	"github.com/uns-dtik/loket"
)

// The licence calendar's sentences, in both languages, kept beside each other so the
// feature reads in one place (licence.go says when they are said).
type (
	// licenceFull: some chosen days have no licence left; Window is the nearest free
	// days of the same length (nil: none within a month), Field the number of the
	// first date question (for `ubah N`). Unsearched says no window was looked for
	// (a period of nearly a year, whose month around is past one count's bound):
	// then nothing is said of one.
	licenceFull struct {
		Days       []time.Time
		Capacity   int
		Window     *loket.Period
		Unsearched bool
		Field      int
	}
	// licenceWaitFiled follows the filing message of a request marked waiting.
	licenceWaitFiled struct{}
)

// dayList joins dates in words with "; ".
func dayList(ds []time.Time, format func(time.Time) string) string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = format(d)
	}
	return strings.Join(out, "; ")
}

func (m licenceFull) Indonesian() string {
	s := fmt.Sprintf("⚠️ Semua lisensi (%d per hari) sudah terpakai pada: *%s*.", m.Capacity, dayList(m.Days, dateID))
	switch {
	case m.Window != nil:
		s += fmt.Sprintf("\nTanggal terdekat yang masih tersedia untuk %d hari: *%s* sampai *%s*.", m.Window.Days(), dateID(m.Window.From), dateID(m.Window.To))
	case !m.Unsearched:
		s += "\nDalam sebulan di sekitar tanggal itu tidak ada hari berurutan yang masih tersedia."
	}
	return s + fmt.Sprintf("\nUntuk mengganti tanggal, balas *kembali* (atau *ubah %d* di ringkasan). Anda tetap boleh melanjutkan dengan tanggal ini: permohonan akan ditandai *menunggu ketersediaan lisensi*.", m.Field)
}
func (m licenceFull) English() string {
	s := fmt.Sprintf("⚠️ Every licence (%d a day) is taken on: *%s*.", m.Capacity, dayList(m.Days, dateEN))
	switch {
	case m.Window != nil:
		n := fmt.Sprintf("%d days", m.Window.Days())
		if m.Window.Days() == 1 {
			n = "1 day"
		}
		s += fmt.Sprintf("\nThe nearest free dates for %s: *%s* to *%s*.", n, dateEN(m.Window.From), dateEN(m.Window.To))
	case !m.Unsearched:
		s += "\nNo run of free days is left within a month of those dates."
	}
	return s + fmt.Sprintf("\nTo change the dates, reply *back* (or *edit %d* on the summary). You may still go on with these dates: the request will be marked *waiting for a free licence*.", m.Field)
}
func (licenceWaitFiled) Indonesian() string {
	return "⏳ Pada tanggal yang Anda pilih semua lisensi sudah terpakai, jadi permohonan ini ditandai *menunggu ketersediaan lisensi*. Pimpinan DTIK melihat tanda ini saat memutuskan; Anda tetap dikabari di setiap langkah, termasuk bila tanggalnya perlu diubah."
}
func (licenceWaitFiled) English() string {
	return "⏳ Every licence is taken on some of the dates you chose, so this request is marked *waiting for a free licence*. DTIK's head sees this mark when deciding; you are still told at every step, including if the dates need to change."
}
