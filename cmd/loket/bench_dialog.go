package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/bot/sim"
)

// The staff the bench registers in its scratch schema: one admin and one pimpinan
// (each is told of every request, so more of them would multiply notifications, not
// work), and up to benchStaf staf members, who are told only of their own.
const (
	benchAdmin    = "6281100000001"
	benchPimpinan = "6281100000002"
	benchStaf     = 4
)

func stafPhone(i int) string      { return fmt.Sprintf("62811000001%02d", i) }
func applicantPhone(i int) string { return fmt.Sprintf("6281299%06d", i) }

// filedRef finds a request's reference in the bot's answer to "kirim".
var filedRef = regexp.MustCompile(`\b(?:ZM|EM)-\d{4}-\d{4,}\b`)

// filing is a request an applicant filed.
type filing struct {
	ref, phone string
}

// texted turns answers into messages from one number, then the letter as a PDF
// document, then "kirim" on the summary.
func texted(from string, letter []byte, answers ...string) []sim.Inbound {
	script := make([]sim.Inbound, 0, len(answers)+2)
	for _, a := range answers {
		script = append(script, sim.Inbound{From: from, Name: "Pemohon " + from[len(from)-4:], Text: a})
	}
	doc := &sim.File{FileName: "surat-permohonan.pdf", MimeType: "application/pdf", Data: letter}
	return append(script, sim.Inbound{From: from, Document: doc}, sim.Inbound{From: from, Text: "kirim"})
}

// zoomDialog is a whole SOP#18 request as an applicant types it, from "halo" to
// "kirim"; k numbers the applicant's requests, so each has its own e-mail and event.
// The event lasts one day, the given number of days from today: events all on the
// same days would find every licence taken and the pimpinan's dispositions
// refused, which is not the load measured.
func zoomDialog(from string, k, days int, letter []byte) []sim.Inbound {
	day := time.Now().In(loket.Jakarta).AddDate(0, 0, days).Format("02/01/2006")
	return texted(from, letter, "halo", "1", "ya", "Dr. Budi Santoso, S.T., M.Eng.", "19860926 201505 1 001", "6",
		fmt.Sprintf("budi.%s.%d@staff.uns.ac.id", from, k), fmt.Sprintf("Seminar Nasional Teknologi Informasi %d", k),
		day, day, "500", "ya")
}

// emailDialog is a whole SOP#6 request; the username, which must be new, is made of
// the number and k.
func emailDialog(from string, k, _ int, letter []byte) []sim.Inbound {
	return texted(from, letter, "halo", "2", "ya", fmt.Sprintf("semnas%s-%d", from[len(from)-7:], k),
		fmt.Sprintf("Seminar Nasional Teknologi Informasi %d", k), "13", "Korespondensi panitia dan pendaftaran peserta seminar",
		"Dr. Siti Aminah, M.Kom.", "19860926 201505 2 001", "ya", "siti.aminah@staff.uns.ac.id", "ya")
}

// letterPool is a few scanned letters of sizes spread over the asked range. Every
// request sends one of them: making a new one per request would cost the bench more
// CPU than Loket spends on it, and the bot neither knows nor minds that two
// applicants sent the same file.
type letterPool [][]byte

