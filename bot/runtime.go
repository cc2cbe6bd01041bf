package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/store"
	"go.mau.fi/whatsmeow/store/sqlstore"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"github.com/uns-dtik/loket"
)

// The connection states the status page, /readyz and the metrics show.
const (
	StateStarting   = "starting"
	StateStandingBy = "standing by"         // another process holds this number's connection
	StatePairing    = "waiting for pairing" // a QR code or a phone code is shown
	StateConnecting = "connecting"
	StateConnected  = "connected"
	StateBanned     = "temporarily banned"
	StateReplaced   = "replaced by another client"
	StateLoggedOut  = "logged out"
	StateOutdated   = "client outdated" // WhatsApp refuses this whatsmeow; the process exits
	StateStopped    = "not connected"   // the connection was given up: shutting down, or the number's lock lost
)

// Status is what the runtime tells an operator: no personal data but the bot's own
// number.
type Status struct {
	State string
	Since time.Time
	// Paired is the bot's own number (E.164) once paired.
	Paired string
	// QR is the current pairing QR code, PairCode the phone pairing code.
	QR, PairCode string
	// LastError says what last went wrong, for the operator.
	LastError string
	// Attempt counts connection attempts since the last success.
	Attempt int
}

// RuntimeStore is what the runtime needs from PostgreSQL (store.DB satisfies it).
type RuntimeStore interface {
	loket.StaffDirectory
	loket.Notifier
	// SaveStaffLIDs records the LID WhatsApp reported for staff numbers (lid → E.164).
	SaveStaffLIDs(ctx context.Context, lids map[string]string) error
	// PhoneByLID returns the staff number recorded for a LID, "" when none is.
	PhoneByLID(ctx context.Context, lid string) (string, error)
}

// ErrClientOutdated ends Run when WhatsApp refuses this build of whatsmeow (405): only
// updating the module helps, and reconnecting would only be refused again.
var ErrClientOutdated = errors.New("WhatsApp refuses this whatsmeow version (405 client outdated): update go.mau.fi/whatsmeow and rebuild")

// Runtime keeps the bot on real WhatsApp: whatsmeow's device store in PostgreSQL,
// pairing by QR code or phone code, reconnecting with capped backoff, the permanent
// disconnects (logged out, replaced, banned, outdated) and the staff's LIDs. Run it
// inside Exclusive, so one process at a time is connected as the number. It is the bot's Client: every call goes to the connection of
// the moment, and fails with ErrNotConnected between connections.
type Runtime struct {
	Bot     *Bot
	Store   RuntimeStore
	Devices *sqlstore.Container
	// PairPhone, when set (digits, international), pairs with a phone code instead
	// of the QR code.
	PairPhone string
	// OnQR and OnPairCode show a new QR code or phone code (the terminal prints them).
	OnQR       func(code string)
	OnPairCode func(code string)
	Log        *slog.Logger
	// MaxBackoff caps the wait between connection attempts (default 60 s).
	MaxBackoff time.Duration

	mu     sync.Mutex
	status Status
	client *whatsmeow.Client
	// staffWake asks watchStaff to resolve the staff's LIDs at once.
	staffWake chan struct{}
	// told is when the admins were last told of each permanent state.
	told map[string]time.Time
}

var _ Client = (*Runtime)(nil)

func (r *Runtime) log() *slog.Logger {
	if r.Log != nil {
		return r.Log
	}
	return slog.Default()
}

// Status returns the runtime's state now.
func (r *Runtime) Status() Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.status
}

func (r *Runtime) set(f func(s *Status)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	before := r.status.State
	f(&r.status)
	if r.status.State != before {
		r.status.Since = time.Now()
		r.Bot.Metrics.Connection(r.status.State)
	}
}

func (r *Runtime) current() *whatsmeow.Client {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.client
}

// Run connects and stays connected until ctx ends; it returns ErrClientOutdated when
// only an update helps.
func (r *Runtime) Run(ctx context.Context) error {
	r.Bot.init()
	r.set(func(s *Status) { s.State = StateStarting })
	defer r.set(func(s *Status) {
		if s.State != StateOutdated {
			s.State = StateStopped
		}
	})
	for ctx.Err() == nil {
		device, err := r.Devices.GetFirstDevice(ctx)
		if err != nil {
			r.failed(fmt.Errorf("read the WhatsApp device: %w", err))
			if !sleep(ctx, r.backoff(1)) {
				break
			}
			continue
		}
		err = r.session(ctx, device)
		if errors.Is(err, ErrClientOutdated) {
			return err
		}
		if err != nil && ctx.Err() == nil {
			r.failed(err)
		}
	}
	return nil
}

