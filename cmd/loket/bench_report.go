package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// benchHeader says what runs, on what: the options, the machine, the services'
// versions and Loket's settings that bear on speed. Numbers from a shared 2-core
// machine mean little without it.
func (a *app) benchHeader(ctx context.Context, out io.Writer, o benchOptions, schema string) {
	plan := fmt.Sprintf("%d requests", o.requests)
	if o.duration > 0 {
		plan = "requests for " + o.duration.String()
	}
	plan += fmt.Sprintf(", letters %s MB, seed %d", mbRange(o), o.seed)
	if o.lockstep {
		plan += ", in lockstep"
	}
	if o.open > 0 {
		plan = fmt.Sprintf("%d dialogs left open", o.open)
	}
	fmt.Fprintf(out, "loket bench: %d chats, %s; scratch schema %s, Redis prefix %s\n",
		o.chats, plan, schema, a.cfg.RedisPrefix)
	var pgVersion string
	_ = a.db.Pool.QueryRow(ctx, `SHOW server_version`).Scan(&pgVersion)
	redisVersion := ""
	if info, err := a.redis.Info(ctx, "server").Result(); err == nil {
		for line := range strings.Lines(info) {
			if v, ok := strings.CutPrefix(strings.TrimSpace(line), "redis_version:"); ok {
				redisVersion = v
			}
		}
	}
	memKB, _ := strconv.ParseInt(strings.TrimSuffix(procField("/proc/meminfo", "MemTotal"), " kB"), 10, 64)
	fmt.Fprintf(out, "machine: %d CPUs (%s), %.1f GiB; GOMAXPROCS %d, %s %s/%s; PostgreSQL %s; Redis %s\n",
		runtime.NumCPU(), procField("/proc/cpuinfo", "model name"), float64(memKB)/(1<<20), runtime.GOMAXPROCS(0),
		runtime.Version(), runtime.GOOS, runtime.GOARCH, pgVersion, redisVersion)
	fmt.Fprintf(out, "Loket: %d workers, PostgreSQL pool of %d; WhatsApp's pacing and the flood limit lifted for the bench\n",
		a.cfg.Workers, a.db.Pool.Config().MaxConns)
}

func mbRange(o benchOptions) string {
	lo, hi := float64(o.letterMin)/(1<<20), float64(o.letterMax)/(1<<20)
	if o.letterMin == o.letterMax {
		return fmt.Sprintf("%.1f", lo)
	}
	return fmt.Sprintf("%.1f–%.1f", lo, hi)
}

// benchReport prints the table, a line per phase and one for Loket's phases
// together (the pipeline alone apart: its dialogs file nothing, and the floor with its
// records in turn after it), then Loket's ratios to the floor, and the pipeline's to
// the floor in turn, and the floor in turn's to the floor: a bot whose records take
// turns, as whatsmeow makes them, cannot go beyond it, however little else it does.
func benchReport(out io.Writer, o benchOptions, floor, pipeline, inTurn *phaseStats, loketPhases []*phaseStats, sent, answers int64) {
	all := merged("Loket, all", loketPhases...)
	all.requests.Store(loketPhases[0].requests.Load()) // requests taken from "halo" to done
	fmt.Fprintf(out, "\n%-14s %8s %8s %7s %8s %7s %8s %8s %8s %10s %10s %9s %9s\n",
		"phase", "messages", "requests", "seconds", "msgs/s", "req/s", "p50 ms", "p95 ms", "p99 ms", "CPU µs/msg", "+children", "+servers", "peak RSS")
	for _, st := range append([]*phaseStats{floor}, append(loketPhases, all, pipeline, inTurn)...) {
		f := st.figures()
		requests, perSecond := "-", "-"
		if st.requests.Load() > 0 {
			requests, perSecond = strconv.FormatInt(st.requests.Load(), 10), fmt.Sprintf("%.1f", f.requestsPerSecond)
		}
		rss := fmt.Sprintf("%.0f MB", float64(st.peakRSS)/(1<<20))
		if !st.rssReset {
			rss += "*"
		}
		fmt.Fprintf(out, "%-14s %8d %8s %7.2f %8.0f %7s %8s %8s %8s %10.0f %10.0f %9.0f %9s\n",
			st.name, st.messages.Load(), requests, st.elapsed.Seconds(), f.perSecond, perSecond,
			ms(f.p50), ms(f.p95), ms(f.p99), micros(f.cpuPerMessage), micros(f.kidsPerMsg), micros(f.serversPerMsg), rss)
	}
	fmt.Fprintf(out, "(pipeline only: as many messages as the applicants sent, in whole dialogs left before the letter — greeting, service, terms, name —\n"+
		" so no request's work; after the other phases, not in \"Loket, all\";\n"+
		" floor, in turn: the floor with its INSERTs one after another, as whatsmeow hands a bot its messages (each on disk before the next);\n"+
		" +children: the letter checks' child processes; +servers: PostgreSQL's and Redis's processes on this machine, 0 when they run elsewhere;\n"+
		" notifications sent: %d of the bot's %d messages)\n", sent-answers, sent)
	if !floor.rssReset {
		fmt.Fprintln(out, "(* the process's peak so far: this kernel cannot reset it per phase)")
	}
	if kinds := loketPhases[0].kindLatencies(); kinds != "" {
		fmt.Fprintf(out, "%s by message (count, p50 / p99 ms): %s\n", loketPhases[0].name, kinds)
	}
	fl, ap, al, pl := floor.figures(), loketPhases[0].figures(), all.figures(), pipeline.figures()
	fmt.Fprintf(out, "\nLoket ÷ floor at %d chats: messages/s %.2f (applicants), %.2f (all phases), %.2f (pipeline only); "+
		"CPU per message %.1f× (applicants, this process), %.1f× with the letter checks, %.1f× with the letter checks and the servers, %.1f× (pipeline only, with the letter checks and the servers); p99 latency %.1f× (applicants)\n",
		o.chats, ap.perSecond/fl.perSecond, al.perSecond/fl.perSecond, pl.perSecond/fl.perSecond,
		ratio(ap.cpuPerMessage, fl.cpuPerMessage), ratio(ap.cpuPerMessage+ap.kidsPerMsg, fl.cpuPerMessage),
		ratio(ap.cpuPerMessage+ap.kidsPerMsg+ap.serversPerMsg, fl.cpuPerMessage+fl.serversPerMsg),
		ratio(pl.cpuPerMessage+pl.kidsPerMsg+pl.serversPerMsg, fl.cpuPerMessage+fl.serversPerMsg), ratio(ap.p99, fl.p99))
	it := inTurn.figures()
	fmt.Fprintf(out, "Pipeline only ÷ floor in turn: messages/s %.2f; floor in turn ÷ floor: %.2f, the most any bot fed one message at a time could reach against the floor\n",
		pl.perSecond/it.perSecond, it.perSecond/fl.perSecond)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond)) }

func micros(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

func ratio(a, b time.Duration) float64 { return float64(a) / float64(max(b, 1)) }
