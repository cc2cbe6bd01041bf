package storetest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// Server is a PostgreSQL or Redis server of a test's own, on a free port, that the
// test can stop and start again: outages are played on it, never on the machine's
// shared services. Data survives a stop.
type Server struct {
	t    testing.TB
	name string
	// URL connects to it (postgres:// or redis://).
	URL  string
	Port int
	argv []string
	cred *syscall.Credential
	cmd  *exec.Cmd
	exit chan struct{}
}

// StartPostgres runs a fresh PostgreSQL cluster for t, removed when t ends. It uses
// the binaries `make test` installs (/usr/lib/postgresql/<version>/bin); as root it
// runs them as the postgres user, since PostgreSQL refuses to run as root.
func StartPostgres(t testing.TB) *Server {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/postgres")
	if len(bins) == 0 {
		t.Fatal("PostgreSQL's server binaries are needed for this test and are missing (/usr/lib/postgresql/*/bin). `make test` installs them.")
	}
	sort.Strings(bins)
	bin := filepath.Dir(bins[len(bins)-1])
	dir, cred := serverDir(t, "loket-pg-")
	data := filepath.Join(dir, "data")
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	port := freePort(t)
	s := &Server{t: t, name: "PostgreSQL", Port: port, cred: cred,
		URL: fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port),
		argv: []string{filepath.Join(bin, "postgres"), "-D", data, "-p", strconv.Itoa(port), "-k", dir,
			"-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=60"}}
	s.Start()
	t.Cleanup(s.Stop)
	return s
}

// StartRedis runs a Redis server for t that keeps its data on disk (an append-only
// file, written at every change), so a stop and start loses nothing, as in production.
func StartRedis(t testing.TB) *Server {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatal("redis-server is needed for this test and is missing. `make test` installs it.")
	}
	dir, _ := serverDir(t, "loket-redis-")
	port := freePort(t)
	s := &Server{t: t, name: "Redis", Port: port, URL: fmt.Sprintf("redis://127.0.0.1:%d/0", port),
		argv: []string{bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "",
			"--appendonly", "yes", "--appendfsync", "always", "--logfile", filepath.Join(dir, "redis.log")}}
	s.Start()
	t.Cleanup(s.Stop)
	return s
}

// serverDir makes a directory the server may write, removed when t ends; as root,
// owned by the postgres user, whose credentials it returns (nil otherwise).
func serverDir(t testing.TB, prefix string) (string, *syscall.Credential) {
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	if os.Geteuid() != 0 {
		return dir, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		t.Fatalf("running as root, the postgres user is needed to run PostgreSQL: %v", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		t.Fatal(err)
	}
	return dir, &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
}

func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Start starts the server and waits until it accepts connections.
func (s *Server) Start() {
	s.t.Helper()
	s.cmd = exec.Command(s.argv[0], s.argv[1:]...)
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred, Pdeathsig: syscall.SIGKILL}
	if err := s.cmd.Start(); err != nil {
		s.t.Fatalf("start %s: %v", s.name, err)
	}
	s.exit = make(chan struct{})
	go func(cmd *exec.Cmd, exit chan struct{}) { _ = cmd.Wait(); close(exit) }(s.cmd, s.exit)
	addr := fmt.Sprintf("127.0.0.1:%d", s.Port)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			if s.name != "PostgreSQL" || s.pgAnswers() {
				return
			}
		}
		select {
		case <-s.exit:
			s.t.Fatalf("%s exited at start", s.name)
		default:
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%s did not start listening on %s", s.name, addr)
		}
	}
}

// pgAnswers reports whether PostgreSQL has finished starting (it listens before it
// takes connections).
func (s *Server) pgAnswers() bool {
	psql, err := exec.LookPath("pg_isready")
	if err != nil {
		psql = filepath.Join(filepath.Dir(s.argv[0]), "pg_isready")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return exec.CommandContext(ctx, psql, "-h", "127.0.0.1", "-p", strconv.Itoa(s.Port), "-q").Run() == nil
}

// Stop stops the server (PostgreSQL shuts down fast: open sessions are cut, as a
// crash of the database host would) and waits for it to exit.
func (s *Server) Stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	select {
	case <-s.exit:
		return
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGCONT) // a frozen server cannot stop
	_ = s.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-s.exit:
	case <-time.After(20 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exit
	}
}

// Freeze stops the server's process without ending it (SIGSTOP): connections stay
// open and nothing answers, as when its host hangs. Thaw lets it go on.
func (s *Server) Freeze() { _ = s.cmd.Process.Signal(syscall.SIGSTOP) }

// Thaw ends a Freeze.
func (s *Server) Thaw() { _ = s.cmd.Process.Signal(syscall.SIGCONT) }

// Outage stops the server for d, then starts it again.
func (s *Server) Outage(d time.Duration) {
	s.t.Helper()
	s.Stop()
	time.Sleep(d)
	s.Start()
}