// StandingBy shows that another process holds this number's connection (see
// Exclusive); Run is not running meanwhile.
func (r *Runtime) StandingBy() {
	r.set(func(s *Status) { s.State = StateStandingBy })
}

// session runs one device: pairs it if needed, then connects and reconnects until
// ctx ends or the device is logged out (then a fresh device pairs again).
func (r *Runtime) session(ctx context.Context, device *store.Device) error {
	cli := whatsmeow.NewClient(device, WhatsAppLog(r.log(), "whatsmeow"))
	cli.EnableAutoReconnect = false // reconnecting, with a cap, is ours
	cli.SynchronousAck = true
	cli.EnableDecryptedEventBuffer = true
	cli.UseRetryMessageStore = true // retry receipts find the message after a restart
	conn := make(chan any, 16)
	cli.AddEventHandler(func(evt any) {
		switch evt.(type) {
		case *events.Connected, *events.Disconnected, *events.LoggedOut, *events.StreamReplaced,
			*events.TemporaryBan, *events.ClientOutdated, *events.ConnectFailure, *events.KeepAliveTimeout:
			select {
			case conn <- evt:
			default: // the loop is behind; the next state says the same
			}
		}
	})
	cli.AddEventHandlerWithSuccessStatus(r.Bot.HandleEvent)
	r.mu.Lock()
	r.client = cli
	r.mu.Unlock()
	defer func() {
		cli.Disconnect()
		r.mu.Lock()
		r.client = nil
		r.mu.Unlock()
	}()
	if device.ID == nil {
		if err := r.pair(ctx, cli); err != nil {
			return err
		}
		// What happened while pairing is over (whatsmeow reconnects by itself after
		// it); the connection check sees the new connection either way.
		for len(conn) > 0 {
			<-conn
		}
	}
	watch, stopWatching := context.WithCancel(ctx)
	defer stopWatching()
	go r.watchStaff(watch, cli)
	return r.stayConnected(ctx, cli, conn)
}

// connectionCheck is how often stayConnected looks at the connection itself, beside
// the events: whatsmeow reconnects by itself after some stream errors (515) and says
// nothing when that fails, and an event can be dropped when the loop is behind.
const connectionCheck = 5 * time.Second

