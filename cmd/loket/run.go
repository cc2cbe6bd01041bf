package main

import (
	"cmp"
	"context"
	_ "embed"
	"fmt"
	"html/template"
	"image/png"
	"io"
	"net/http"
	"slices"
	"time"

	"github.com/mdp/qrterminal/v3"
	"github.com/prometheus/client_golang/prometheus"
	"go.mau.fi/whatsmeow/store"
	"go.mau.fi/whatsmeow/store/sqlstore"
	"google.golang.org/protobuf/proto"
	"rsc.io/qr"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot"
)

// deviceName is how the linked device shows on the phone (Linked devices).
const deviceName = "Loket DTIK"

// whatsAppDevices opens whatsmeow's device store in Loket's PostgreSQL (tables
// whatsmeow_*), upgraded to this whatsmeow's schema.
func (a *app) whatsAppDevices(ctx context.Context) (*sqlstore.Container, error) {
	container := sqlstore.NewWithDB(a.db.SQL(), "postgres", bot.WhatsAppLog(a.log, "whatsmeow/store"))
	if err := a.db.Serialized(ctx, "whatsmeow upgrade", func() error { return container.Upgrade(ctx) }); err != nil {
		return nil, fmt.Errorf("upgrade the WhatsApp device store: %w", err)
	}
	return container, nil
}

// serveWhatsApp runs the bot on real WhatsApp until ctx ends. Unpaired, it prints a
// QR code (or, with pairPhone, a phone pairing code) and shows it on the status page.
func (a *app) serveWhatsApp(ctx context.Context, out io.Writer, pairPhone string) error {
	store.DeviceProps.Os = proto.String(deviceName) // how the phone lists the linked device
	devices, err := a.whatsAppDevices(ctx)
	if err != nil {
		return err
	}
	if pairPhone != "" {
		device, err := devices.GetFirstDevice(ctx)
		if err != nil {
			return fmt.Errorf("read the WhatsApp device: %w", err)
		}
		if device.ID != nil {
			return fmt.Errorf("this database's device is already paired, as +%s: nothing to pair; start it with `loket run`. "+
				"To link another number, remove %q from Linked devices on the old phone first (Loket then shows a new QR code)",
				device.ID.User, deviceName)
		}
	}
	reg := prometheus.NewRegistry()
	b := a.newBot(reg)
	rt := &bot.Runtime{Bot: b, Store: a.db, Devices: devices, PairPhone: pairPhone, Log: a.log, MaxBackoff: a.cfg.ReconnectMax,
		OnQR: func(code string) {
			fmt.Fprintln(out, "Scan this QR code with WhatsApp on the bot's phone (Linked devices › Link a device); it changes every 20 seconds:")
			qrterminal.GenerateHalfBlock(code, qrterminal.L, out)
		},
		OnPairCode: func(code string) {
			fmt.Fprintf(out, "On the bot's phone: WhatsApp › Linked devices › Link a device › Link with phone number instead, and enter %s\n", code)
		}}
	b.Client, b.LIDs = rt, rt
	a.warnNoStaff(ctx)
	mux := http.NewServeMux()
	a.statusPage(mux, rt.Status)
	a.readiness = func(ctx context.Context) error {
		if st := rt.Status(); st.State != bot.StateConnected {
			return fmt.Errorf("WhatsApp not connected (%s)", st.State)
		}
		return nil
	}
	return a.serve(ctx, out, b, reg, mux, "Loket is running on WhatsApp; status on http://%s/\n",
		a.exclusive(rt.StandingBy, nil), rt.Run)
}

// missingRoles returns the roles a request needs to move on (admin, pimpinan) that
// nobody holds: requests would wait unseen. None when the database does not answer.
func (a *app) missingRoles(ctx context.Context) []loket.Role {
	staff, err := a.db.ListStaff(ctx)
	if err != nil {
		return nil
	}
	var missing []loket.Role
	for _, role := range []loket.Role{loket.RoleAdmin, loket.RolePimpinan} {
		if !slices.ContainsFunc(staff, func(s loket.Staff) bool { return s.Has(role) }) {
			missing = append(missing, role)
		}
	}
	return missing
}

// warnNoStaff says in the log, at start, which roles nobody holds.
func (a *app) warnNoStaff(ctx context.Context) {
	for _, role := range a.missingRoles(ctx) {
		a.log.Warn(fmt.Sprintf("no %s is registered: requests would wait unseen (loket staff add <number> %s \"<name>\")", role, role))
	}
}

// statusPage serves the operator's page at / (no personal data: the state, the bot's
// own number, the QR code while pairing, queue depths, the last error) and the QR
// code as an image at /qr.png.
func (a *app) statusPage(mux *http.ServeMux, status func() bot.Status) {
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		st := status()
		depth := a.queueDepths(r.Context())
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		holder := ""
		if st.State == bot.StateStandingBy {
			holder, _ = a.db.ConnectionHolder(r.Context())
		}
		if err := statusTemplate.Execute(w, map[string]any{"Status": st, "State": cmp.Or(stateLabels[st.State], st.State), "Holder": holder,
			"Depth": depth, "Warnings": a.missingRoles(r.Context()),
			"Since": loket.FormatTime(st.Since, loket.Indonesian)}); err != nil {
			a.log.Warn("status page", "err", err)
		}
	})
	mux.HandleFunc("GET /qr.png", func(w http.ResponseWriter, r *http.Request) {
		code := status().QR
		if code == "" {
			http.Error(w, "no QR code now: the device is paired, or WhatsApp has not sent one yet", http.StatusNotFound)
			return
		}
		c, err := qr.Encode(code, qr.L)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Cache-Control", "no-store")
		_ = png.Encode(w, c.Image())
	})
}

// queueDepths is what waits, for the status page: unhandled messages and unsent
// notifications, and how old the oldest of each is.
func (a *app) queueDepths(ctx context.Context) map[string]string {
	q, err := a.db.Queues(ctx)
	if err != nil {
		unknown := "tidak diketahui (basis data tidak menjawab)"
		return map[string]string{"inbox": unknown, "outbox": unknown}
	}
	show := func(n int, age time.Duration) string {
		if n == 0 {
			return "kosong"
		}
		return fmt.Sprintf("%d menunggu, terlama %s", n, age.Round(time.Second))
	}
	return map[string]string{"inbox": show(q.Inbox, q.InboxOldest), "outbox": show(q.Outbox, q.OutboxOldest)}
}

// stateLabels are the connection states as the (Indonesian) status page says them.
var stateLabels = map[string]string{
	bot.StateStarting:   "memulai",
	bot.StateStandingBy: "siaga (proses Loket lain sedang tersambung dengan nomor ini)",
	bot.StatePairing:    "menunggu penautan",
	bot.StateConnecting: "menyambungkan",
	bot.StateConnected:  "tersambung",
	bot.StateBanned:     "diblokir sementara oleh WhatsApp",
	bot.StateReplaced:   "digantikan klien lain",
	bot.StateLoggedOut:  "keluar (perlu ditautkan ulang)",
	bot.StateOutdated:   "versi whatsmeow ditolak WhatsApp (perlu diperbarui)",
	bot.StateStopped:    "tidak tersambung",
}

//go:embed status.html
var statusHTML string

var statusTemplate = template.Must(template.New("status").Parse(statusHTML))
