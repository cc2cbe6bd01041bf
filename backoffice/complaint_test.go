package backoffice

import (
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
)

// TestComplaintFollowsItsOwnTable: a complaint's service (KL, lifecycle complaint) is
// answered and closed by its approvers, here the admin and the pimpinan, with no
// verification or disposition; the applicant may withdraw it only before the answer;
// the statistics name its stages by its own table, and a request beside it works as
// before.
func TestComplaintFollowsItsOwnTable(t *testing.T) {
	t.Parallel()
	d := newDesk(t, services{"ZM": nil, "KL": {loket.RoleAdmin, loket.RolePimpinan}})
	zm, kl, gone := d.file("ZM"), d.file("KL"), d.file("KL")
	applicant := "+6281234567890"
	if got := d.command(applicant, "batal "+gone.Ref); d.status(gone.Ref) != loket.StatusCancelled {
		t.Fatalf("withdrawing an unanswered complaint: %q", got)
	}
	if got := d.command(pimpinanPhone, "/antrian"); !strings.Contains(got, "Antrian Anda kosong") {
		t.Errorf("the pimpinan holds nothing yet (the admin answers first):\n%s", got)
	}
	if got := d.command(stafPhone, "/tanggapi "+kl.Ref+" sudah"); !strings.Contains(got, "Hanya admin atau pimpinan yang dapat menanggapi keluhan") {
		t.Errorf("a staf member answering: %q", got)
	}
	if got := d.command(pimpinanPhone, "/disposisi "+kl.Ref+" Andi"); !strings.Contains(got, "Perintah /disposisi tidak berlaku untuk "+kl.Ref+" (KL). Yang berlaku sekarang: /tanggapi.") {
		t.Errorf("dispositioning a complaint: %q", got)
	}
	d.command(pimpinanPhone, "/tanggapi "+kl.Ref+" sudah kami periksa")
	if d.status(kl.Ref) != loket.StatusAnswered {
		t.Fatalf("after the pimpinan's answer: %s", d.status(kl.Ref))
	}
	if got := d.command(applicant, "batal "+kl.Ref); !strings.Contains(got, "sudah ditanggapi") || d.status(kl.Ref) != loket.StatusAnswered {
		t.Errorf("withdrawing an answered complaint: %q", got)
	}
	stats := d.command(adminPhone, "/statistik")
	for _, want := range []string{"menunggu verifikasi admin", "menunggu tanggapan admin", "ditanggapi, menunggu ditutup admin"} {
		if !strings.Contains(stats, want) {
			t.Errorf("statistics lack %q:\n%s", want, stats)
		}
	}
	d.command(adminPhone, "/selesai "+kl.Ref+" beres")
	d.command(adminPhone, "/verifikasi "+zm.Ref)
	if d.status(kl.Ref) != loket.StatusDone || d.status(zm.Ref) != loket.StatusVerified {
		t.Fatalf("%s %s, %s %s", kl.Ref, d.status(kl.Ref), zm.Ref, d.status(zm.Ref))
	}
}

// TestStatisticsKeepComplaintsApart: the median time in a stage is each table's own.
// A complaint answered in an hour and a request verified in five hours are both
// "submitted" before they move; counted together each showed three hours.
func TestStatisticsKeepComplaintsApart(t *testing.T) {
	t.Parallel()
	d := newDesk(t, services{"ZM": nil, "KL": {loket.RoleAdmin}})
	start := d.now
	zm, kl := d.file("ZM"), d.file("KL")
	d.now = start.Add(time.Hour)
	d.command(adminPhone, "/tanggapi "+kl.Ref+" sudah kami periksa")
	d.now = start.Add(5 * time.Hour)
	d.command(adminPhone, "/verifikasi "+zm.Ref)
	stats := d.command(adminPhone, "/statistik")
	for _, want := range []string{"menunggu verifikasi admin: 5 jam 0 menit", "menunggu tanggapan admin: 1 jam 0 menit"} {
		if !strings.Contains(stats, want) {
			t.Errorf("statistics lack %q:\n%s", want, stats)
		}
	}
}