// stayConnected connects and, after every disconnect, connects again, waiting longer
// each time up to MaxBackoff. It handles WhatsApp's permanent disconnects as they
// need.
func (r *Runtime) stayConnected(ctx context.Context, cli *whatsmeow.Client, conn <-chan any) error {
	attempt := 0
	var replaced backoffSeries
	check := time.NewTicker(connectionCheck)
	defer check.Stop()
	for ctx.Err() == nil {
		if !cli.IsConnected() {
			attempt++
			r.set(func(s *Status) { s.State, s.Attempt = StateConnecting, attempt })
			err := cli.ConnectContext(ctx)
			if errors.Is(err, store.ErrDeviceDeleted) {
				// Logged out while the loop did not look (its event dropped): a fresh
				// device pairs again.
				r.permanent(ctx, StateLoggedOut, "the device was deleted (logged out); pair again")
				return nil
			}
			if err != nil && !errors.Is(err, whatsmeow.ErrAlreadyConnected) {
				wait := r.backoff(attempt)
				r.log().Warn("connecting to WhatsApp failed; trying again", "attempt", attempt, "in", wait, "err", err)
				r.set(func(s *Status) { s.LastError = err.Error() })
				if !sleep(ctx, wait) {
					return nil
				}
				continue
			}
		}
		var evt any
		select {
		case <-ctx.Done():
			return nil
		case evt = <-conn:
		case <-check.C:
			connected := cli.IsConnected() && cli.IsLoggedIn()
			if state := r.Status().State; connected && state != StateConnected {
				attempt = 0
				r.connected(ctx, cli)
			} else if !cli.IsConnected() && state == StateConnected {
				r.log().Warn("the WhatsApp connection ended without a word; reconnecting")
			}
			continue
		}
		switch e := evt.(type) {
		case *events.Connected:
			attempt = 0
			r.connected(ctx, cli)
		case *events.KeepAliveTimeout:
			// A connection that died silently (a NAT dropping it) answers nothing;
			// whatsmeow would reconnect only with its own auto-reconnect, which is off.
			if time.Since(e.LastSuccess) > whatsmeow.KeepAliveMaxFailTime {
				r.log().Warn("WhatsApp has not answered for minutes; reconnecting", "since", e.LastSuccess.Format(time.TimeOnly))
				cli.Disconnect()
			}
		case *events.Disconnected:
			r.log().Warn("disconnected from WhatsApp; reconnecting")
			if !sleep(ctx, r.backoff(attempt+1)) {
				return nil
			}
		case *events.StreamReplaced:
			// Another client took the session: back off long, and longer each time
			// it happens again within the hour, not to push each other off for ever.
			wait := replaced.next(time.Now(), 30*time.Second, 30*time.Minute)
			r.permanent(ctx, StateReplaced, "another client connected with this device's keys (stream replaced); trying again in "+wait.String())
			if !sleep(ctx, wait) {
				return nil
			}
		case *events.TemporaryBan:
			// Nothing is sent until it expires: the outbox keeps everything.
			r.permanent(ctx, StateBanned, e.String())
			if !sleep(ctx, max(e.Expire, time.Minute)) {
				return nil
			}
		case *events.LoggedOut:
			r.permanent(ctx, StateLoggedOut, fmt.Sprintf("logged out by WhatsApp (%v); pair again", e.Reason))
			return nil // a fresh device pairs again
		case *events.ClientOutdated:
			// No notice to the admins: it could only go out after the update, stale,
			// and each restart into the same refusal would add one.
			r.log().Error("WhatsApp connection lost", "state", StateOutdated, "reason", ErrClientOutdated)
			r.set(func(s *Status) { s.State, s.LastError = StateOutdated, ErrClientOutdated.Error() })
			r.Bot.Metrics.PermanentDisconnects.WithLabelValues(StateOutdated).Inc()
			return ErrClientOutdated
		case *events.ConnectFailure:
			wait := r.backoff(attempt + 1)
			r.log().Warn("WhatsApp refused the connection; trying again", "reason", e.Reason, "message", e.Message, "in", wait)
			r.set(func(s *Status) { s.LastError = fmt.Sprintf("connect failure %d %s", e.Reason, e.Message) })
			if !sleep(ctx, wait) {
				return nil
			}
		}
	}
	return nil
}

// connected records a connection: the status, the staff's LIDs to resolve, the
// dispatcher to wake (replies waited for it), and the bot shown as online — WhatsApp
// shows "typing…" only from a client that is.
func (r *Runtime) connected(ctx context.Context, cli *whatsmeow.Client) {
	r.set(func(s *Status) {
		s.State, s.Attempt, s.QR, s.PairCode = StateConnected, 0, "", ""
		if id := cli.Store.GetJID(); !id.IsEmpty() {
			s.Paired = "+" + id.User
		}
	})
	r.log().Info("connected to WhatsApp")
	// whatsmeow learns the account's name from the phone some time after pairing;
	// until then it cannot say "online", and the next connection does.
	if err := cli.SendPresence(ctx, types.PresenceAvailable); err != nil {
		r.log().Debug("could not show the bot as online", "err", err)
	}
	r.resolveStaffNow() // on every connection: the LIDs may have changed meanwhile
	r.Bot.poke()
}

// backoffSeries is a wait that doubles each time it is asked for again within an
// hour of the last time, from first up to most.
type backoffSeries struct {
	last time.Time
	n    int
}

func (b *backoffSeries) next(now time.Time, first, most time.Duration) time.Duration {
	if now.Sub(b.last) > time.Hour {
		b.n = 0
	}
	b.last = now
	b.n++
	return min(first<<min(b.n-1, 16), most)
}

// backoff is 2 s, 4 s, 8 s … up to MaxBackoff.
func (r *Runtime) backoff(attempt int) time.Duration {
	return min(2*time.Second<<min(max(attempt-1, 0), 10), orDefault(r.MaxBackoff, time.Minute))
}

// sleep waits d or until ctx ends, reporting whether it waited d.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
