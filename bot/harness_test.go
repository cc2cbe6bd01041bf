package bot_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uns-dtik/loket"
	"github.com/uns-dtik/loket/backoffice"
	"github.com/uns-dtik/loket/bot"
	"github.com/uns-dtik/loket/bot/sim"
	"github.com/uns-dtik/loket/conversation"
	"github.com/uns-dtik/loket/store"
	"github.com/uns-dtik/loket/store/storetest"
)

// harness is the whole bot on real PostgreSQL and Redis, with the simulator as
// WhatsApp. restart replaces the bot process while the simulator (WhatsApp) and the
// storage stay, as a deploy or a crash would.
type harness struct {
	t     *testing.T
	env   *storetest.Env
	sim   *sim.Sim
	inbox bot.Inbox
	// sessions, when set, replaces the Redis session store (to inject faults).
	sessions loket.SessionStore
	// tune and tuneSender, when set, adjust each bot and sender before they run.
	tune       func(*bot.Bot)
	tuneSender func(*bot.Sender)

	mu     sync.Mutex
	bot    *bot.Bot
	cancel context.CancelFunc
	done   chan struct{}
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{t: t, env: storetest.New(t)}
	h.inbox = h.env.DB
	h.sim = sim.New(func(evt any) bool { return h.current().HandleEvent(evt) })
	h.sim.RetryEvery = 20 * time.Millisecond
	h.start()
	t.Cleanup(func() {
		h.stop()
		h.sim.Close()
	})
	return h
}

func (h *harness) current() *bot.Bot {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.bot
}

func (h *harness) start() {
	cat, err := conversation.LoadCatalog("")
	if err != nil {
		h.t.Fatal(err)
	}
	office := &backoffice.Office{Store: h.env.DB, Services: cat}
	var sessions loket.SessionStore = &store.Sessions{Redis: h.env.Redis, Prefix: h.env.Prefix}
	if h.sessions != nil {
		sessions = h.sessions
	}
	drafts, err := conversation.LoadDrafts("", cat)
	if err != nil {
		h.t.Fatal(err)
	}
	conv := &conversation.Conversation{
		Catalog:  cat,
		Drafts:   drafts,
		Store:    h.env.DB,
		Sessions: sessions,
		Announce: office.Announce,
		Resubmit: office.Resubmit,
	}
	// Tests type far faster than people; the flood limit has its own test.
	b := &bot.Bot{Client: h.sim, Inbox: h.inbox, Handler: conv, Desk: office, FloodBurst: 10_000}
	if h.tune != nil {
		h.tune(b)
	}
	// Tests pace notifications fast; the defaults are for WhatsApp.
	sender := &bot.Sender{Bot: b, Outbox: h.env.DB, PerMinute: 60000, Gap: time.Millisecond, Jitter: -1, Poll: 20 * time.Millisecond}
	if h.tuneSender != nil {
		h.tuneSender(sender)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	h.mu.Lock()
	h.bot, h.cancel, h.done = b, cancel, done
	h.mu.Unlock()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _ = b.Run(ctx) }()
	go func() { defer wg.Done(); _ = sender.Run(ctx) }()
	go func() { wg.Wait(); close(done) }()
}

func (h *harness) stop() {
	h.mu.Lock()
	cancel, done := h.cancel, h.done
	h.mu.Unlock()
	cancel()
	<-done
}

// restart stops the bot and starts a new one on the same storage.
func (h *harness) restart() {
	h.stop()
	h.start()
}

// chat is one applicant talking to the bot.
type chat struct {
	h     *harness
	phone string
	name  string
	lid   bool
	// hidePhone, with lid, sends no number at all (no SenderAlt).
	hidePhone bool
	after     int64
}

func (h *harness) chat(phone string) *chat {
	return &chat{h: h, phone: phone, name: "Budi"}
}

// send sends in and returns the bot's one reply to it.
func (c *chat) send(in sim.Inbound) string {
	c.h.t.Helper()
	in.From, in.Name, in.LID, in.HidePhone = c.phone, c.name, c.lid, c.hidePhone
	if _, err := c.h.sim.Send(in); err != nil {
		c.h.t.Fatalf("send %+v: %v", in, err)
	}
	return c.reply()
}

// reply waits for the bot's next message to this chat.
func (c *chat) reply() string {
	c.h.t.Helper()
	out := c.h.sim.Wait(context.Background(), c.phone, c.after, 15*time.Second)
	if len(out) == 0 {
		c.h.t.Fatalf("no reply to %s within 15 s", c.phone)
	}
	c.after = out[0].Seq
	// Later messages to other chats may have moved the global sequence on; only this
	// chat's first new message is the reply.
	return out[0].Text
}

// quiet asserts the bot sends this chat nothing more for a while.
func (c *chat) quiet(d time.Duration) {
	c.h.t.Helper()
	if out := c.h.sim.Wait(context.Background(), c.phone, c.after, d); len(out) > 0 {
		c.h.t.Fatalf("unexpected message to %s: %q", c.phone, out[0].Text)
	}
}

// say sends text and checks that the reply contains every one of want.
func (c *chat) say(text string, want ...string) string {
	c.h.t.Helper()
	got := c.send(sim.Inbound{Text: text})
	expect(c.h.t, text, got, want...)
	return got
}

func expect(t *testing.T, sent, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Fatalf("after %q the bot said:\n%s\n\nwant it to contain %q", sent, got, w)
		}
	}
}

// await reads this chat's messages until one contains any of want, and returns it.
// Staff get command answers and notifications interleaved, so order is not asserted.
func (c *chat) await(want ...string) sim.Outbound {
	c.h.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var seen []string
	for time.Now().Before(deadline) {
		out := c.h.sim.Wait(context.Background(), c.phone, c.after, time.Until(deadline))
		for _, m := range out {
			c.after = m.Seq
			for _, w := range want {
				if strings.Contains(m.Text, w) {
					return m
				}
			}
			seen = append(seen, m.Text)
		}
	}
	c.h.t.Fatalf("%s never got a message containing any of %q; got:\n%s", c.phone, want, strings.Join(seen, "\n---\n"))
	return sim.Outbound{}
}

// command sends a staff command and waits for the answer that contains want[0] (a
// notification may arrive in between), checking it contains the rest of want too.
func (c *chat) command(text string, want ...string) string {
	c.h.t.Helper()
	if _, err := c.h.sim.Send(simText(c, text)); err != nil {
		c.h.t.Fatalf("send %q: %v", text, err)
	}
	got := c.await(want[0]).Text
	expect(c.h.t, text, got, want...)
	return got
}

// sentEver waits until phone has been sent a message containing want, whenever it was
// sent, and returns it.
func (h *harness) sentEver(phone, want string) sim.Outbound {
	h.t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		for _, m := range h.sim.Sent(phone, 0) {
			if strings.Contains(m.Text, want) {
				return m
			}
		}
	}
	h.t.Fatalf("%s was never sent %q", phone, want)
	return sim.Outbound{}
}

// simText is a text message from c, for sending without waiting for the answer.
func simText(c *chat, text string) sim.Inbound {
	return sim.Inbound{From: c.phone, Name: c.name, LID: c.lid, HidePhone: c.hidePhone, Text: text}
}
