package backoffice

import (
	"context"
	"strings"
	"testing"

	"github.com/uns-dtik/loket"
)

// TestSentencesNameTheServicesApprovers: who a sentence says may act, or is waited
// for, is whom the service's approvers make so — the admin alone for VP, defined
// here — and, for the SOPs' approvers, worded exactly as before.
func TestSentencesNameTheServicesApprovers(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		approvers []loket.Role
		disposer  string
		want      map[string]string
	}{
		{[]loket.Role{loket.RoleAdmin}, adminPhone, map[string]string{
			"dispose":  "Hanya admin yang dapat mendisposisikan permohonan.",
			"reject":   "Hanya admin yang dapat menolak permohonan.",
			"not yet":  "perintah ini baru berlaku setelah permohonan didisposisikan admin.",
			"assignee": "hanya staf yang ditunjuk (atau admin) yang dapat menyelesaikannya.",
			"stages":   "• menunggu disposisi admin: -\n• dikerjakan staf: -",
		}},
		{nil, pimpinanPhone, map[string]string{
			"dispose":  "Hanya pimpinan yang dapat mendisposisikan permohonan.",
			"reject":   "Hanya admin atau pimpinan yang dapat menolak permohonan.",
			"not yet":  "perintah ini baru berlaku setelah permohonan didisposisikan pimpinan.",
			"assignee": "hanya staf yang ditunjuk (atau pimpinan) yang dapat menyelesaikannya.",
			"stages":   "• menunggu verifikasi admin: 0 menit\n• menunggu disposisi pimpinan: -\n• dikerjakan staf: -",
		}},
	} {
		d := newDesk(t, services{"VP": c.approvers})
		if err := d.db.AddStaff(context.Background(), "+6281100000004", loket.RoleStaf, "Budi", nil, nil); err != nil {
			t.Fatal(err)
		}
		r := d.file("VP")
		d.command(adminPhone, "/verifikasi "+r.Ref)
		outsider := pimpinanPhone // a role the service does not let dispose
		if c.disposer == pimpinanPhone {
			outsider = adminPhone
		}
		got := map[string]string{
			"dispose": d.command(outsider, "/disposisi "+r.Ref+" Andi"),
			"not yet": d.command(stafPhone, "/selesai "+r.Ref),
			"stages":  d.command(stafPhone, "/statistik"),
		}
		if c.disposer == adminPhone {
			got["reject"] = d.command(pimpinanPhone, "/tolak "+r.Ref+" tidak lengkap")
		} else {
			got["reject"] = d.command(stafPhone, "/tolak "+r.Ref+" tidak lengkap")
		}
		d.command(c.disposer, "/disposisi "+r.Ref+" Andi")
		got["assignee"] = d.command("+6281100000004", "/selesai "+r.Ref)
		for what, want := range c.want {
			if !strings.Contains(got[what], want) {
				t.Errorf("approvers %v, %s:\n%s\nwant it to contain %q", c.approvers, what, got[what], want)
			}
		}
	}
}
