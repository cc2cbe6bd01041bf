package bot_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/expfmt"

	"github.com/uns-dtik/loket/bot"
)

// TestStoreMetrics: the figures PostgreSQL knows reach /metrics — the queues and the
// transitions by service — and no label carries a number, a name or a reference.
func TestStoreMetrics(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	admin, _, _, _, _ := staffTeam(t, h)
	applicant := h.chat("6281234567896")
	ref := fileZoom(t, applicant, 1)
	admin.await("Permohonan baru")
	admin.command("/verifikasi "+ref, "terverifikasi")

	reg := prometheus.NewRegistry()
	reg.MustRegister(bot.StoreCollector(h.env.DB))
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for _, f := range families {
		if _, err := expfmt.MetricFamilyToText(&out, f); err != nil {
			t.Fatal(err)
		}
	}
	text := out.String()
	for _, want := range []string{
		`loket_request_transitions_total{from="",service="ZM",to="submitted"} 1`,
		`loket_request_transitions_total{from="submitted",service="ZM",to="verified"} 1`,
		`loket_queue_depth{queue="inbox"} `, `loket_queue_depth{queue="outbox"} `,
		`loket_queue_oldest_seconds{queue="inbox"} `, `loket_queue_oldest_seconds{queue="outbox"} `,
		`loket_store_stats_up 1`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %s:\n%s", want, text)
		}
	}
	for _, private := range []string{applicant.phone, ref, "Budi"} {
		if strings.Contains(text, private) {
			t.Errorf("metrics show %q", private)
		}
	}
}
