package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"golang.org/x/sync/errgroup"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/backoffice"
	"github.com/uns-dtik/loket/bot"
	"github.com/uns-dtik/loket/bot/sim"
	"github.com/uns-dtik/loket/conversation"
	"github.com/uns-dtik/loket/store"
)

// The parts of a running bot, built from the configuration.

// Each room states what it needs of storage as a composition of the root's
// interfaces; one PostgreSQL store serves them all, and Redis the sessions.
var (
	_ conversation.Store       = (*store.DB)(nil)
	_ backoffice.Store         = (*store.DB)(nil)
	_ backoffice.ScheduleStore = (*store.DB)(nil)
	_ bot.RuntimeStore         = (*store.DB)(nil)
	_ loket.SessionStore       = (*store.Sessions)(nil)
	_ conversation.Observer    = (*bot.Metrics)(nil)
	_ backoffice.Services      = (*conversation.Catalog)(nil)
)

func (a *app) office() *backoffice.Office {
	return &backoffice.Office{Store: a.db, Services: a.catalog, Calendar: backoffice.Calendar{Holidays: a.cfg.holidays()}}
}

// scheduler sends the SLA reminders and the pimpinan's digest at LOKET_DIGEST_TIME.
func (a *app) scheduler() *backoffice.Scheduler {
	at, _ := a.cfg.digestAt() // checked by loadConfig
	return &backoffice.Scheduler{Store: a.db, Services: a.catalog, Calendar: backoffice.Calendar{Holidays: a.cfg.holidays()},
		DigestAt: at}
}

func (a *app) sessions() *store.Sessions {
	return &store.Sessions{Redis: a.redis, Prefix: a.cfg.RedisPrefix}
}

func (a *app) conversation(office *backoffice.Office, observe conversation.Observer) *conversation.Conversation {
	return &conversation.Conversation{
		Catalog:  a.catalog,
		Drafts:   a.drafts,
		Store:    a.db,
		Sessions: a.sessions(),
		TTL:      a.cfg.SessionTTL,
		Announce: office.Announce,
		Resubmit: office.Resubmit,
		Observe:  observe,
		Log:      a.log,
	}
}

// ready reports whether PostgreSQL and Redis take writes; the error says which does
// not, and why, without naming a user, host or database. Both are asked at once, so
// a store that hangs costs the caller's deadline once.
func (a *app) ready(ctx context.Context) error {
	redisErr := make(chan error, 1)
	go func() { redisErr <- a.sessions().Ready(ctx) }()
	pgErr := a.db.Ready(ctx)
	return errors.Join(pgErr, <-redisErr)
}

// wrapHandler lets the fault suite, and only it (it is set by this package's tests),
// put a handler that kills the process around the dialog.
var wrapHandler = func(h bot.Handler) bot.Handler { return h }

// newBot builds the bot around a WhatsApp client (set Client before running it).
func (a *app) newBot(reg prometheus.Registerer) *bot.Bot {
	office := a.office()
	metrics := bot.NewMetrics(reg)
	reg.MustRegister(bot.StoreCollector(a.db))
	return &bot.Bot{
		Inbox:   a.db,
		Handler: wrapHandler(a.conversation(office, metrics)),
		Desk:    office,
		Ready:   a.ready,
		Pace:    bot.NewPacer(a.cfg.SendPerMinute),
		Metrics: metrics,
		Log:     a.log,
		Workers: a.cfg.Workers,

		OutageNotice: a.cfg.OutageNotice,
		FloodBurst:   a.cfg.FloodBurst,
	}
}

