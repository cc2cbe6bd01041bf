package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/uns-dtik/loket"
)

// Search returns up to limit requests whose reference, applicant name or number, or
// any answer (unit, event, e-mail, username …) contains text, newest first.
func (db *DB) Search(ctx context.Context, text string, limit int) ([]*loket.Request, error) {
	escape := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	patterns := []string{"%" + escape.Replace(text) + "%"}
	if phone := loket.NormalizePhone(text); phone != "" {
		// Numbers are stored in E.164: "0812 3456 7001" finds "+6281234567001".
		patterns = append(patterns, "%"+escape.Replace(phone)+"%")
	}
	// Answers are matched by value (and as shown), never by the JSON around them, so
	// "/cari value" does not find every request.
	return db.requests(ctx, `(r.ref ILIKE ANY($1) OR r.name ILIKE ANY($1) OR r.phone ILIKE ANY($1)
		OR EXISTS (SELECT 1 FROM jsonb_array_elements(CASE jsonb_typeof(r.fields) WHEN 'array' THEN r.fields ELSE '[]' END) f WHERE f->>'value' ILIKE ANY($1) OR f->>'shown' ILIKE ANY($1)))
		ORDER BY r.created_at DESC, r.id DESC LIMIT $2`, patterns, limit)
}

// Counts returns the number of requests per service and status.
func (db *DB) Counts(ctx context.Context) ([]loket.Count, error) {
	rows, err := db.Pool.Query(ctx, `SELECT service, status, count(*) FROM requests GROUP BY service, status ORDER BY service, status`)
	if err != nil {
		return nil, fmt.Errorf("count requests: %w", err)
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (loket.Count, error) {
		var c loket.Count
		err := row.Scan(&c.Service, &c.Status, &c.N)
		return c, err
	})
}

// StageMedians returns, per status a request of one of services left, the median
// time it stayed there (e.g. submitted: how long admins take to verify or reject).
func (db *DB) StageMedians(ctx context.Context, services []string) (map[loket.Status]time.Duration, error) {
	rows, err := db.Pool.Query(ctx, `
		WITH spans AS (
			SELECT e.to_status AS stage, e.at AS entered,
				lead(e.at) OVER (PARTITION BY e.request_id ORDER BY e.id) AS left_at
			FROM request_events e JOIN requests r ON r.id = e.request_id
			WHERE r.service = ANY($1))
		SELECT stage, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM left_at - entered))
		FROM spans WHERE left_at IS NOT NULL GROUP BY stage`, services)
	if err != nil {
		return nil, fmt.Errorf("stage medians: %w", err)
	}
	type median struct {
		stage loket.Status
		secs  float64
	}
	medians, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (median, error) {
		var m median
		err := row.Scan(&m.stage, &m.secs)
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("stage medians: %w", err)
	}
	out := make(map[loket.Status]time.Duration, len(medians))
	for _, m := range medians {
		out[m.stage] = time.Duration(m.secs * float64(time.Second))
	}
	return out, nil
}
