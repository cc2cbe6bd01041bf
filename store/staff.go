package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/uns-dtik/loket"
)

// AddStaff gives phone the role (adding the person if new) and sets their name, with
// the replies of the message that asked for it when h is set, and what welcome
// composes when the role is new to them, in one transaction: the member is told of
// what waits for them exactly when they are given the role.
func (db *DB) AddStaff(ctx context.Context, phone string, role loket.Role, name string, h *loket.Handled, welcome loket.Welcomer) error {
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		// Only the transaction that inserts the row gives the role: two adds at once
		// welcome the member once.
		tag, err := tx.Exec(ctx, `
			INSERT INTO staff (phone, role, name) VALUES ($1, $2, $3)
			ON CONFLICT (phone, role) DO NOTHING`, phone, string(role), name)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE staff SET name = $2 WHERE phone = $1`, phone, name); err != nil {
			return err
		}
		if tag.RowsAffected() == 1 && welcome != nil {
			if err := welcomeIn(ctx, tx, phone, role, welcome); err != nil {
				return err
			}
		}
		return recordHandled(ctx, tx, h)
	})
	if err != nil {
		return fmt.Errorf("add staff: %w", err)
	}
	return nil
}

// welcomeIn writes, in tx, what welcome tells phone, just given role.
func welcomeIn(ctx context.Context, tx pgx.Tx, phone string, role loket.Role, welcome loket.Welcomer) error {
	member, err := queryStaff(ctx, tx, "WHERE phone = $1", phone)
	if err != nil || len(member) != 1 {
		return fmt.Errorf("read the staff member added: %d rows, %w", len(member), err)
	}
	awaiting, err := queryRequests(ctx, tx, `r.status = ANY($1) ORDER BY r.created_at, r.id`, statusNames(loket.Lifecycles.AwaitingStaff()))
	if err != nil {
		return err
	}
	return addOutbox(ctx, tx, 0, welcome(member[0], role, awaiting), time.Now())
}

// RemoveStaff takes role from phone, or every role when role is empty, with the
// replies of the message that asked for it when h is set. It returns how many roles
// were taken away (0: the person did not hold it), or loket.ErrLastPimpinan when
// phone is the only pimpinan and the removal takes that role.
func (db *DB) RemoveStaff(ctx context.Context, phone string, role loket.Role, h *loket.Handled) (int, error) {
	var n int
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		if role == "" || role == loket.RolePimpinan {
			if err := keepOnePimpinan(ctx, tx, phone); err != nil {
				return err
			}
		}
		tag, err := tx.Exec(ctx, `DELETE FROM staff WHERE phone = $1 AND ($2 = '' OR role = $2)`, phone, string(role))
		if err != nil {
			return err
		}
		n = int(tag.RowsAffected())
		return recordHandled(ctx, tx, h)
	})
	if err != nil {
		return 0, fmt.Errorf("remove staff: %w", err)
	}
	return n, nil
}

// keepOnePimpinan refuses, in tx, to take the pimpinan role from phone when no one
// else holds it. The pimpinans' rows are locked first, in one order (two removals
// never wait on each other crosswise): a concurrent removal waits for this
// transaction, then reads the rows it left, so two pimpinans removing each other at
// once leave one.
func keepOnePimpinan(ctx context.Context, tx pgx.Tx, phone string) error {
	rows, err := tx.Query(ctx, `SELECT phone FROM staff WHERE role = $1 ORDER BY phone FOR UPDATE`, string(loket.RolePimpinan))
	if err != nil {
		return err
	}
	pimpinans, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	if len(pimpinans) == 1 && pimpinans[0] == phone {
		return loket.ErrLastPimpinan
	}
	return nil
}

// querier reads rows: the pool, or a transaction that must see its own writes.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// ListStaff returns every staff member with their roles, by name.
func (db *DB) ListStaff(ctx context.Context) ([]loket.Staff, error) { return listStaff(ctx, db.Pool) }

// staffRows reads staff members, one row per number with its roles in the order
// admin, pimpinan, staf; where narrows the numbers (placeholders $1…).
const staffRows = `SELECT phone, min(name), array_agg(role ORDER BY array_position(ARRAY['admin','pimpinan','staf'], role)), min(added_at)
	FROM staff %s GROUP BY phone ORDER BY min(name), phone`

func listStaff(ctx context.Context, q querier) ([]loket.Staff, error) {
	return queryStaff(ctx, q, "")
}

func queryStaff(ctx context.Context, q querier, where string, args ...any) ([]loket.Staff, error) {
	rows, err := q.Query(ctx, fmt.Sprintf(staffRows, where), args...)
	if err != nil {
		return nil, fmt.Errorf("read staff: %w", err)
	}
	return scanStaff(rows)
}

func scanStaff(rows pgx.Rows) ([]loket.Staff, error) {
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (loket.Staff, error) {
		var s loket.Staff
		err := row.Scan(&s.Phone, &s.Name, &s.Roles, &s.Since)
		return s, err
	})
}

// StaffByPhone returns the staff member with that E.164 number, or loket.ErrNotFound.
func (db *DB) StaffByPhone(ctx context.Context, phone string) (*loket.Staff, error) {
	found, err := queryStaff(ctx, db.Pool, "WHERE phone = $1", phone)
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, loket.ErrNotFound
	}
	return &found[0], nil
}

// SaveStaffLIDs records the LID WhatsApp reported for staff numbers (lid → E.164).
func (db *DB) SaveStaffLIDs(ctx context.Context, lids map[string]string) error {
	for lid, phone := range lids {
		if _, err := db.Pool.Exec(ctx, `
			INSERT INTO staff_lids (lid, phone) VALUES ($1, $2)
			ON CONFLICT (lid) DO UPDATE SET phone = EXCLUDED.phone, resolved_at = now()`, lid, phone); err != nil {
			return fmt.Errorf("save staff LID: %w", err)
		}
	}
	return nil
}

// PhoneByLID returns the staff number recorded for a LID, "" when none is.
func (db *DB) PhoneByLID(ctx context.Context, lid string) (string, error) {
	var phone string
	err := db.Pool.QueryRow(ctx, `SELECT phone FROM staff_lids WHERE lid = $1`, lid).Scan(&phone)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read staff LID: %w", err)
	}
	return phone, nil
}