// serveSim runs the whole bot on the simulated WhatsApp until ctx ends: its own, in
// this process, or the one `loket whatsapp-sim` serves at LOKET_SIM_WHATSAPP.
//
// Either way it holds the database's WhatsApp number as `loket run` does
// (bot.Exclusive), and stands by while another process holds it: a second bot on
// the same inbox would record messages the other one answers — through the real
// WhatsApp, when that one is `loket run`.
func (a *app) serveSim(ctx context.Context, out io.Writer) error {
	reg := prometheus.NewRegistry()
	b := a.newBot(reg)
	mux := http.NewServeMux()
	a.warnNoStaff(ctx)
	var standingBy atomic.Bool
	standingByErr := errors.New("standing by: another Loket process holds this WhatsApp number")
	a.readiness = func(context.Context) error {
		if standingBy.Load() {
			return standingByErr
		}
		return nil
	}
	exclusive := a.exclusive(func() { standingBy.Store(true) }, func() { standingBy.Store(false) })
	if url := a.cfg.SimWhatsApp; url != "" {
		// Like real WhatsApp, the shared simulator takes one bot at a time.
		remote := &sim.Remote{URL: strings.TrimRight(url, "/")}
		b.Client = remote
		return a.serve(ctx, out, b, reg, mux, "Loket is running on the simulated WhatsApp at "+url+"; health and metrics on http://%s/\n",
			exclusive, func(ctx context.Context) error { return remote.Run(ctx, b.HandleEvent) })
	}
	// This process's own simulator is connected only while the number is held, as
	// loket run's WhatsApp is: until then, and from the moment the lock is lost
	// (its database session broke: PostgreSQL restarted or unreachable), it keeps
	// what the page sends, as WhatsApp keeps a message for a bot that is not
	// connected, and delivers it again later; and the bot sends nothing through it.
	var connected atomic.Bool
	a.readiness = func(context.Context) error {
		switch {
		case standingBy.Load():
			return standingByErr
		case !connected.Load():
			return errors.New("simulated WhatsApp not connected: this process does not hold the WhatsApp number")
		}
		return nil
	}
	s := sim.New(func(evt any) bool { return connected.Load() && b.HandleEvent(evt) })
	defer s.Close()
	stop := context.AfterFunc(ctx, s.EndWaits) // an open page's long poll must not hold up the stop
	defer stop()
	if err := s.Restore(ctx, a.db, a.log); err != nil {
		return fmt.Errorf("the simulator's history: %w", err)
	}
	b.Client = heldSim{Sim: s, connected: &connected}
	s.LangOf = a.langOf()
	s.Routes(mux)
	return a.serve(ctx, out, b, reg, mux, "Loket is running on the simulated WhatsApp: open http://%s/ (Ctrl+C stops)\n",
		exclusive, func(ctx context.Context) error {
			connected.Store(true)
			defer connected.Store(false)
			<-ctx.Done()
			return nil
		})
}

// langOf tells the simulator's page the language the bot speaks with a number, from
// the dialog's sessions (read only), so the page's own labels follow the applicant's
// "english" / "indonesia". A number is its chat: the simulator writes numbers as the
// bot names chats, international digits. "" when Redis cannot say: the page keeps
// the language it shows. Only `loket sim` has it: with LOKET_SIM_WHATSAPP the page is
// served by another process, which cannot ask, and stays Indonesian.
func (a *app) langOf() func(ctx context.Context, phone string) string {
	dialogs := &conversation.Conversation{Catalog: a.catalog, Sessions: a.sessions(), Log: a.log}
	return func(ctx context.Context, phone string) string {
		lang, err := dialogs.Lang(ctx, phone)
		if err != nil {
			return ""
		}
		return string(lang)
	}
}

// exclusive is the one-live-connection rule on this database (see bot.Exclusive).
func (a *app) exclusive(onStandby, onActive func()) *bot.Exclusive {
	return &bot.Exclusive{Lock: a.db.TryLockConnection, Poll: a.cfg.StandbyPoll, Log: a.log, OnStandby: onStandby, OnActive: onActive}
}

// serveWhatsAppSim serves the simulated WhatsApp alone — its page and API, and the
// bridge a bot started with LOKET_SIM_WHATSAPP connects to — until ctx ends. The bot
// can then be stopped, even killed, and started again while "WhatsApp" keeps what
// it holds, as the real one does.
func serveWhatsAppSim(ctx context.Context, addr string, out io.Writer) error {
	// No LangOf: the bot's sessions are another process's, so this page's own labels
	// stay Indonesian whatever language the bot speaks.
	s := sim.New(nil)
	defer s.Close()
	stop := context.AfterFunc(ctx, s.EndWaits) // an open page's long poll must not hold up the stop
	defer stop()
	bridge := sim.NewBridge(s)
	mux := http.NewServeMux()
	s.Routes(mux)
	bridge.Routes(mux)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(stop)
	}()
	fmt.Fprintf(out, "Simulated WhatsApp on http://%[1]s/ — start the bot with LOKET_SIM_WHATSAPP=http://%[1]s loket sim\n", ln.Addr())
	return quiet(srv.Serve(ln))
}

