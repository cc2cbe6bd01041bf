package memstore

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/uns-dtik/loket"
)

// Search implements loket.ReportStore, matching as ILIKE '%text%' does.
func (db *DB) Search(_ context.Context, text string, limit int) ([]*loket.Request, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if limit <= 0 {
		return nil, nil // SQL's LIMIT 0
	}
	patterns := []string{strings.ToLower(text)}
	if phone := loket.NormalizePhone(text); phone != "" {
		patterns = append(patterns, strings.ToLower(phone))
	}
	matches := func(s string) bool {
		return slices.ContainsFunc(patterns, func(p string) bool { return strings.Contains(strings.ToLower(s), p) })
	}
	return db.list(func(r *request) bool {
		return matches(r.Ref) || matches(r.Name) || matches(r.Phone) ||
			slices.ContainsFunc(r.Fields, func(f loket.Field) bool { return matches(f.Value) || matches(f.Shown) })
	}, newestFirst, limit), nil
}

// Counts implements loket.ReportStore.
func (db *DB) Counts(context.Context) ([]loket.Count, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	var out []loket.Count
	for _, r := range db.requests {
		i := slices.IndexFunc(out, func(c loket.Count) bool { return c.Service == r.Service && c.Status == r.Status })
		if i < 0 {
			out = append(out, loket.Count{Service: r.Service, Status: r.Status})
			i = len(out) - 1
		}
		out[i].N++
	}
	slices.SortFunc(out, func(a, b loket.Count) int {
		return cmp.Or(cmp.Compare(a.Service, b.Service), cmp.Compare(a.Status, b.Status))
	})
	return out, nil
}

// StageMedians implements loket.ReportStore, with percentile_cont's interpolation.
func (db *DB) StageMedians(_ context.Context, services []string) (map[loket.Status]time.Duration, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	stays := map[loket.Status][]float64{}
	entered := map[int64]event{}
	for _, e := range db.events {
		if r := db.byID(e.requestID); r == nil || !slices.Contains(services, r.Service) {
			continue
		}
		if prev, ok := entered[e.requestID]; ok {
			stays[prev.To] = append(stays[prev.To], e.At.Sub(prev.At).Seconds())
		}
		entered[e.requestID] = e
	}
	out := map[loket.Status]time.Duration{}
	for status, secs := range stays {
		slices.Sort(secs)
		pos := 0.5 * float64(len(secs)-1)
		lo, hi := secs[int(math.Floor(pos))], secs[int(math.Ceil(pos))]
		out[status] = time.Duration((lo + (pos-math.Floor(pos))*(hi-lo)) * float64(time.Second))
	}
	return out, nil
}
