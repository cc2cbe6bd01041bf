package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uns-dtik/loket/store/storetest"
)

// The failover suite: two bots on one database and one WhatsApp number. One is
// connected; the other stands by. The connected one is killed with -9 again and
// again while applicants file requests and staff work; each time the other takes
// over within 15 s (the killed one, started again, stands by), and at the end every
// change happened once and every message was told once.

// named is a bot process that names itself to PostgreSQL, so the test can see which
// one holds the WhatsApp connection lock.
func (p *botProcess) named(name string) *botProcess {
	log, err := os.Create(filepath.Join(p.t.TempDir(), name+".log"))
	if err != nil {
		p.t.Fatal(err)
	}
	twin := &botProcess{t: p.t, log: log}
	for _, v := range p.env {
		if url, ok := strings.CutPrefix(v, "LOKET_DATABASE_URL="); ok {
			v = "LOKET_DATABASE_URL=" + url + "&application_name=" + name
		}
		twin.env = append(twin.env, v)
	}
	p.t.Cleanup(twin.kill9)
	return twin
}

// connected returns the application name of the process holding the WhatsApp
// connection lock ("" when none does).
func connected(t *testing.T, env *storetest.Env) string {
	holder, err := env.DB.ConnectionHolder(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	name, _, _ := strings.Cut(holder, " (")
	return name
}

// awaitConnected waits until name holds the lock, and says how long that took.
func awaitConnected(t *testing.T, env *storetest.Env, name string, within time.Duration) (time.Duration, error) {
	start := time.Now()
	for connected(t, env) != name {
		if time.Since(start) > within {
			return 0, fmt.Errorf("%s did not take the WhatsApp connection within %v (held by %q)", name, within, connected(t, env))
		}
		time.Sleep(50 * time.Millisecond)
	}
	return time.Since(start), nil
}

func awaitLog(t *testing.T, p *botProcess, want string, within time.Duration) {
	for deadline := time.Now().Add(within); ; time.Sleep(50 * time.Millisecond) {
		data, _ := os.ReadFile(p.log.Name())
		if strings.Contains(string(data), want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never logged %q:\n%s", filepath.Base(p.log.Name()), want, data)
		}
	}
}

func TestFailoverToTheStandby(t *testing.T) {
	// Outside the soak a takeover every 3–15 s is enough to cross every step of the
	// dialog a few times; one every 1–5 s (the soak's) keeps CI waiting for minutes.
	applicants, takeovers, pause := 6, 4, 3*time.Second
	if os.Getenv("LOKET_SOAK") != "" {
		applicants, takeovers, pause = 20, 12, time.Second
	}
	env := storetest.New(t)
	addSuiteStaff(t, env)
	wa, template := botOnBridge(t, env, fastBot...)
	bots := map[string]*botProcess{"bot-a": template.named("bot-a"), "bot-b": template.named("bot-b")}
	for _, b := range bots {
		defer b.showLogIfFailed()
	}
	bots["bot-a"].start()
	if _, err := awaitConnected(t, env, "bot-a", 30*time.Second); err != nil {
		t.Fatal(err)
	}
	bots["bot-b"].start()
	awaitLog(t, bots["bot-b"], "holds this WhatsApp number; standing by", 30*time.Second)

	var waits []time.Duration
	underLoad(t, env, wa, applicants, 300*time.Millisecond, pause, takeovers, func() bool {
		active := connected(t, env)
		standby := map[string]string{"bot-a": "bot-b", "bot-b": "bot-a"}[active]
		if standby == "" {
			t.Errorf("no process holds the WhatsApp connection")
			return false
		}
		bots[active].kill9()
		took, err := awaitConnected(t, env, standby, 15*time.Second)
		if err != nil {
			t.Error(err)
			return false
		}
		waits = append(waits, took)
		bots[active].start() // it comes back as the standby
		return true
	})
	t.Logf("%d applicants, takeovers after kill -9 took %v", applicants, waits)
}
