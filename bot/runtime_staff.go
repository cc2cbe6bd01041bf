package bot

// Who the runtime tells and recognises: the admins told of a permanent disconnect,
// and the staff whose LIDs it resolves so they are known by either address.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/types"

	"github.com/uns-dtik/loket"
)

// permanent records a permanent disconnect: the log, the status page and a message
// to every admin, which the outbox delivers once WhatsApp takes messages again.
//
// A state the admins were told of within the last hour is not told again: a number
// replaced again and again would otherwise send them a message each time.
func (r *Runtime) permanent(ctx context.Context, state, why string) {
	r.log().Error("WhatsApp connection lost", "state", state, "reason", why)
	r.set(func(s *Status) { s.State, s.LastError = state, why })
	r.Bot.Metrics.PermanentDisconnects.WithLabelValues(state).Inc()
	r.mu.Lock()
	if r.told == nil {
		r.told = map[string]time.Time{}
	}
	recent := time.Since(r.told[state]) < time.Hour
	if !recent {
		r.told[state] = time.Now()
	}
	r.mu.Unlock()
	if recent {
		return
	}
	staff, err := r.Store.ListStaff(ctx)
	if err != nil {
		return
	}
	var notes []loket.Notification
	text := fmt.Sprintf(disconnectNotice, loket.FormatTime(time.Now(), loket.Indonesian), why)
	for _, s := range staff {
		if s.Has(loket.RoleAdmin) {
			notes = append(notes, loket.Notification{Chat: loket.ChatOf(s.Phone), Text: text})
		}
	}
	if err := r.Store.Notify(ctx, 0, notes, time.Now(), nil); err != nil {
		r.log().Warn("could not queue the notice to the admins", "err", err)
	}
}

func (r *Runtime) failed(err error) {
	r.log().Error("WhatsApp runtime", "err", err)
	r.set(func(s *Status) { s.LastError = err.Error() })
}

// staffCheckEvery is how often the runtime looks whether staff were added (by `loket
// staff add` in another process, or a command in chat) to resolve their LIDs.
const staffCheckEvery = time.Minute

// watchStaff resolves the staff's LIDs after each connection and whenever the staff
// numbers change, until ctx ends.
func (r *Runtime) watchStaff(ctx context.Context, cli *whatsmeow.Client) {
	resolved, force := "", false
	tick := time.NewTicker(staffCheckEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-r.staffNow():
			force = true
		}
		if !cli.IsConnected() {
			continue
		}
		staff, err := r.Store.ListStaff(ctx)
		if err != nil {
			continue
		}
		numbers := staffNumbers(staff)
		if numbers == resolved && !force {
			continue
		}
		if r.resolveStaff(ctx, cli, staff) {
			resolved, force = numbers, false
		}
	}
}

// resolveStaffNow has watchStaff resolve the LIDs at once.
func (r *Runtime) resolveStaffNow() {
	select {
	case r.staffNow() <- struct{}{}:
	default:
	}
}

func (r *Runtime) staffNow() chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.staffWake == nil {
		r.staffWake = make(chan struct{}, 1)
	}
	return r.staffWake
}

// staffNumbers is the set of staff numbers, as one comparable string.
func staffNumbers(staff []loket.Staff) string {
	phones := make([]string, len(staff))
	for i, s := range staff {
		phones[i] = s.Phone
	}
	slices.Sort(phones)
	return strings.Join(phones, ",")
}

// resolveStaff asks WhatsApp for every staff number's LID and records them, so a
// staff member whose message comes with a LID alone is still recognised. It
// reports whether that worked.
func (r *Runtime) resolveStaff(ctx context.Context, cli *whatsmeow.Client, staff []loket.Staff) bool {
	if len(staff) == 0 {
		return true
	}
	jids := make([]types.JID, len(staff))
	for i, s := range staff {
		jids[i] = types.NewJID(loket.ChatOf(s.Phone), types.DefaultUserServer)
	}
	info, err := cli.GetUserInfo(ctx, jids)
	if err != nil {
		r.log().Warn("could not resolve the staff's LIDs", "err", err)
		return false
	}
	lids := map[string]string{}
	for jid, u := range info {
		if !u.LID.IsEmpty() {
			lids[u.LID.User] = "+" + jid.User
		}
	}
	if err := r.Store.SaveStaffLIDs(ctx, lids); err != nil {
		r.log().Warn("could not record the staff's LIDs", "err", err)
		return false
	}
	r.log().Info("resolved the staff's WhatsApp LIDs", "staff", len(staff), "lids", len(lids))
	return true
}

// GetPNForLID resolves a LID to a phone number: through the device's LID map, which
// whatsmeow fills from every message, then the staff's recorded LIDs.
func (r *Runtime) GetPNForLID(ctx context.Context, lid types.JID) (types.JID, error) {
	if cli := r.current(); cli != nil {
		if pn, err := cli.Store.LIDs.GetPNForLID(ctx, lid); err == nil && !pn.IsEmpty() {
			return pn, nil
		}
	}
	phone, err := r.Store.PhoneByLID(ctx, lid.User)
	if err != nil || phone == "" {
		return types.JID{}, err
	}
	return types.NewJID(loket.ChatOf(phone), types.DefaultUserServer), nil
}
