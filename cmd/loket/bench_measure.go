package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/uns-dtik/loket/bot/sim"
)

// phaseStats is what one phase of the bench did and cost. Messages and requests are
// counted as they happen, so the progress line can read them while the phase runs.
type phaseStats struct {
	name     string
	messages atomic.Int64
	requests atomic.Int64

	mu        sync.Mutex
	latencies []time.Duration
	// byKind are the latencies of the messages the report breaks out: the letter
	// and "kirim", which carry most of a request's work.
	byKind map[string][]time.Duration

	elapsed time.Duration
	cpuSelf time.Duration // this process: user + system
	cpuKids time.Duration // the letter checks' child processes
	// cpuServers is PostgreSQL's and Redis's processes on this machine: the
	// floor's and Loket's statements cost there too.
	cpuServers time.Duration
	peakRSS    int64 // bytes; 0 when the kernel does not say
	rssReset   bool  // peakRSS is this phase's own peak, not the process's
}

// answered counts one message answered after latency; kind is what byKind files
// it under, "" for none.
func (st *phaseStats) answered(kind string, latency time.Duration) {
	st.messages.Add(1)
	st.mu.Lock()
	st.latencies = append(st.latencies, latency)
	if kind != "" {
		if st.byKind == nil {
			st.byKind = map[string][]time.Duration{}
		}
		st.byKind[kind] = append(st.byKind[kind], latency)
	}
	st.mu.Unlock()
}

// The kinds of message whose latencies a phase keeps apart (byKind): the letter,
// "kirim", and the others.
const (
	kindLetter = "letter"
	kindKirim  = "kirim"
	kindOther  = "others"
)

// messageKind is what byKind files an applicant's message under.
func messageKind(in sim.Inbound) string {
	switch {
	case in.Document != nil:
		return kindLetter
	case in.Text == "kirim":
		return kindKirim
	}
	return kindOther
}

// kindLatencies says, for the letters, the "kirim"s and the other messages of a
// phase, how many there were and their p50 and p99: which messages make the
// phase's tail. It is "" for a phase with neither letters nor "kirim".
func (st *phaseStats) kindLatencies() string {
	if len(st.byKind[kindLetter])+len(st.byKind[kindKirim]) == 0 {
		return ""
	}
	var parts []string
	for _, kind := range []string{kindLetter, kindKirim, kindOther} {
		lat := slices.Clone(st.byKind[kind])
		slices.Sort(lat)
		parts = append(parts, fmt.Sprintf("%s %d, %s / %s", kind, len(lat), ms(percentile(lat, 50)), ms(percentile(lat, 99))))
	}
	return strings.Join(parts, "; ")
}

// measure runs work, then settle, and records the phase's wall time (work alone:
// until the last answer), its CPU and its peak resident memory (work and settle:
// until the last notification is sent, which is work too, but whose wall time is
// the outbox's poll, one notification per recipient a pass, not Loket's effort). The
// peak is the phase's own where Linux lets it be reset (/proc/self/clear_refs), else
// the process's so far.
func measure(st *phaseStats, work, settle func() error) error {
	st.rssReset = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	self0, kids0, servers0 := cpuTimes()
	start := time.Now()
	err := work()
	st.elapsed = time.Since(start)
	if err == nil {
		err = settle()
	}
	self1, kids1, servers1 := cpuTimes()
	st.cpuSelf, st.cpuKids, st.cpuServers = self1-self0, kids1-kids0, servers1.since(servers0)
	st.peakRSS = peakRSS()
	return err
}

// cpuTimes returns the CPU time (user and system) of this process, of its children
// — those that have ended (getrusage) and those still running: the letter checker
// keeps its children for letter after letter, and getrusage counts a child only once
// it has been waited for — and of the PostgreSQL and Redis servers' processes on
// this machine, by process (none when they run elsewhere).
func cpuTimes() (self, children time.Duration, servers serverCPU) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		self = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru) == nil {
		children = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	running, servers := runningCPU()
	return self, children + running, servers
}

// clockTick is the unit of /proc/<pid>/stat's times: USER_HZ, 100 on Linux.
const clockTick = 10 * time.Millisecond

// serverCommands are the command names of the servers' processes, as /proc shows
// them: PostgreSQL's postmaster and backends, and Redis.
var serverCommands = []string{"postgres", "redis-server"}

// serverCPU is the CPU time of each server process (by process ID) so far.
type serverCPU map[string]time.Duration

// since is the servers' CPU time from before to s: each process's own growth, all
// of it for one started since. A process that ended meanwhile (an autovacuum worker)
// takes its time with it rather than count against the others; the pool keeps its
// connections for the whole bench.
func (s serverCPU) since(before serverCPU) time.Duration {
	var total time.Duration
	for pid, cpu := range s {
		total += max(cpu-before[pid], 0)
	}
	return total
}

