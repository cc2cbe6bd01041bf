package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/backoffice"
	"github.com/uns-dtik/loket/conversation"
	"github.com/uns-dtik/loket/conversation/draft"
	"github.com/uns-dtik/loket/store"
)

// app is everything a subcommand may need, opened from the configuration.
type app struct {
	cfg      Config
	log      *slog.Logger
	db       *store.DB
	redis    redis.UniversalClient
	catalog  *conversation.Catalog
	drafts   *draft.Drafts
	migrated int
	// readiness, when set, is a further condition of /readyz (WhatsApp connected).
	readiness func(ctx context.Context) error
}

// withApp opens the database (migrating it under goose's session lock), Redis and the
// catalog as the environment configures them, runs fn, and closes everything.
func withApp(ctx context.Context, fn func(*app) error) error {
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	return withConfig(ctx, cfg, fn)
}

// withConfig is withApp on a configuration the caller has read and may have changed:
// `loket bench` points it at a scratch schema and lifts WhatsApp's pacing.
func withConfig(ctx context.Context, cfg Config, fn func(*app) error) (err error) {
	a := &app{cfg: cfg, log: newLogger(os.Stderr, cfg.LogLevel, cfg.LogFormat)}
	slog.SetDefault(a.log) // what logs without a logger of its own is masked too
	redis.SetLogger(redisLog{a.log})
	if a.catalog, err = conversation.LoadCatalog(cfg.Catalog); err != nil {
		return fmt.Errorf("LOKET_CATALOG: %w", err)
	}
	if a.drafts, err = conversation.LoadDrafts(cfg.Catalog, a.catalog); err != nil {
		return fmt.Errorf("LOKET_CATALOG: %w", err)
	}
	// Each worker holds one connection at a time; the sender, scheduler, housekeeper
	// and HTTP handlers need a few more.
	if a.db, err = store.Open(ctx, cfg.DatabaseURL, cfg.Workers+8); err != nil {
		if errors.Is(err, syscall.ECONNREFUSED) {
			return fmt.Errorf("LOKET_DATABASE_URL: %w (is PostgreSQL running? `make services` starts it)", err)
		}
		return fmt.Errorf("LOKET_DATABASE_URL: %w", err)
	}
	defer a.db.Close()
	if a.migrated, err = a.db.Migrate(ctx); err != nil {
		return err
	}
	if a.redis, err = cfg.redisClient(); err != nil {
		return err
	}
	defer a.redis.Close()
	// A Redis (or every Sentinel) that is away answers within seconds, not after
	// go-redis's retries have each waited out their own timeouts.
	ping, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := a.redis.Ping(ping).Err(); err != nil {
		switch {
		case ping.Err() != nil && ctx.Err() == nil:
			return fmt.Errorf("Redis: no answer within 5 s from %s", cfg.redisTarget())
		case errors.Is(err, syscall.ECONNREFUSED) || strings.Contains(err.Error(), "connection refused"):
			// go-redis words a refused Sentinel as text, without the error inside.
			return fmt.Errorf("Redis: %w (is Redis running? `make services` starts it)", err)
		}
		return fmt.Errorf("Redis: %w", err)
	}
	return fn(a)
}

// importZoom loads the UNS Zoom roster from a Zoom admin user export (CSV with an
// "Email" column), replacing the previous roster.
func (a *app) importZoom(ctx context.Context, path string, out io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	emails, err := readRoster(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	n, err := a.db.ImportZoomRoster(ctx, emails)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Zoom roster loaded: %d addresses\n", n)
	return nil
}

func readRoster(r io.Reader) ([]string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	col := -1
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")), "email") {
			col = i
		}
	}
	if col < 0 {
		return nil, errors.New(`no "Email" column in the header`)
	}
	var emails []string
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if col < len(rec) && strings.Contains(rec[col], "@") {
			emails = append(emails, strings.ToLower(strings.TrimSpace(rec[col])))
		}
	}
	if len(emails) == 0 {
		return nil, errors.New("no e-mail addresses found")
	}
	return emails, nil
}

// staff is `loket staff add|remove|list`: the first set-up of who may do what, by the
// same rules as /staf in chat (backoffice.ParseStaffChange, Office.RemoveStaff's
// guard that keeps one pimpinan).
func (a *app) staff(ctx context.Context, args []string, out io.Writer) error {
	// checkArgs has checked the arguments.
	switch args[0] {
	case "list":
		all, err := a.db.ListStaff(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, loket.Plain(backoffice.StaffList(all))) // a terminal shows no WhatsApp markers
		return nil
	case "add":
		c, err := backoffice.ParseStaffChange(args[1], args[2], strings.Join(args[3:], " "), true)
		if err != nil {
			return err
		}
		if err := a.office().AddStaff(ctx, c, nil); err != nil {
			return err
		}
		fmt.Fprintf(out, "%s (%s) is now %s\n", c.Name, c.Phone, c.Role)
		return nil
	case "remove":
		c, err := backoffice.ParseStaffChange(args[1], strings.Join(args[2:], ""), "", false)
		if err != nil {
			return err
		}
		n, err := a.office().RemoveStaff(ctx, c, nil)
		if err != nil {
			return fmt.Errorf("%s: %w", c.Phone, err)
		}
		fmt.Fprintf(out, "%d role(s) removed from %s\n", n, c.Phone)
		return nil
	}
	return fmt.Errorf("loket staff: unknown subcommand %q", args[0])
}
