package bot_test

import (
	"strings"
	"testing"

	"github.com/uns-dtik/loket/bot/sim"
)

// quoteOf sends text from c as a reply to (quoting) the bot's message m, as a staff
// member does in WhatsApp, and waits for the answer that contains want.
func quoteOf(c *chat, m sim.Outbound, text string, want ...string) string {
	c.h.t.Helper()
	in := simText(c, text)
	in.QuotedID = m.ID
	if _, err := c.h.sim.Send(in); err != nil {
		c.h.t.Fatalf("send %q: %v", text, err)
	}
	return c.await(want...).Text
}

// TestQuotingWhatTheBotSaid: a staff member can quote any bot message that names one
// request — /lihat's answer, a one-row /antrian — to give a command on it, as they can
// quote a notification; a message naming several, or none, is refused with a hint
// that names the command typed. /lihat's timeline says its times are WIB.
func TestQuotingWhatTheBotSaid(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, pimpinan, _, _ := staffTeam(t, h)
	applicant := h.chat("6281234567898")
	first, second := fileZoom(t, applicant, 1), fileZoom(t, applicant, 2)

	if _, err := h.sim.Send(simText(admin, "/lihat "+first)); err != nil {
		t.Fatal(err)
	}
	shown := admin.await("*Riwayat*")
	expect(t, "/lihat "+first, shown.Text, first, " WIB — ")
	got := quoteOf(admin, shown, "/verifikasi surat lengkap", "sekarang", "Pesan yang Anda balas")
	expect(t, "/verifikasi quoting /lihat", got, first+" sekarang: terverifikasi")

	if _, err := h.sim.Send(simText(admin, "/antrian")); err != nil {
		t.Fatal(err)
	}
	queue := admin.await("Antrian Anda")
	if strings.Contains(queue.Text, first) || !strings.Contains(queue.Text, second) {
		t.Fatalf("the admin's queue:\n%s", queue.Text)
	}
	got = quoteOf(admin, queue, "/verifikasi", "sekarang", "Pesan yang Anda balas")
	expect(t, "/verifikasi quoting a one-row /antrian", got, second+" sekarang: terverifikasi")

	if _, err := h.sim.Send(simText(pimpinan, "/antrian")); err != nil {
		t.Fatal(err)
	}
	both := pimpinan.await("Antrian Anda")
	got = quoteOf(pimpinan, both, "/disposisi Andi Pratama", "sekarang", "Pesan yang Anda balas")
	expect(t, "/disposisi quoting a two-row /antrian", got, first, second, "/disposisi ")
	if _, err := h.sim.Send(simText(pimpinan, "/bantuan")); err != nil {
		t.Fatal(err)
	}
	help := pimpinan.await("Perintah staf Loket")
	got = quoteOf(pimpinan, help, "/tolak bukan kegiatan resmi", "sekarang", "Pesan yang Anda balas")
	expect(t, "/tolak quoting /bantuan", got, "/tolak ")
	if strings.Contains(got, "/lihat") || strings.Contains(got, "sekarang") {
		t.Fatalf("quoting /bantuan's examples: %s", got)
	}
	pimpinan.command("/lihat "+first, "*Riwayat*", "diverifikasi oleh Rina Wulandari")
}
