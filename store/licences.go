package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/uns-dtik/loket"
)

// The licence pool in PostgreSQL: a request's days are the range requests.period
// (GiST-indexed), and the count per day is one query joining generate_series over the
// asked days with the requests whose range holds each day.

// dayLoadsSQL counts, per day from $2 to $3, the requests of service $1 whose period
// holds the day and whose status is one of $4, filed before request $5 (0: all),
// with their references in filing order.
const dayLoadsSQL = `
	SELECT d::date, coalesce(array_agg(r.ref ORDER BY r.id) FILTER (WHERE r.id IS NOT NULL), '{}')
	FROM generate_series($2::date, $3::date, interval '1 day') AS d
	LEFT JOIN requests r ON r.period @> d::date AND r.service = $1 AND r.status = ANY($4)
		AND ($5::bigint = 0 OR r.id < $5)
	GROUP BY d ORDER BY d`

// DayLoads implements loket.LicencePool.
func (db *DB) DayLoads(ctx context.Context, service string, from, to time.Time, before int64) ([]loket.DayLoad, error) {
	return dayLoads(ctx, db.Pool, service, from, to, before)
}

func dayLoads(ctx context.Context, q interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}, service string, from, to time.Time, before int64) ([]loket.DayLoad, error) {
	args, err := dayLoadsArgs(service, from, to, before)
	if args == nil {
		return nil, err
	}
	rows, err := q.Query(ctx, dayLoadsSQL, args...)
	if err != nil {
		return nil, fmt.Errorf("count licences: %w", err)
	}
	return scanDayLoads(rows)
}

// dayLoadsArgs are dayLoadsSQL's arguments; nil when there is nothing to count (no
// days, or more than loket.MaxLoadDays: then loket.ErrTooManyDays).
func dayLoadsArgs(service string, from, to time.Time, before int64) ([]any, error) {
	from, to = loket.Date(from), loket.Date(to)
	if to.Before(from) {
		return nil, nil
	}
	if (loket.Period{From: from, To: to}).Days() > loket.MaxLoadDays {
		return nil, loket.ErrTooManyDays
	}
	return []any{service, isoDay(from), isoDay(to), statusNames(loket.Requests.Claiming()), before}, nil
}

func scanDayLoads(rows pgx.Rows) ([]loket.DayLoad, error) {
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (loket.DayLoad, error) {
		var d loket.DayLoad
		err := row.Scan(&d.Day, &d.Refs)
		d.Day = loket.Date(d.Day)
		return d, err
	})
}

// isoDay is a date as PostgreSQL reads it, whatever zone t is in.
func isoDay(t time.Time) string { return loket.Date(t).Format("2006-01-02") }

// queueDays adds to b deciding, inside the filing (or resubmitting) transaction of
// n, whether its days are within capacity; after the batch, c.waiting says if they
// are not. Advisory locks held until commit make two applicants choosing the same
// days at the same moment take turns, so the second counts the first: one lock per
// day asked, taken in date order (so two filings never wait for each other both
// ways), under the service's lock shared. Applicants asking for different days do not
// wait for each other (the reference, drawn last, is all a service's filings take
// turns for); a period longer than lockDaysUpTo takes the service's lock alone, which
// waits out every filing of the service in flight (and the filings after it wait for
// it). except is the request being resubmitted: only requests filed before it count,
// as everywhere (first filed, first served).
func queueDays(b *pgx.Batch, n loket.NewRequest, except int64, c *filingChecks) error {
	if n.Period == nil || n.Capacity <= 0 {
		return nil
	}
	args, err := dayLoadsArgs(n.Service, n.Period.From, n.Period.To, except)
	if errors.Is(err, loket.ErrTooManyDays) {
		// A period of more than a year is not counted day by day: it is filed, marked
		// waiting, for staff to judge (the dialog says nothing of it either), and
		// since nothing is counted, no lock is needed.
		c.waiting = true
		return nil
	}
	if args == nil {
		return err
	}
	serviceKey := "loket:licence:" + n.Service
	if n.Period.Days() <= lockDaysUpTo {
		b.Queue(`SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))`, serviceKey)
		// The day spelled by to_char, not by DateStyle: every session must name a
		// day's lock alike.
		b.Queue(`SELECT pg_advisory_xact_lock(hashtextextended($1 || ':' || to_char(d, 'YYYY-MM-DD'), 0))
			FROM generate_series($2::date, $3::date, interval '1 day') AS d ORDER BY d`, serviceKey, args[1], args[2])
	} else {
		b.Queue(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, serviceKey)
	}
	b.Queue(dayLoadsSQL, args...).Query(func(rows pgx.Rows) error {
		loads, err := scanDayLoads(rows)
		if err != nil {
			return fmt.Errorf("count %s licences: %w", n.Service, err)
		}
		for _, d := range loads {
			c.waiting = c.waiting || d.Full(n.Capacity)
		}
		return nil
	})
	return nil
}

// periodRange is n's period as the daterange literal requests.period takes, nil
// (SQL NULL) when it has none.
func periodRange(p *loket.Period) any {
	if p == nil {
		return nil
	}
	return "[" + isoDay(p.From) + "," + isoDay(p.To) + "]"
}

// scanPeriod makes the period the columns lower(period), upper(period) - 1 read.
func scanPeriod(from, to *time.Time) *loket.Period {
	if from == nil || to == nil {
		return nil
	}
	return &loket.Period{From: loket.Date(*from), To: loket.Date(*to)}
}

// lockDaysUpTo is the longest period whose days queueDays locks one by one; a Zoom
// event lasts a few days, and a longer period is rare enough to wait for the rest.
const lockDaysUpTo = 31
