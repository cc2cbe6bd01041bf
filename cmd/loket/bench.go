package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/uns-dtik/loket/backoffice"
	"github.com/uns-dtik/loket/bot/sim"
	"github.com/uns-dtik/loket/store"
)

// `loket bench`: Loket's whole pipeline under load, in this process, on the real
// PostgreSQL and Redis, beside the floor — the least any such bot must do per message —
// measured at the same concurrency in the same run. docs/PERFORMANCE.md says how to
// read it.

var benchUsage = []string{"loket bench [-chats 50] [-requests 100 | -duration 30s] [-letter-mb 1-5] [-seed 1] [-lockstep] [-cpuprofile cpu.out]",
	"loket bench -open 10000 [-chats 50]"}

// benchOptions are `loket bench`'s flags.
type benchOptions struct {
	chats, requests int
	// duration, when set, replaces requests: applicants start dialogs until it is up.
	duration             time.Duration
	letterMin, letterMax int // bytes
	seed                 uint64
	cpuProfile           string
	// lockstep starts every applicant at once, instead of one after another over
	// the first dialog (ramp).
	lockstep bool
	// open, when set, replaces the phases: leave this many dialogs open and report
	// the process's memory on the way (bench_open.go).
	open int
}

// dialogMessages is how many messages one request's dialog takes, "halo" to "kirim",
// for either service: what the floor is sized by.
const dialogMessages = 14

func parseBenchArgs(args []string) (benchOptions, error) {
	var o benchOptions
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // the usage error says it once
	fs.IntVar(&o.chats, "chats", 50, "applicants chatting at once")
	fs.IntVar(&o.requests, "requests", 0, "requests to file in all (default two per chat: one of each service)")
	fs.DurationVar(&o.duration, "duration", 0, "file requests for this long instead of a number of them")
	letters := fs.String("letter-mb", "1-5", "the request letters' size in MB: a range (1-5) or one size")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the letters' contents and sizes")
	fs.BoolVar(&o.lockstep, "lockstep", false, "start every applicant at once: each step of the dialog comes from all of them together")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of Loket's phases to this file")
	fs.IntVar(&o.open, "open", 0, "instead of the phases: leave this many dialogs open, reporting memory at 10, 100 … of them")
	bad := func(format string, a ...any) (benchOptions, error) {
		return o, &usageError{"bench: " + fmt.Sprintf(format, a...), benchUsage}
	}
	if err := fs.Parse(args); err != nil {
		return bad("%v", err)
	}
	if fs.NArg() > 0 {
		return bad("unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case set["requests"] && set["duration"]:
		return bad("-requests and -duration are two ways to say when to stop: give one")
	case o.chats < 1:
		return bad("-chats must be at least 1")
	case set["requests"] && o.requests < 1:
		return bad("-requests must be at least 1")
	case set["duration"] && o.duration <= 0:
		return bad("-duration must be positive, e.g. 30s")
	case set["open"] && o.open < 10:
		return bad("-open must be at least 10")
	case set["open"] && (set["requests"] || set["duration"] || set["letter-mb"] || set["cpuprofile"] || set["lockstep"]):
		return bad("-open leaves dialogs open before the letter: it takes only -chats")
	case !set["requests"]:
		o.requests = 2 * o.chats
	}
	lo, hi, ok := strings.Cut(*letters, "-")
	if !ok {
		hi = lo
	}
	minMB, err1 := strconv.ParseFloat(lo, 64)
	maxMB, err2 := strconv.ParseFloat(hi, 64)
	if err1 != nil || err2 != nil || minMB < 0.01 || maxMB < minMB || maxMB > 10 {
		return bad("-letter-mb %q: want a size in MB or a range such as 1-5, at most 10 (letters are refused past 10 MB)", *letters)
	}
	o.letterMin, o.letterMax = int(minMB*(1<<20)), int(maxMB*(1<<20))
	return o, nil
}

// benchConfig lifts what paces the bot for WhatsApp's sake — the send budget, the
// notifications' pace and per-person gap, the flood limit — which would otherwise
// make the bench measure WhatsApp's rules (300 sends a minute) instead of Loket's
// work. The log keeps to warnings unless LOKET_LOG_LEVEL says otherwise.
func benchConfig(cfg *Config) {
	const unlimited = 1 << 30
	cfg.SendPerMinute, cfg.NotifyPerMinute, cfg.FloodBurst = unlimited, unlimited, unlimited
	cfg.SendGap = time.Nanosecond
	if os.Getenv("LOKET_LOG_LEVEL") == "" {
		cfg.LogLevel = "warn"
	}
}

// scratch is the bench's own schema in LOKET_DATABASE_URL's database and its own
// Redis key prefix: the bench never reads or writes the bot's real data, and drops
// both when it ends (Ctrl+C included).
type scratch struct {
	admin  *store.DB
	schema string
}

// openScratch creates the schema and points cfg at it and at a fresh Redis prefix.
func openScratch(ctx context.Context, cfg *Config) (*scratch, error) {
	admin, err := store.Open(ctx, cfg.DatabaseURL, 2)
	if err != nil {
		return nil, fmt.Errorf("LOKET_DATABASE_URL: %w", err)
	}
	id := make([]byte, 6)
	_, _ = rand.Read(id)
	s := &scratch{admin: admin, schema: "bench_" + hex.EncodeToString(id)}
	if _, err := admin.Pool.Exec(ctx, `CREATE SCHEMA `+s.schema); err != nil {
		admin.Close()
		return nil, fmt.Errorf("create the bench's scratch schema: %w", err)
	}
	if cfg.DatabaseURL, err = store.WithSearchPath(cfg.DatabaseURL, s.schema); err != nil {
		s.drop()
		return nil, err
	}
	cfg.RedisPrefix = "loket-bench:" + hex.EncodeToString(id) + ":"
	return s, nil
}

// drop removes the scratch schema, even after Ctrl+C.
func (s *scratch) drop() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	defer s.admin.Close()
	_, err := s.admin.Pool.Exec(ctx, `DROP SCHEMA `+s.schema+` CASCADE`)
	return err
}

