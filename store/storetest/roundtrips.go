package storetest

import (
	"context"
	"net"
	"sync"

	"github.com/redis/go-redis/v9"
)

// RoundTrips counts the round trips a Redis client makes: each command sent alone is
// one, and so is each pipeline or transaction, whatever it holds. A new connection's
// handshake (HELLO, CLIENT SETINFO, AUTH, SELECT) is paid once per connection, not per
// message, and is not counted. Tests pin with it what a dialog turn costs, on a real
// client and server, where a mock would count only what the code meant to send
// (go-redis's script fallback, EVALSHA then EVAL, is two).
type RoundTrips struct {
	mu    sync.Mutex
	names []string
}

// CountRoundTrips starts counting the round trips of client (a hook cannot be taken
// off again: give it a client of the test's own, as Env's is).
func CountRoundTrips(client redis.UniversalClient) *RoundTrips {
	r := &RoundTrips{}
	client.AddHook(r)
	return r
}

// Take returns the round trips made since the last Take, each named by its command
// ("evalsha", "hmget"; "pipeline" for a pipeline), and starts counting afresh.
func (r *RoundTrips) Take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	names := r.names
	r.names = nil
	return names
}

func (r *RoundTrips) add(name string) {
	r.mu.Lock()
	r.names = append(r.names, name)
	r.mu.Unlock()
}

// DialHook implements redis.Hook; a new connection is not a command.
func (r *RoundTrips) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) { return next(ctx, network, addr) }
}

// ProcessHook implements redis.Hook.
func (r *RoundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if !handshake(cmd) {
			r.add(cmd.Name())
		}
		return next(ctx, cmd)
	}
}

// ProcessPipelineHook implements redis.Hook.
func (r *RoundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if !allHandshake(cmds) {
			r.add("pipeline")
		}
		return next(ctx, cmds)
	}
}

// handshake reports whether cmd is one a new connection sends before any other.
func handshake(cmd redis.Cmder) bool {
	switch cmd.Name() {
	case "hello", "client", "auth", "select":
		return true
	}
	return false
}

func allHandshake(cmds []redis.Cmder) bool {
	for _, c := range cmds {
		if !handshake(c) {
			return false
		}
	}
	return true
}