// serve runs the HTTP server and the bot until ctx ends or one of them fails. With
// exclusive set, the bot runs only while this process holds the WhatsApp number's
// connection lock; until then it stands by, its HTTP server already answering.
func (a *app) serve(ctx context.Context, out io.Writer, b *bot.Bot, reg *prometheus.Registry, mux *http.ServeMux, banner string,
	exclusive *bot.Exclusive, more ...func(context.Context) error) error {
	a.health(mux)
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	ln, err := net.Listen("tcp", a.cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("LOKET_HTTP_ADDR %s: %w", a.cfg.HTTPAddr, err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return quiet(srv.Serve(ln)) })
	g.Go(func() error {
		<-gctx.Done()
		stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(stop)
	})
	g.Go(func() error {
		work := func(ctx context.Context) error { return a.runBot(ctx, b, more...) }
		if exclusive != nil {
			return exclusive.Run(gctx, work)
		}
		return work(gctx)
	})
	fmt.Fprintf(out, banner, ln.Addr())
	err = g.Wait()
	if err == nil {
		a.log.Info("stopped cleanly")
	}
	return err
}

// runBot runs the bot, what feeds it (more: the WhatsApp connection), its sender,
// scheduler and housekeeper until ctx ends or one of them fails, then stops them in
// order: the bot takes no more messages and finishes those in hand (bounded), then
// the sender, scheduler and housekeeper stop, and only then the connection, so the
// replies and notifications of the last messages can still go out; only then may
// withApp close PostgreSQL and Redis. When the number's lock is lost (bot.LockLost)
// the connection is cut at once instead, drain or not: another process may be
// taking the number.
// A stop asked for is no error.
func (a *app) runBot(ctx context.Context, b *bot.Bot, more ...func(context.Context) error) error {
	sender := &bot.Sender{Bot: b, Outbox: a.db, PerMinute: a.cfg.NotifyPerMinute, Gap: a.cfg.SendGap, MaxAttempts: a.cfg.OutboxMaxAttempts}
	scheduler := a.scheduler()
	keeper := &bot.Housekeeper{Store: a.db, InboxRetention: a.cfg.InboxRetention, DraftAge: a.cfg.SessionTTL + 24*time.Hour, Bot: b}

	g, gctx := errgroup.WithContext(ctx)
	rest, stopRest := context.WithCancel(context.WithoutCancel(ctx))
	defer stopRest()
	feed, stopFeed := context.WithCancel(context.WithoutCancel(ctx))
	defer stopFeed()
	if lost := bot.LockLost(ctx); lost != nil {
		context.AfterFunc(lost, stopFeed)
	}
	for _, run := range more {
		g.Go(func() error { return quiet(run(feed)) })
	}
	g.Go(func() error {
		defer stopRest()
		return quiet(b.Run(gctx))
	})
	g.Go(func() error {
		defer stopFeed() // the connection outlives the sender's last notification
		return quiet(sender.Run(rest))
	})
	g.Go(func() error { return quiet(scheduler.Run(rest, time.Minute)) })
	g.Go(func() error { return quiet(keeper.Run(rest, time.Hour)) })
	return g.Wait()
}

// quiet turns the errors a clean stop produces into nil.
func quiet(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// health serves /healthz (the process answers) and /readyz (PostgreSQL and Redis
// take writes, and WhatsApp is connected where it is real; the reasons when not, one
// per line).
func (a *app) health(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok\n") })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		err := a.ready(ctx)
		if a.readiness != nil {
			err = errors.Join(a.readiness(ctx), err)
		}
		if err != nil {
			http.Error(w, strings.TrimSpace(err.Error()), http.StatusServiceUnavailable)
			return
		}
		_, _ = io.WriteString(w, "ready\n")
	})
}
