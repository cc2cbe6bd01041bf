package conversation_test

import (
	"testing"
	"time"

	"github.com/uns-dtik/loket"
)

// TestDatesWithoutAYearOrAsAWeekday (issue 11, point 8): "15 Januari" and "Jumat"
// are read as their next occurrence and echoed in full, with weekday and year;
// `kembali` corrects a reading. What names a week is asked about, not guessed.
func TestDatesWithoutAYearOrAsAWeekday(t *testing.T) {
	t.Parallel()
	d := eventDialog(t) // Monday 23 November 2026
	d.toStartDate()
	d.say("15 Januari", "✓ Tanggal awal: Jumat, 15 Januari 2027", "Langkah 3 dari 3")
	d.say("kembali", "Langkah 2 dari 3", "Jumat, 15 Januari 2027")
	d.say("minggu depan", "satu pekan", "Senin, 30 November 2026", "Minggu, 6 Desember 2026")
	d.say("minggu", "hari Minggu", "Minggu, 29 November 2026")
	d.say("Jumat depan", "Jumat, 27 November 2026", "Jumat, 4 Desember 2026")
	d.say("Jumat", "✓ Tanggal awal: Jumat, 27 November 2026", "Langkah 3 dari 3")
	d.say("Senin depan", "✓ Tanggal akhir: Senin, 30 November 2026", "Ringkasan")
	d.say("english")
	d.say("edit 3", "Step 3 of 3")
	d.say("next Friday", "Friday, 27 November 2026", "Friday, 4 December 2026")
	d.say("Friday", "✓ End date: Friday, 27 November 2026", "Summary")
}

// TestYearlessEndDateIsReadFromTheStart (issue 11, point 8): an end date without a
// year is the first such day on or after the start date, so a start far ahead does
// not turn "25 November" into a date before it; near the year's end "2 Januari" is
// next January.
func TestYearlessEndDateIsReadFromTheStart(t *testing.T) {
	t.Parallel()
	d := eventDialog(t) // Monday 23 November 2026
	d.toStartDate()
	d.say("20 November 2027", "Sabtu, 20 November 2027", "Langkah 3 dari 3")
	d.say("25 November", "Ringkasan", "3. Tanggal akhir: Kamis, 25 November 2027")
	d.say("batal")
	d.say("ya")

	d.now = time.Date(2026, 12, 30, 20, 0, 0, 0, loket.Jakarta)
	d.toStartDate()
	d.say("31/12", "Kamis, 31 Desember 2026", "Langkah 3 dari 3")
	d.say("2 Januari", "Ringkasan", "3. Tanggal akhir: Sabtu, 2 Januari 2027")
}

// TestWeekdayEndDateIsReadFromTheStart: an end date named by its weekday alone
// ("Jumat") is the first such day on or after the start date, as a date without a
// year is; read from today it fell before a start weeks ahead and was refused.
// Words that count from today ("Jumat depan", "Jumat ini") still do.
func TestWeekdayEndDateIsReadFromTheStart(t *testing.T) {
	t.Parallel()
	d := eventDialog(t) // Monday 23 November 2026
	d.toStartDate()
	d.say("9 Desember 2026", "Rabu, 9 Desember 2026", "Langkah 3 dari 3")
	d.say("Jumat", "Ringkasan", "3. Tanggal akhir: Jumat, 11 Desember 2026")
	d.say("edit 3", "Langkah 3 dari 3")
	d.say("Rabu", "Ringkasan", "3. Tanggal akhir: Rabu, 9 Desember 2026")
	d.say("edit 3", "Langkah 3 dari 3")
	d.say("Jumat ini", "Jumat, 27 November 2026", "Rabu, 9 Desember 2026")
}

// toStartDate opens eventService's draft and answers the username: the start date is
// asked next.
func (d *dialog) toStartDate() {
	d.t.Helper()
	d.say("1", "Langkah 1 dari 3")
	d.say("semnas", "Langkah 2 dari 3")
}
