package memstore

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/uns-dtik/loket"
)

// person is a staff member: one name, and when each role was given.
type person struct {
	name  string
	roles map[loket.Role]time.Time
}

// AddStaff implements loket.StaffStore; h's replies are not kept (no inbox here).
// welcome, when set, is asked only when the role is new to phone.
func (db *DB) AddStaff(_ context.Context, phone string, role loket.Role, name string, _ *loket.Handled, welcome loket.Welcomer) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	p := db.staff[phone]
	if p == nil {
		p = &person{roles: map[loket.Role]time.Time{}}
		db.staff[phone] = p
	}
	p.name = name
	if _, held := p.roles[role]; held {
		return nil
	}
	now := time.Now()
	p.roles[role] = stamp(now)
	if welcome != nil {
		db.addOutbox(0, welcome(*db.member(phone), role, db.list(in(loket.Lifecycles.AwaitingStaff()), oldestFirst, 0)), now)
	}
	return nil
}

// RemoveStaff implements loket.StaffStore: the last pimpinan keeps the role
// (loket.ErrLastPimpinan), checked under the same lock as the removal.
func (db *DB) RemoveStaff(_ context.Context, phone string, role loket.Role, _ *loket.Handled) (int, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	p := db.staff[phone]
	if p == nil {
		return 0, nil
	}
	if _, held := p.roles[loket.RolePimpinan]; held && (role == "" || role == loket.RolePimpinan) && db.pimpinans() == 1 {
		return 0, loket.ErrLastPimpinan
	}
	n := 0
	for r := range p.roles {
		if role == "" || r == role {
			delete(p.roles, r)
			n++
		}
	}
	if len(p.roles) == 0 {
		delete(db.staff, phone)
	}
	return n, nil
}

// pimpinans is how many staff members hold the pimpinan role.
func (db *DB) pimpinans() int {
	n := 0
	for _, p := range db.staff {
		if _, held := p.roles[loket.RolePimpinan]; held {
			n++
		}
	}
	return n
}

// ListStaff implements loket.StaffDirectory.
func (db *DB) ListStaff(context.Context) ([]loket.Staff, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.listStaff(), nil
}

func (db *DB) listStaff() []loket.Staff {
	var out []loket.Staff
	for phone := range db.staff {
		out = append(out, *db.member(phone))
	}
	slices.SortFunc(out, func(a, b loket.Staff) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Phone, b.Phone)) })
	return out
}

// StaffByPhone implements loket.StaffDirectory.
func (db *DB) StaffByPhone(_ context.Context, phone string) (*loket.Staff, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.staff[phone] == nil {
		return nil, loket.ErrNotFound
	}
	return db.member(phone), nil
}

// member is the staff member with that number, roles in the order of loket.Roles,
// since their first role.
func (db *DB) member(phone string) *loket.Staff {
	p := db.staff[phone]
	s := &loket.Staff{Phone: phone, Name: p.name}
	for _, role := range loket.Roles {
		if since, held := p.roles[role]; held {
			s.Roles = append(s.Roles, role)
			if s.Since.IsZero() || since.Before(s.Since) {
				s.Since = since
			}
		}
	}
	return s
}