// runningCPU is the CPU time of this process's children still running, and of the
// servers' processes, from /proc/<pid>/stat (nothing where there is no /proc).
func runningCPU() (children time.Duration, servers serverCPU) {
	self := strconv.Itoa(os.Getpid())
	servers = serverCPU{}
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, path := range stats {
		data, err := os.ReadFile(path)
		if err != nil {
			continue // ended meanwhile
		}
		// The command name, in parentheses, may hold spaces: the fields after it
		// are ppid (the 2nd), then utime and stime (the 12th and 13th).
		open, end := bytes.IndexByte(data, '('), bytes.LastIndexByte(data, ')')
		if open < 0 || end < open {
			continue
		}
		f := strings.Fields(string(data[end+1:]))
		if len(f) < 13 {
			continue
		}
		utime, _ := strconv.ParseInt(f[11], 10, 64)
		stime, _ := strconv.ParseInt(f[12], 10, 64)
		cpu := time.Duration(utime+stime) * clockTick
		switch {
		case f[1] == self:
			children += cpu
		case slices.Contains(serverCommands, string(data[open+1:end])):
			servers[filepath.Base(filepath.Dir(path))] = cpu
		}
	}
	return children, servers
}

// peakRSS is VmHWM, the peak resident set size, in bytes (0 where there is no /proc).
func peakRSS() int64 {
	kb, _ := strconv.ParseInt(strings.TrimSuffix(procField("/proc/self/status", "VmHWM:"), " kB"), 10, 64)
	return kb << 10
}

// procField returns what follows name on the first line of a /proc file that starts
// with it, without the separating colon and blanks ("" when there is none).
func procField(path, name string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), name); ok {
			return strings.TrimSpace(strings.TrimLeft(rest, " \t:"))
		}
	}
	return ""
}

// percentile returns the p-th percentile (0–100) of sorted, by the nearest rank.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// merged sums phases into one line: the floor measured before and after Loket, or
// Loket's phases together. Latencies are pooled, the peak is the highest.
func merged(name string, phases ...*phaseStats) *phaseStats {
	out := &phaseStats{name: name, rssReset: true}
	for _, p := range phases {
		out.messages.Add(p.messages.Load())
		out.requests.Add(p.requests.Load())
		out.latencies = append(out.latencies, p.latencies...)
		out.elapsed += p.elapsed
		out.cpuSelf += p.cpuSelf
		out.cpuKids += p.cpuKids
		out.cpuServers += p.cpuServers
		out.peakRSS = max(out.peakRSS, p.peakRSS)
		out.rssReset = out.rssReset && p.rssReset
	}
	return out
}

// figures are a phase's numbers as the report prints them.
type figures struct {
	perSecond, requestsPerSecond float64
	p50, p95, p99                time.Duration
	cpuPerMessage, kidsPerMsg    time.Duration
	serversPerMsg                time.Duration
}

func (st *phaseStats) figures() figures {
	lat := slices.Clone(st.latencies)
	slices.Sort(lat)
	n := max(st.messages.Load(), 1)
	secs := max(st.elapsed.Seconds(), 1e-9)
	return figures{
		perSecond: float64(st.messages.Load()) / secs, requestsPerSecond: float64(st.requests.Load()) / secs,
		p50: percentile(lat, 50), p95: percentile(lat, 95), p99: percentile(lat, 99),
		cpuPerMessage: st.cpuSelf / time.Duration(n), kidsPerMsg: st.cpuKids / time.Duration(n),
		serversPerMsg: st.cpuServers / time.Duration(n),
	}
}

// progress rewrites one line on a terminal every quarter second while a phase runs:
// its name, messages answered, requests filed and time so far. Elsewhere (a pipe, a
// test, CI) it prints nothing, so logs stay clean. The returned function ends it.
func progress(out io.Writer, st *phaseStats, requests int) (done func()) {
	f, ok := out.(*os.File)
	if !ok {
		return func() {}
	}
	if info, err := f.Stat(); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return func() {}
	}
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() {
		start := time.Now()
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				fmt.Fprint(f, "\r\033[K")
				return
			case <-tick.C:
			}
			planned := ""
			if requests > 0 {
				planned = "/" + strconv.Itoa(requests)
			}
			fmt.Fprintf(f, "\r\033[K%-14s %7d messages  %5d%s requests  %6.1f s", st.name, st.messages.Load(),
				st.requests.Load(), planned, time.Since(start).Seconds())
		}
	})
	return func() { stop(); wg.Wait() }
}
