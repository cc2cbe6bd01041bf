package conversation_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation"
)

// licenceService is eventService lending one licence a day, bounded by its two
// date fields.
var licenceService = strings.Replace(eventService, "    sla: 2 working days\n",
	"    sla: 2 working days\n    capacity: 1\n    period: {from: start_date, to: end_date}\n", 1)

func licenceDialog(t *testing.T) *dialog {
	t.Helper()
	cat, err := conversation.ParseCatalog([]byte(licenceService))
	if err != nil {
		t.Fatal(err)
	}
	return newDialog(t, cat)
}

// neighbour is another applicant, chatting with the same bot at the same time.
func (d *dialog) neighbour(chat string) *dialog {
	n := &dialog{t: d.t, now: d.now, chat: chat}
	c := *d.c
	c.Now = func() time.Time { return n.now }
	n.c = &c
	return n
}

// startDays begins a request with username, in Indonesian, up to its first day
// from: the end date is asked next.
func (d *dialog) startDays(username, from string) {
	d.t.Helper()
	d.say("1", "Langkah 1 dari 3")
	d.say(username, "Langkah 2 dari 3")
	d.say(from, "Langkah 3 dari 3")
}

// fileDays files a request for the days from to to, in Indonesian.
func (d *dialog) fileDays(from, to string, want ...string) string {
	d.t.Helper()
	d.startDays("semnas", from)
	d.say(to, "Ringkasan")
	return d.say("kirim", want...)
}

// TestFullDaysAreSaidWithTheNearestFreeWindow: a chosen day whose licence is taken is
// named at the date step with the nearest free days of the same length; the
// applicant may still file, and the request is marked waiting.
func TestFullDaysAreSaidWithTheNearestFreeWindow(t *testing.T) {
	t.Parallel()
	d := licenceDialog(t)
	if got := d.fileDays("10 Desember 2026", "11 Desember 2026", "EV-2026-0001"); strings.Contains(got, "menunggu") {
		t.Fatalf("a request within capacity was told:\n%s", got)
	}
	if d.request("EV-2026-0001").Waiting {
		t.Fatal("the first request of the pool is marked waiting")
	}

	b := d.neighbour("6285700001111")
	b.say("1", "Langkah 1 dari 3")
	b.say("semnas-b", "Langkah 2 dari 3")
	// The start date alone completes no period: nothing is counted yet.
	if got := b.say("11 Desember 2026", "Langkah 3 dari 3"); strings.Contains(got, "lisensi") {
		t.Fatalf("counted before the end date was given:\n%s", got)
	}
	b.say("12 Desember 2026", "Semua lisensi (1 per hari) sudah terpakai pada: *Jumat, 11 Desember 2026*.",
		"Tanggal terdekat yang masih tersedia untuk 2 hari: *Sabtu, 12 Desember 2026* sampai *Minggu, 13 Desember 2026*",
		"balas *kembali* (atau *ubah 2* di ringkasan)", "menunggu ketersediaan lisensi", "Ringkasan")
	b.say("kirim", "EV-2026-0002", "ditandai *menunggu ketersediaan lisensi*")
	if !b.request("EV-2026-0002").Waiting {
		t.Fatal("filed on a full day without the waiting mark")
	}

	// Taking the offered window instead: edit the start date, the end date follows.
	c := d.neighbour("6285700002222")
	c.say("1", "Langkah 1 dari 3")
	c.say("semnas-c", "Langkah 2 dari 3")
	c.say("10 Desember 2026", "Langkah 3 dari 3")
	c.say("10 Desember 2026", "sudah terpakai pada: *Kamis, 10 Desember 2026*",
		"untuk 1 hari: *Rabu, 9 Desember 2026* sampai *Rabu, 9 Desember 2026*")
	c.say("ubah 2", "Tanggal awal")
	// A changed start date is counted again with the end date kept: 9-10 December.
	c.say("9 Desember 2026", "sudah terpakai pada: *Kamis, 10 Desember 2026*", "Ringkasan")
	c.say("ubah 3", "Tanggal akhir")
	if got := c.say("9 Desember 2026", "Ringkasan"); strings.Contains(got, "terpakai") {
		t.Fatalf("a free day was said to be full:\n%s", got)
	}
	if got := c.say("kirim", "EV-2026-0003"); strings.Contains(got, "menunggu") {
		t.Fatalf("filed on a free day with the waiting mark:\n%s", got)
	}
}