func newLetterPool(o benchOptions) (letterPool, error) {
	n := 8
	if o.letterMax == o.letterMin {
		n = 1
	}
	noise := rand.NewChaCha8([32]byte{byte(o.seed), byte(o.seed >> 8), byte(o.seed >> 16), byte(o.seed >> 24)})
	pool := make(letterPool, n)
	for i := range pool {
		size := o.letterMin + (o.letterMax-o.letterMin)*i/max(n-1, 1)
		var err error
		if pool[i], err = sim.ScannedLetterPDF(size, noise); err != nil {
			return nil, err
		}
	}
	rand.New(rand.NewPCG(o.seed, 1)).Shuffle(n, func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	return pool, nil
}

func (p letterPool) pick(n int64) []byte { return p[int(n)%len(p)] }

// applicants is the applicant phase: o.chats numbers at once, each filing requests
// one after another, Zoom and e-mail in turn, until o.requests are claimed or
// o.duration is up. It returns what was filed, in reference order.
func (r *rig) applicants(ctx context.Context, o benchOptions, letters letterPool, st *phaseStats) ([]filing, error) {
	var claimed atomic.Int64
	deadline := time.Now().Add(o.duration)
	var mu sync.Mutex
	var filed []filing
	g, gctx := errgroup.WithContext(ctx)
	join := newRamp(o.chats, dialogMessages, o.lockstep)
	for c := range o.chats {
		phone := applicantPhone(c)
		g.Go(func() error {
			if c == 0 {
				defer join.leadDone() // however few requests it got
			}
			if err := join.wait(gctx, c); err != nil {
				return err
			}
			for k := 0; ; k++ {
				n := claimed.Add(1)
				if (o.duration > 0 && time.Now().After(deadline)) || (o.duration == 0 && n > int64(o.requests)) {
					return nil
				}
				dialog := zoomDialog
				if (c+k)%2 == 1 {
					dialog = emailDialog
				}
				// A day of its own for about every other request: two licences a day.
				var step func()
				if c == 0 && k == 0 {
					step = join.leadAnswered
				}
				last, err := r.converse(gctx, dialog(phone, k, 1+int(n)/2, letters.pick(n)), st, "", step)
				if err != nil {
					return err
				}
				ref := filedRef.FindString(texts(last))
				if ref == "" {
					return fmt.Errorf("%s: the request was not filed; the bot said %q", phone, texts(last))
				}
				st.requests.Add(1)
				mu.Lock()
				filed = append(filed, filing{ref: ref, phone: phone})
				mu.Unlock()
			}
		})
	}
	err := g.Wait()
	sort.Slice(filed, func(i, j int) bool { return filed[i].ref < filed[j].ref })
	return filed, err
}

// ramp lets the applicants join one after another while the first of them, the
// lead, goes through its first dialog: applicant i starts at the lead's
// (i×steps/chats)th answer, so that they are spread over a dialog's steps. Started
// at once, every applicant would send its letter, and then its "kirim", within the
// same few milliseconds at every request: a burst that the heaviest steps' latency
// would measure instead of the load. Spread, they stay spread: each dialog takes
// about as long as any other. With lockstep they all start at once.
type ramp struct {
	steps, chats int
	// gates[k] is closed once the lead has had k answers.
	gates    []chan struct{}
	answered int // the lead's answers so far; only the lead's goroutine (or newRamp) counts
}

func newRamp(chats, steps int, lockstep bool) *ramp {
	r := &ramp{steps: steps, chats: chats, gates: make([]chan struct{}, steps+1)}
	for k := range r.gates {
		r.gates[k] = make(chan struct{})
	}
	close(r.gates[0])
	if lockstep {
		r.leadDone()
	}
	return r
}

// wait returns once applicant i may start.
func (r *ramp) wait(ctx context.Context, i int) error {
	select {
	case <-r.gates[i*r.steps/r.chats]:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// leadAnswered counts one of the lead's answers in its first dialog.
func (r *ramp) leadAnswered() {
	if r.answered < r.steps {
		r.answered++
		close(r.gates[r.answered])
	}
}

// leadDone opens every gate still shut, once the lead stops: one that got no
// request, or failed, leaves none waiting (those find nothing left to file, or
// the phase's error).
func (r *ramp) leadDone() {
	for r.answered < r.steps {
		r.leadAnswered()
	}
}

// inTurn runs one script per number: the numbers at once, each one's messages one
// after another. Every message's answers are awaited, and counted in st.
func (r *rig) inTurn(ctx context.Context, scripts map[string][]sim.Inbound, st *phaseStats, expect string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, script := range scripts {
		g.Go(func() error {
			_, err := r.converse(gctx, script, st, expect, nil)
			return err
		})
	}
	return g.Wait()
}

// deskDone is in the desk's answer to a command that moved the request ("✅
// ZM-2026-0001 sekarang: terverifikasi."); any other answer stops the bench.
const deskDone = " sekarang: "

// deskStep is one step of the staff's work on every request: who sends which
// command about it.
type deskStep struct {
	name    string
	command func(i int, f filing) (from, text string)
}

// deskSteps are the lifecycle's way to done: the admin verifies, the pimpinan
// disposes to the staf members in turn, each staf member finishes their own.
func deskSteps(staf int) []deskStep {
	return []deskStep{
		{"verify", func(_ int, f filing) (string, string) {
			return benchAdmin, "/verifikasi " + f.ref + " surat lengkap"
		}},
		{"dispose", func(i int, f filing) (string, string) {
			return benchPimpinan, "/disposisi " + f.ref + " " + stafPhone(i%staf) + " mohon diproses"
		}},
		{"done", func(i int, f filing) (string, string) {
			return stafPhone(i % staf), "/selesai " + f.ref + " sudah aktif"
		}},
	}
}

// questionnaires are the applicants' answers to the questionnaire each done request
// brings: three ratings and a skipped comment, per request.
func questionnaires(filed []filing) map[string][]sim.Inbound {
	scripts := map[string][]sim.Inbound{}
	for _, f := range filed {
		for _, a := range []string{"5", "4", "5", "lewati"} {
			scripts[f.phone] = append(scripts[f.phone], sim.Inbound{From: f.phone, Text: a})
		}
	}
	return scripts
}

// phase runs one measured phase, then waits until its notifications are sent; what
// they left in mailboxes is dropped, so the next phase starts clean.
func (r *rig) phase(ctx context.Context, st *phaseStats, out io.Writer, planned int, run func() error) error {
	done := progress(out, st, planned)
	defer done()
	return measure(st, run, func() error {
		if err := r.quietQueues(ctx); err != nil {
			return err
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		for _, m := range r.boxes {
			m.forget()
		}
		return nil
	})
}

// books checks what the run left in the scratch schema: every request filed is
// done and its questionnaire answered. A bench whose dialogs went astray would
// report speed for work it did not do.
func (r *rig) books(ctx context.Context, filed int) error {
	var requests, done, answered int
	err := r.a.db.Pool.QueryRow(ctx, `
		SELECT (SELECT count(*) FROM requests), (SELECT count(*) FROM requests WHERE status = $1),
		       (SELECT count(*) FROM questionnaires WHERE closed_at IS NOT NULL)`, string(loket.StatusDone)).
		Scan(&requests, &done, &answered)
	switch {
	case err != nil:
		return err
	case requests != filed || done != filed || answered != filed:
		return fmt.Errorf("the books do not hold: %d requests filed by the applicants, %d in the database, %d done, %d questionnaires answered",
			filed, requests, done, answered)
	}
	return nil
}
