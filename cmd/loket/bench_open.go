package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/uns-dtik/loket/bot/sim"
)

// `loket bench -open N`: does the process's memory stay flat while dialogs are left
// open? Sessions live in Redis and a chat's state in the dispatcher is dropped once
// the chat is calm, so ten thousand applicants halfway through a form should cost the
// bot's process nothing it keeps.

// openSteps are the counts of open dialogs at which memory is read: 10, 100, 1,000 …
// up to n, and n itself.
func openSteps(n int) []int {
	var steps []int
	for s := 10; s < n; s *= 10 {
		steps = append(steps, s)
	}
	return append(steps, n)
}

// openDialogWaitsFor is what the bot's last answer in an openDialog asks for: a
// dialog gone off its script (a help text, a refusal) is not counted as one open.
const openDialogWaitsFor = "NIP"

// openDialog is how an applicant leaves a dialog open: the Zoom request chosen, the
// SOP's terms accepted and the applicant's name given, then silence (the NIP is asked
// and never answered).
func openDialog(from string) []sim.Inbound {
	var script []sim.Inbound
	for _, text := range []string{"halo", "1", "ya", "Dr. Budi Santoso, S.T., M.Eng."} {
		script = append(script, sim.Inbound{From: from, Name: "Pemohon " + from[len(from)-4:], Text: text})
	}
	return script
}

// benchOpen opens dialogs, o.chats at a time, up to o.open, and reports the process's
// resident memory and Go heap at each of openSteps, after a full garbage collection.
func (a *app) benchOpen(ctx context.Context, o benchOptions, out io.Writer) (err error) {
	defer a.forgetBenchKeys()
	r, stopRig := a.startRig(ctx)
	defer func() { err = errors.Join(err, stopRig()) }()
	fmt.Fprintf(out, "\n%-14s %10s %10s %14s\n", "open dialogs", "RSS", "Go heap", "per dialog")
	var first, last int64
	opened := 0
	for _, target := range openSteps(o.open) {
		if err := r.openDialogs(ctx, opened, target, o.chats, &phaseStats{}); err != nil {
			return err
		}
		opened = target
		if err := r.quietQueues(ctx); err != nil {
			return err
		}
		rss, heap := settledMemory()
		if first == 0 {
			first = rss
		}
		last = rss
		fmt.Fprintf(out, "%-14d %7d MB %7d MB %11.0f B\n", target, rss>>20, heap>>20, float64(rss-first)/float64(max(target-openSteps(o.open)[0], 1)))
	}
	fmt.Fprintf(out, "\nRSS from %d to %d open dialogs: %+.1f MB (sessions are in Redis; the process keeps none)\n",
		openSteps(o.open)[0], o.open, float64(last-first)/(1<<20))
	return nil
}

// pipelineOnly is the bench's "pipeline only" phase: as many messages as the
// applicants sent, rounded up to whole dialogs and at least a dialog per chat (so it
// runs at the chats' concurrency), chats at a time, in dialogs left open before the
// letter, from the numbers after the applicants'. Each message goes the whole way —
// the record, the dispatch, the claim, the session's load and save, the answer, the
// mark — but none brings a request's own work (a letter, a filing, its checks and
// notifications): it measures the machinery every message pays, beside the floor.
func (r *rig) pipelineOnly(ctx context.Context, chats int, messages int64, st *phaseStats) error {
	per := int64(len(openDialog(applicantPhone(0))))
	dialogs := max(int((messages+per-1)/per), chats)
	return r.openDialogs(ctx, chats, chats+dialogs, chats, st)
}

// openDialogs opens the dialogs of applicants from..to-1, chats at a time, counting
// their answers in st, and forgets what they were sent: the bench's own bookkeeping
// is not the bot's memory.
func (r *rig) openDialogs(ctx context.Context, from, to, chats int, st *phaseStats) error {
	var next atomic.Int64
	next.Store(int64(from))
	g, gctx := errgroup.WithContext(ctx)
	for range chats {
		g.Go(func() error {
			for {
				i := int(next.Add(1) - 1)
				if i >= to {
					return nil
				}
				phone := applicantPhone(i)
				last, err := r.converse(gctx, openDialog(phone), st, "", nil)
				if err != nil {
					return err
				}
				if !strings.Contains(texts(last), openDialogWaitsFor) {
					return fmt.Errorf("%s: the open dialog should wait for the %s, but the bot answered %q", phone, openDialogWaitsFor, texts(last))
				}
				r.drop(phone)
			}
		})
	}
	return g.Wait()
}

// drop forgets a number's mailbox.
func (r *rig) drop(phone string) {
	r.mu.Lock()
	delete(r.boxes, phone)
	r.mu.Unlock()
}

// settledMemory collects all garbage, returns what it can to the system, and reads
// the resident set size (VmRSS) and the Go heap in use, in bytes.
func settledMemory() (rss, heap int64) {
	runtime.GC()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	kb, _ := strconv.ParseInt(strings.TrimSuffix(procField("/proc/self/status", "VmRSS:"), " kB"), 10, 64)
	return kb << 10, int64(ms.HeapInuse)
}
