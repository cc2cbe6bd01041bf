package backoffice

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/uns-dtik/loket"
)

// Staff are changed in chat (/staf tambah|hapus, by a pimpinan) and at the shell
// (`loket staff add|remove`, for the first set-up). Both go through ParseStaffChange
// and Office.AddStaff / Office.RemoveStaff, so a number, a role and the guard that
// keeps one pimpinan (the store's, loket.ErrLastPimpinan) are one rule wherever staff
// are changed.

// Why a staff change is refused for what it asks; each edge words them its own way.
var (
	ErrStaffNumber = errors.New("not a phone number; write it as 081100000001 or 6281100000001")
	ErrStaffRole   = errors.New("role is not admin, pimpinan or staf")
	ErrStaffName   = errors.New("a name is needed")
)

// StaffChange is a checked change to the staff list.
type StaffChange struct {
	Phone string // E.164
	// Role is the role to give, or to take away; empty on a removal: every role.
	Role loket.Role
	Name string // on an addition: one clean line
}

// ParseStaffChange checks a change as typed: number in any form loket.ParsePhone
// reads, role in any case (empty: every role, for a removal only), and the name of a
// person added (empty for a removal). A refusal wraps ErrStaffNumber, ErrStaffRole or
// ErrStaffName.
func ParseStaffChange(number, role, name string, adding bool) (StaffChange, error) {
	phone, err := loket.ParsePhone(number)
	if err != nil {
		return StaffChange{}, fmt.Errorf("%q: %w", number, ErrStaffNumber)
	}
	c := StaffChange{Phone: phone, Role: loket.Role(strings.ToLower(role))}
	if (adding || c.Role != "") && !loket.ValidRole(c.Role) {
		return StaffChange{}, fmt.Errorf("%q: %w", role, ErrStaffRole)
	}
	if adding {
		if c.Name = loket.CleanLine(name, loket.MaxNameLength); c.Name == "" {
			return StaffChange{}, ErrStaffName
		}
	}
	return c, nil
}

// AddStaff gives c.Phone the role c.Role under c.Name (adding the person if new),
// with h, the message that asked for it, when set. A role new to them comes with one
// message (Welcome) listing what already waits for it: a request filed before any
// admin was registered was announced to nobody.
func (o *Office) AddStaff(ctx context.Context, c StaffChange, h *loket.Handled) error {
	return o.Store.AddStaff(ctx, c.Phone, c.Role, c.Name, h, o.Welcome)
}

// Welcome is the office's loket.Welcomer: s, just given role, is told of the requests
// among awaiting that the role holds (the lifecycle table's holder under each
// service's approvers), oldest first, with the /antrian hint; nothing when none waits.
func (o *Office) Welcome(s loket.Staff, role loket.Role, awaiting []*loket.Request) []loket.Notification {
	rows := o.queueRows(awaiting, &s, role, 0)
	if len(rows) == 0 {
		return nil
	}
	text := say(staffWelcome{Name: s.Name, Role: role, Rows: strings.Join(rows, "\n")})
	return []loket.Notification{{Chat: loket.ChatOf(s.Phone), Text: text}}
}

// RemoveStaff takes c.Role (every role when empty) from c.Phone, unless that would
// leave no pimpinan (loket.ErrLastPimpinan, which the store decides in the removal's
// own transaction: a check here, before it, could be raced by a second removal). It
// returns how many roles it took, 0 without writing when the person holds none of
// them. record, when set, gives for that number the message that asked for it,
// recorded with the change.
func (o *Office) RemoveStaff(ctx context.Context, c StaffChange, record func(n int) *loket.Handled) (int, error) {
	all, err := o.Store.ListStaff(ctx)
	if err != nil {
		return 0, err
	}
	n := rolesHeld(all, c.Phone, c.Role)
	if n == 0 {
		return 0, nil
	}
	var h *loket.Handled
	if record != nil {
		h = record(n)
	}
	return o.Store.RemoveStaff(ctx, c.Phone, c.Role, h)
}

// staffCommand is /staf: list, tambah, hapus — for a pimpinan only.
func (h *handling) staffCommand(ctx context.Context, c command) error {
	if !h.o.mayGive(h.me, c.commandSpec) {
		h.reply(say(roleStaf{}))
		return nil
	}
	words := strings.Fields(c.args)
	if len(words) == 0 {
		all, err := h.o.Store.ListStaff(ctx)
		if err != nil {
			return err
		}
		h.reply(StaffList(all))
		return nil
	}
	switch strings.ToLower(words[0]) {
	case "tambah", "add":
		if len(words) < 4 {
			h.reply(say(staffAddUsage{}))
			return nil
		}
		c, err := ParseStaffChange(words[1], words[2], strings.Join(words[3:], " "), true)
		if err != nil {
			h.reply(say(staffAddUsage{}))
			return nil
		}
		added := say(staffAdded{Name: c.Name, Phone: c.Phone, Role: c.Role})
		if err := h.o.AddStaff(ctx, c, h.handled(added)); err != nil {
			return err
		}
		h.reply(added)
	case "hapus", "remove":
		if len(words) < 2 {
			h.reply(say(staffRemoveUsage{}))
			return nil
		}
		role := ""
		if len(words) > 2 {
			role = words[2]
		}
		c, err := ParseStaffChange(words[1], role, "", false)
		if err != nil {
			h.reply(say(staffRemoveUsage{}))
			return nil
		}
		var removed string
		n, err := h.o.RemoveStaff(ctx, c, func(n int) *loket.Handled {
			removed = say(staffRemoved{Roles: n, Phone: c.Phone})
			return h.handled(removed)
		})
		switch {
		case errors.Is(err, loket.ErrLastPimpinan):
			h.reply(say(staffLastPimpinan{}))
		case err != nil:
			return err
		case n == 0:
			h.reply(say(staffNothingRemoved{Phone: c.Phone}))
		default:
			h.reply(removed)
		}
	default:
		h.reply(say(staffAddUsage{}))
	}
	return nil
}

// rolesHeld is how many of the roles a removal names (all when role is empty) phone
// holds.
func rolesHeld(all []loket.Staff, phone string, role loket.Role) int {
	for _, s := range all {
		switch {
		case s.Phone != phone:
		case role == "":
			return len(s.Roles)
		case s.Has(role):
			return 1
		}
	}
	return 0
}

// StaffList renders the staff list (for /staf and `loket staff list`).
func StaffList(all []loket.Staff) string {
	if len(all) == 0 {
		return say(staffNone{})
	}
	rows := make([]string, len(all))
	for i, s := range all {
		roles := make([]string, len(s.Roles))
		for j, r := range s.Roles {
			roles[j] = string(r)
		}
		rows[i] = fmt.Sprintf("• %s — %s — %s", s.Name, s.Phone, strings.Join(roles, ", "))
	}
	return say(staffList{}) + "\n" + strings.Join(rows, "\n")
}