// TestFullDaysInEnglish: the same notice and mark in the applicant's language; a
// day freed by a cancelled request is free again.
func TestFullDaysInEnglish(t *testing.T) {
	t.Parallel()
	d := licenceDialog(t)
	d.fileDays("24 November 2026", "24 November 2026", "EV-2026-0001")
	e := d.neighbour("6285700003333")
	e.say("english")
	e.say("1", "Step 1 of 3")
	e.say("semnas-e", "Step 2 of 3")
	e.say("24 November 2026", "Step 3 of 3")
	// Today (23 November) is free but a window starts no earlier than today, and of
	// two as close the later wins.
	e.say("24 November 2026", "Every licence (1 a day) is taken on: *Tuesday, 24 November 2026*.",
		"The nearest free dates for 1 day: *Wednesday, 25 November 2026* to *Wednesday, 25 November 2026*",
		"reply *back* (or *edit 2* on the summary)", "*waiting for a free licence*")
	e.say("submit", "EV-2026-0002", "this request is marked *waiting for a free licence*")

	d.move(d.request("EV-2026-0001"), loket.StatusRejected, "admin", "surat belum distempel")
	f := d.neighbour("6285700004444")
	f.say("1", "Langkah 1 dari 3")
	f.say("semnas-f", "Langkah 2 dari 3")
	f.say("24 November 2026", "Langkah 3 dari 3")
	// The rejected request frees its day, but the waiting one filed second takes it.
	f.say("24 November 2026", "sudah terpakai pada: *Selasa, 24 November 2026*")
}

// TestCatalogCapacityNeedsItsDays: a capacity is refused without the date fields it
// counts, and a period naming anything but date fields in order.
func TestCatalogCapacityNeedsItsDays(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ from, to, want string }{
		"no period":       {"    period: {from: start_date, to: end_date}\n", "", "service EV: capacity needs a period"},
		"not a date":      {"from: start_date", "from: username", `service EV: period: from "username" is not a date field`},
		"unknown field":   {"to: end_date", "to: until", `service EV: period: to "until" is not a date field`},
		"wrong order":     {"{from: start_date, to: end_date}", "{from: end_date, to: start_date}", `period: to "start_date" must be declared after: end_date`},
		"negative":        {"capacity: 1\n", "capacity: -1\n", "service EV: capacity -1"},
		"one-day service": {"to: end_date", "to: start_date", ""},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := conversation.ParseCatalog([]byte(strings.Replace(licenceService, c.from, c.to, 1)))
			if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
				t.Fatalf("error = %v, want %q", err, c.want)
			}
		})
	}
	cat, err := conversation.LoadCatalog("")
	if err != nil || cat.Capacity("ZM") != 2 || cat.Capacity("EM") != 0 {
		t.Fatalf("the embedded catalog: ZM holds %d a day, EM %d (%v); want 2 and no limit", cat.Capacity("ZM"), cat.Capacity("EM"), err)
	}
}

// countingDays records the days each licence count asked for.
type countingDays struct {
	conversation.Store
	asked *[]string
}

func (s countingDays) DayLoads(ctx context.Context, service string, from, to time.Time, before int64) ([]loket.DayLoad, error) {
	*s.asked = append(*s.asked, from.Format("2006-01-02")+".."+to.Format("2006-01-02"))
	return s.Store.DayLoads(ctx, service, from, to, before)
}

// TestFreeDaysAreCountedAlone: while the chosen days have a licence left, the date
// step counts those days only; the month around them, where the nearest free window
// is looked for, is counted only once a chosen day is full.
func TestFreeDaysAreCountedAlone(t *testing.T) {
	t.Parallel()
	d := licenceDialog(t)
	var asked []string
	store := d.c.Store
	d.c.Store = countingDays{Store: store, asked: &asked}
	d.startDays("semnas", "10 Desember 2026")
	d.say("11 Desember 2026", "Ringkasan")
	if want := "[2026-12-10..2026-12-11]"; fmt.Sprint(asked) != want {
		t.Fatalf("counted %v, want the chosen days only: %s", asked, want)
	}
	d.c.Store = store
	d.say("kirim", "EV-2026-0001")

	b := d.neighbour("6285700001111")
	asked = nil
	b.c.Store = countingDays{Store: store, asked: &asked}
	b.startDays("semnas-b", "11 Desember 2026")
	b.say("11 Desember 2026", "Jumat, 11 Desember 2026")
	if len(asked) != 2 || asked[0] != "2026-12-11..2026-12-11" || asked[1] == asked[0] {
		t.Fatalf("a full day counted %v, want the day, then the month around it", asked)
	}
}

// TestALongPeriodIsToldItsFullDaysOnly: for a period of nearly a year, the month
// around it is past what one count may cover; its full days are named, and nothing
// is said of free days nobody looked for.
func TestALongPeriodIsToldItsFullDaysOnly(t *testing.T) {
	t.Parallel()
	d := licenceDialog(t)
	d.fileDays("1 Februari 2027", "1 Februari 2027", "EV-2026-0001")
	b := d.neighbour("6285700001111")
	b.startDays("semnas-b", "1 Februari 2027")
	got := b.say("15 Januari 2028", "Senin, 1 Februari 2027", "menunggu ketersediaan lisensi")
	if strings.Contains(got, "tidak ada hari berurutan") || strings.Contains(got, "Tanggal terdekat") {
		t.Fatalf("told of free days no count looked for:\n%s", got)
	}
}