// runBench is `loket bench`.
func runBench(ctx context.Context, args []string, out io.Writer) error {
	o, err := parseBenchArgs(args)
	if err != nil {
		return err
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	benchConfig(&cfg)
	s, err := openScratch(ctx, &cfg)
	if err != nil {
		return err
	}
	err = withConfig(ctx, cfg, func(a *app) error {
		if o.open > 0 {
			a.benchHeader(ctx, out, o, s.schema)
			return a.benchOpen(ctx, o, out)
		}
		return a.bench(ctx, o, s.schema, out)
	})
	if dropErr := s.drop(); dropErr != nil {
		err = errors.Join(err, fmt.Errorf("drop the scratch schema %s: %w", s.schema, dropErr))
	}
	if ctx.Err() != nil {
		fmt.Fprintf(out, "interrupted; the scratch schema %s and Redis keys %s* are removed\n", s.schema, cfg.RedisPrefix)
		return nil // a stop asked for is no failure
	}
	return err
}

// bench runs the phases and prints the report: the floor, the applicants' dialogs,
// the desk's three steps, the questionnaires, the pipeline alone, the floor again.
func (a *app) bench(ctx context.Context, o benchOptions, schema string, out io.Writer) (err error) {
	defer a.forgetBenchKeys()
	staf := min(o.chats, benchStaf)
	if err := a.addBenchStaff(ctx, staf); err != nil {
		return err
	}
	letters, err := newLetterPool(o)
	if err != nil {
		return err
	}
	debug.FreeOSMemory() // making the letters took several copies of each: not the phases' memory
	r, stopRig := a.startRig(ctx)
	defer func() { err = errors.Join(err, stopRig()) }()

	a.benchHeader(ctx, out, o, schema)
	floorRun := func(st *phaseStats) error {
		messages, until := o.requests*dialogMessages/2, time.Time{}
		if o.duration > 0 {
			messages, until = math.MaxInt, time.Now().Add(o.duration/2)
		}
		return r.phase(ctx, st, out, 0, func() error { return a.floor(ctx, o.chats, messages, until, false, st) })
	}
	floorBefore, floorAfter := &phaseStats{name: "floor"}, &phaseStats{name: "floor"}
	if err := floorRun(floorBefore); err != nil {
		return err
	}

	stopProfile, err := startProfile(o.cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	applicants := &phaseStats{name: "applicants"}
	var filed []filing
	planned := o.requests
	if o.duration > 0 {
		planned = 0
	}
	if err := r.phase(ctx, applicants, out, planned, func() (err error) {
		filed, err = r.applicants(ctx, o, letters, applicants)
		return err
	}); err != nil {
		return err
	}
	loketPhases := []*phaseStats{applicants}
	for _, step := range deskSteps(staf) {
		st := &phaseStats{name: step.name}
		scripts := map[string][]sim.Inbound{}
		for i, f := range filed {
			from, text := step.command(i, f)
			scripts[from] = append(scripts[from], sim.Inbound{From: from, Text: text})
		}
		if err := r.phase(ctx, st, out, len(filed), func() error { return r.inTurn(ctx, scripts, st, deskDone) }); err != nil {
			return err
		}
		st.requests.Store(int64(len(filed)))
		loketPhases = append(loketPhases, st)
	}
	survey := &phaseStats{name: "questionnaire"}
	if err := r.phase(ctx, survey, out, 0, func() error { return r.inTurn(ctx, questionnaires(filed), survey, "") }); err != nil {
		return err
	}
	loketPhases = append(loketPhases, survey)
	stopProfile()
	if err := r.books(ctx, len(filed)); err != nil {
		return err
	}
	// After the light questionnaires, not the letters: the servers' background work
	// (the WAL writer, the checkpointer, autovacuum) that the letters leave behind
	// would be counted against it. Outside the profile, so profiles stay comparable.
	pipeline := &phaseStats{name: "pipeline only"}
	if err := r.phase(ctx, pipeline, out, 0, func() error { return r.pipelineOnly(ctx, o.chats, applicants.messages.Load(), pipeline) }); err != nil {
		return err
	}
	// The floor again with its records in turn, as whatsmeow hands a bot its
	// messages, for as many messages as the pipeline's: the most that kind of bot can
	// reach, beside the pipeline.
	inTurn := &phaseStats{name: "floor, in turn"}
	if err := r.phase(ctx, inTurn, out, 0, func() error {
		return a.floor(ctx, o.chats, int(pipeline.messages.Load()), time.Time{}, true, inTurn)
	}); err != nil {
		return err
	}
	if err := floorRun(floorAfter); err != nil {
		return err
	}
	floor := merged("floor", floorBefore, floorAfter)
	floor.peakRSS = floorBefore.peakRSS // after Loket's phases the heap is Loket's, not the floor's
	benchReport(out, o, floor, pipeline, inTurn, loketPhases, r.sent.Load(), r.answers.Load())
	return nil
}

// addBenchStaff registers the admin, the pimpinan and the staf members in the
// scratch schema, as `loket staff add` does.
func (a *app) addBenchStaff(ctx context.Context, staf int) error {
	add := func(phone, role, name string) error {
		c, err := backoffice.ParseStaffChange(phone, role, name, true)
		if err == nil {
			err = a.office().AddStaff(ctx, c, nil)
		}
		return err
	}
	if err := errors.Join(add(benchAdmin, "admin", "Rina Wulandari"), add(benchPimpinan, "pimpinan", "Ary Setyawan")); err != nil {
		return err
	}
	for i := range staf {
		if err := add(stafPhone(i), "staf", fmt.Sprintf("Staf Bench %d", i+1)); err != nil {
			return err
		}
	}
	return nil
}

// forgetBenchKeys deletes the bench's Redis keys (its prefix is its own).
func (a *app) forgetBenchKeys() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	iter := a.redis.Scan(ctx, 0, a.cfg.RedisPrefix+"*", 1000).Iterator()
	for iter.Next(ctx) {
		a.redis.Del(ctx, iter.Val())
	}
}

// startProfile starts a CPU profile into path ("" for none) and returns what stops
// it; stopping twice is stopping once.
func startProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("-cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("-cpuprofile: %w", err)
	}
	return sync.OnceFunc(func() { pprof.StopCPUProfile(); f.Close() }), nil
}
