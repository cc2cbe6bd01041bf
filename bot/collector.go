package bot

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/uns-dtik/loket"
)

// StatsStore is what the metrics read from PostgreSQL at each scrape (store.DB
// satisfies it).
type StatsStore interface {
	Queues(ctx context.Context) (loket.Queues, error)
	Transitions(ctx context.Context) ([]loket.TransitionCount, error)
}

// StoreCollector reports, at each scrape, what PostgreSQL knows: the inbox and outbox
// depths and the age of their oldest entries (the inbox lag), and the requests'
// status transitions by service. Read from the database, they are right across
// restarts and across a failover to another process.
func StoreCollector(s StatsStore) prometheus.Collector {
	return &storeCollector{s: s}
}

type storeCollector struct{ s StatsStore }

var (
	queueDepthDesc = prometheus.NewDesc("loket_queue_depth", "Entries waiting: inbox (unhandled messages) and outbox (unsent notifications).",
		[]string{"queue"}, nil)
	queueAgeDesc = prometheus.NewDesc("loket_queue_oldest_seconds", "Age of the oldest waiting entry of each queue (the inbox's is the inbound lag).",
		[]string{"queue"}, nil)
	transitionsDesc = prometheus.NewDesc("loket_request_transitions_total", "Request status changes so far, by service and from/to status (from is empty for filing).",
		[]string{"service", "from", "to"}, nil)
	statsUpDesc = prometheus.NewDesc("loket_store_stats_up", "1 when the last scrape could read the database's figures.", nil, nil)
)

func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- queueDepthDesc
	ch <- queueAgeDesc
	ch <- transitionsDesc
	ch <- statsUpDesc
}

func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	// A scrape must answer even while PostgreSQL does not.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	up := 1.0
	if q, err := c.s.Queues(ctx); err == nil {
		for _, v := range []struct {
			name  string
			depth int
			age   time.Duration
		}{{"inbox", q.Inbox, q.InboxOldest}, {"outbox", q.Outbox, q.OutboxOldest}} {
			ch <- prometheus.MustNewConstMetric(queueDepthDesc, prometheus.GaugeValue, float64(v.depth), v.name)
			ch <- prometheus.MustNewConstMetric(queueAgeDesc, prometheus.GaugeValue, v.age.Seconds(), v.name)
		}
	} else {
		up = 0
	}
	if ts, err := c.s.Transitions(ctx); err == nil {
		for _, t := range ts {
			ch <- prometheus.MustNewConstMetric(transitionsDesc, prometheus.CounterValue, float64(t.Count), t.Service, t.From, t.To)
		}
	} else {
		up = 0
	}
	ch <- prometheus.MustNewConstMetric(statsUpDesc, prometheus.GaugeValue, up)
}
