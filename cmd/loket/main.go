// Command loket is Loket's one binary: the WhatsApp front door of the UNS DTIK service
// desk. It only wires the rooms together; see `loket help`.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/conversation/letter"
)

const usage = `loket — WhatsApp front door of the UNS DTIK service desk

Usage:
  loket sim                     run the bot on the simulated WhatsApp (web page and API on LOKET_HTTP_ADDR)
  loket whatsapp-sim [addr]     serve the simulated WhatsApp alone (default 127.0.0.1:8081), for a bot
                                started with LOKET_SIM_WHATSAPP=http://<addr>: kill the bot, WhatsApp keeps its messages
  loket migrate                 apply database migrations
  loket zoom import users.csv   load the UNS Zoom user roster (Zoom admin export, column "Email")
  loket staff add 6281100000001 admin "Rina Wulandari"   give a staff member a role (admin, pimpinan, staf)
  loket staff remove 6281100000001 [role]               take one role, or every role
  loket staff list                                      list staff and their roles
  loket check-letter surat.pdf   check a letter as the bot would (in a child process) and say the verdict
                                (or: loket check-letter < surat.pdf)
  loket run                     run the bot on real WhatsApp (prints a QR code to link it the first time)
  loket pair --phone 6281234567890  run it, linking with a phone code instead of the QR code
  loket health [--ready]        ask the running bot's /healthz (or /readyz) on LOKET_HTTP_ADDR; exit 1 if not OK
  loket bench [-chats 50] [-requests 100 | -duration 30s] [-letter-mb 1-5] [-seed 1] [-cpuprofile f]
                                the whole pipeline under load in this process, on a scratch schema, beside
                                the floor (INSERT + Redis GET + SET per message); see docs/PERFORMANCE.md
  loket bench -open 10000 [-chats 50]
                                leave that many dialogs open, reading the process's memory on the way
  loket version                 print the version
  loket help                    print this help

Configuration comes from LOKET_* environment variables; see README.md.
`

func main() {
	// A letter-check child (see package letter) is this binary too; it does only that.
	letter.ChildMain()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "loket:", err)
		os.Exit(1)
	}
}

// errUsage marks a wrong command line; it is reported with the usage text.
var errUsage = errors.New("unknown command")

func run(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(out, usage)
		return nil
	}
	args = splitFlags(args)
	if err := checkArgs(args); err != nil {
		return err
	}
	switch args[0] {
	case "help", "-h", "--help":
		fmt.Fprint(out, usage)
		return nil
	case "version", "--version":
		fmt.Fprintln(out, "loket", version())
		return nil
	case "run":
		return withApp(ctx, func(a *app) error { return a.serveWhatsApp(ctx, out, "") })
	case "pair":
		phone := loket.ChatOf(loket.NormalizePhone(args[2]))
		return withApp(ctx, func(a *app) error { return a.serveWhatsApp(ctx, out, phone) })
	case "health":
		return probeHealth(ctx, args[1:], out)
	case "bench":
		return runBench(ctx, args[1:], out)
	case "check-letter":
		if len(args) == 2 {
			f, err := os.Open(args[1])
			if err != nil {
				return err
			}
			defer f.Close()
			return checkLetter(ctx, f, out)
		}
		return checkLetter(ctx, os.Stdin, out)
	case "migrate":
		return withApp(ctx, func(a *app) error {
			fmt.Fprintf(out, "migrations applied: %d\n", a.migrated)
			return nil
		})
	case "sim":
		return withApp(ctx, func(a *app) error { return a.serveSim(ctx, out) })
	case "whatsapp-sim":
		addr := "127.0.0.1:8081"
		if len(args) > 1 {
			addr = args[1]
		}
		return serveWhatsAppSim(ctx, addr, out)
	case "staff":
		return withApp(ctx, func(a *app) error { return a.staff(ctx, args[1:], out) })
	case "zoom":
		return withApp(ctx, func(a *app) error { return a.importZoom(ctx, args[2], out) })
	}
	return fmt.Errorf("%w %q\n\n%s", errUsage, args[0], usage)
}

// checkLetter is `loket check-letter < surat.pdf`: the letter on stdin goes through
// the same checker the bot uses, in a child process, and the verdict is printed.
func checkLetter(ctx context.Context, in io.Reader, out io.Writer) error {
	data, err := io.ReadAll(io.LimitReader(in, letter.MaxBytes+1))
	if err != nil {
		return err
	}
	var checker letter.Checker
	defer checker.Close()
	info, err := checker.Check(ctx, data)
	var refused *letter.Refusal
	switch {
	case err == nil:
		fmt.Fprintf(out, "accepted: %d page(s), %d bytes, sha256 %x\n", info.Pages, info.Size, info.SHA256)
		return nil
	case errors.As(err, &refused):
		return fmt.Errorf("refused (%s): %w", refused.Code, err)
	}
	return err
}

// buildVersion and buildCommit are stamped at build time by the Makefile and the
// Dockerfile (-ldflags "-X main.buildVersion=… -X main.buildCommit=…"): Go's own VCS
// stamping is off in a build without .git or with -buildvcs=false.
var buildVersion, buildCommit string

// version says which Loket this is: the stamped version and commit, else what Go's
// VCS stamping recorded, else "(devel)".
func version() string {
	v, commit, dirty := buildVersion, buildCommit, ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && commit == "":
				commit = s.Value[:min(12, len(s.Value))]
			case s.Key == "vcs.modified" && s.Value == "true" && buildCommit == "":
				dirty = "-dirty"
			}
		}
		if v == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
	}
	switch {
	case v == "" && commit == "":
		return "(devel)"
	case v == "":
		return "commit " + commit + dirty
	case commit == "" || strings.Contains(v, commit):
		return v
	}
	return v + " (commit " + commit + dirty + ")"
}
