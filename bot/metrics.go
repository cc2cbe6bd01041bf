package bot

import (
	"context"
	"errors"

	"github.com/prometheus/client_golang/prometheus"
	"go.mau.fi/whatsmeow"

	"github.com/uns-dtik/loket"
)

// Metrics counts what the bot does, and what goes wrong. No label carries a phone
// number, a name or a reference: kinds, services, outcomes and reasons only.
type Metrics struct {
	// MessagesIn counts inbound messages recorded, by kind (text, document, …);
	// MessagesOut the messages sent, by kind (text, document).
	MessagesIn, MessagesOut *prometheus.CounterVec
	// SendErrors counts failed sends, by reason (not_connected, throttled,
	// timeout, server, other).
	SendErrors *prometheus.CounterVec
	// Dialogs counts applicant dialogs by service and outcome (started, completed,
	// abandoned); LetterChecks counts request letters checked, by outcome
	// (accepted, or the refusal's code).
	Dialogs      *prometheus.CounterVec
	LetterChecks *prometheus.CounterVec
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

// Dialog counts a dialog of service reaching outcome (the conversation calls it).
func (m *Metrics) Dialog(service, outcome string) {
	m.Dialogs.WithLabelValues(service, outcome).Inc()
}

// LetterChecked counts a letter check's outcome (the conversation calls it).
func (m *Metrics) LetterChecked(outcome string) {
	m.LetterChecks.WithLabelValues(outcome).Inc()
}

func (m *Metrics) sent(r loket.Reply) {
	kind := loket.KindText
	if r.Attachment != nil {
		kind = loket.KindDocument
	}
	m.MessagesOut.WithLabelValues(string(kind)).Inc()
}

// sendErrorReason names a send failure for the metric.
func sendErrorReason(err error) string {
	var iq *whatsmeow.IQError
	switch {
	case errors.Is(err, ErrNotConnected):
		return "not_connected"
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, whatsmeow.ErrMessageTimedOut):
		return "timeout"
	case errors.Is(err, whatsmeow.ErrServerReturnedError) || errors.As(err, &iq):
		return "server"
	}
	return "other"
}

// NewMetrics makes the bot's metrics and registers them with reg (nil: unregistered).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	counters := func(name, help string, labels ...string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
	}
	m := &Metrics{
		MessagesIn:  counters("loket_messages_in_total", "Inbound messages recorded, by kind.", "kind"),
		MessagesOut: counters("loket_messages_out_total", "Messages sent (replies and notifications), by kind.", "kind"),
		SendErrors:  counters("loket_send_errors_total", "Sends that failed, by reason (not_connected, throttled, timeout, server, other).", "reason"),
		Dialogs: counters("loket_dialogs_total",
			"Applicant dialogs by service and outcome (started, completed, abandoned).", "service", "outcome"),
		LetterChecks: counters("loket_letter_checks_total", "Request letters checked, by outcome (accepted, or the refusal's code).", "outcome"),
		SetAside:     counters("loket_inbox_set_aside_total", "Inbound messages set aside unhandled, by reason (crashes, attempts).", "reason"),
		OutboxGivenUp: prometheus.NewCounter(prometheus.CounterOpts{Name: "loket_outbox_given_up_total",
			Help: "Notifications given up after every delivery attempt failed."}),
		FloodWarnings: prometheus.NewCounter(prometheus.CounterOpts{Name: "loket_flood_warnings_total",
			Help: "Numbers told they were sending too fast."}),
		OutageNotices: prometheus.NewCounter(prometheus.CounterOpts{Name: "loket_outage_notices_total",
			Help: "Chats told their message is kept until an outage ends."}),
		ConnectionState: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "loket_whatsapp_connection_state",
			Help: "1 for the WhatsApp connection's current state."}, []string{"state"}),
		PermanentDisconnects: counters("loket_whatsapp_permanent_disconnects_total",
			"Disconnects WhatsApp does not recover from by itself (logged out, replaced, banned, outdated), by the state they led to.", "state"),
	}
	if reg != nil {
		reg.MustRegister(m.MessagesIn, m.MessagesOut, m.SendErrors, m.Dialogs, m.LetterChecks, m.SetAside, m.OutboxGivenUp,
			m.FloodWarnings, m.OutageNotices, m.ConnectionState, m.PermanentDisconnects)
	}
	return m
}
