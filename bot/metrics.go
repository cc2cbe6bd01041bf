package bot

import "github.com/prometheus/client_golang/prometheus"

// Metrics counts what the bot did about trouble. No label carries a phone number, a
// name or a reference.
type Metrics struct {
	// SetAside counts messages set aside, by reason: "crashes" or "attempts".
	SetAside *prometheus.CounterVec
	// OutboxGivenUp counts notifications that could not be delivered at all.
	OutboxGivenUp prometheus.Counter
	// FloodWarnings counts numbers told they send too fast.
	FloodWarnings prometheus.Counter
	// OutageNotices counts chats told their message waits for an outage to end.
	OutageNotices prometheus.Counter
	// ConnectionState is 1 for the WhatsApp connection's current state, 0 for the
	// others; PermanentDisconnects counts them by state.
	ConnectionState      *prometheus.GaugeVec
	PermanentDisconnects *prometheus.CounterVec
}

// Connection records the WhatsApp connection's new state.
func (m *Metrics) Connection(state string) {
	m.ConnectionState.Reset()
	m.ConnectionState.WithLabelValues(state).Set(1)
}

// NewMetrics makes the bot's metrics and registers them with reg (nil: unregistered).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		SetAside: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "loket_inbox_set_aside_total",
			Help: "Inbound messages set aside unhandled, by reason (crashes, attempts)."}, []string{"reason"}),
		OutboxGivenUp: prometheus.NewCounter(prometheus.CounterOpts{Name: "loket_outbox_given_up_total",
			Help: "Notifications given up after every delivery attempt failed."}),
		FloodWarnings: prometheus.NewCounter(prometheus.CounterOpts{Name: "loket_flood_warnings_total",
			Help: "Numbers told they were sending too fast."}),
		OutageNotices: prometheus.NewCounter(prometheus.CounterOpts{Name: "loket_outage_notices_total",
			Help: "Chats told their message is kept until an outage ends."}),
		ConnectionState: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "loket_whatsapp_connection_state",
			Help: "1 for the WhatsApp connection's current state."}, []string{"state"}),
		PermanentDisconnects: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "loket_whatsapp_permanent_disconnects_total",
			Help: "Disconnects WhatsApp does not recover from by itself (logged out, replaced, banned, outdated), by the state they led to."}, []string{"state"}),
	}
	if reg != nil {
		reg.MustRegister(m.SetAside, m.OutboxGivenUp, m.FloodWarnings, m.OutageNotices, m.ConnectionState, m.PermanentDisconnects)
	}
	return m
}
