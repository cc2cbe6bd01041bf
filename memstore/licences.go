package memstore

import (
	"context"
	"slices"
	"time"

	"github.com/uns-dtik/loket"
)

// DayLoads implements loket.LicencePool as store.DB's query does: every day of the
// span, with the claiming requests of service whose period holds it, filed before
// `before` when set, in filing (ID) order.
func (db *DB) DayLoads(_ context.Context, service string, from, to time.Time, before int64) ([]loket.DayLoad, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.dayLoads(service, from, to, before)
}

func (db *DB) dayLoads(service string, from, to time.Time, before int64) ([]loket.DayLoad, error) {
	from, to = loket.Date(from), loket.Date(to)
	if to.Before(from) {
		return nil, nil
	}
	if (loket.Period{From: from, To: to}).Days() > loket.MaxLoadDays {
		return nil, loket.ErrTooManyDays
	}
	claiming := in(loket.Requests.Claiming())
	var out []loket.DayLoad
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		load := loket.DayLoad{Day: d, Refs: []string{}}
		for _, r := range db.requests { // by ID: filing order
			p := r.Period
			if r.Service == service && claiming(r) && (before == 0 || r.ID < before) &&
				p != nil && !d.Before(p.From) && !d.After(p.To) {
				load.Refs = append(load.Refs, r.Ref)
			}
		}
		out = append(out, load)
	}
	return out, nil
}

// claimDays decides whether n waits for a licence: one of its days holds capacity
// requests filed before except (all, for a new request). The store's one lock makes
// it atomic with the filing, as store.DB's advisory lock does.
func (db *DB) claimDays(n loket.NewRequest, except int64) bool {
	if n.Period == nil || n.Capacity <= 0 {
		return false
	}
	loads, err := db.dayLoads(n.Service, n.Period.From, n.Period.To, except)
	if err != nil { // a period of more than a year: marked waiting, as store.DB does
		return true
	}
	return slices.ContainsFunc(loads, func(d loket.DayLoad) bool { return d.Full(n.Capacity) })
}

// period is a copy of p, dates at midnight in Jakarta as the store reads them back.
func period(p *loket.Period) *loket.Period {
	if p == nil {
		return nil
	}
	return &loket.Period{From: loket.Date(p.From), To: loket.Date(p.To)}
}
