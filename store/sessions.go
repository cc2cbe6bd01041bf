package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/uns-dtik/loket"
)

// ErrConflict is returned by Sessions.Save when the session changed since it was
// loaded; it is loket.ErrConflict, which the rooms test for.
var ErrConflict = loket.ErrConflict

// Sessions keeps dialog sessions in Redis as opaque bytes with a version, under
// <prefix>{<chat>}:session; the hash tag keeps a chat's keys in one cluster slot.
// A Sessions must not be copied once used (it gathers its callers' round trips).
type Sessions struct {
	Redis  redis.UniversalClient
	Prefix string

	// ops gathers the loads and saves made at the same time into one round trip.
	ops gatherer[*sessionOp]
}

func (s *Sessions) key(chat string) string { return s.Prefix + "{" + chat + "}:session" }

// saveScript writes the session only if its version is still the one loaded, so a
// second writer can never silently overwrite a newer session.
var saveScript = redis.NewScript(`
local v = redis.call("HGET", KEYS[1], "v")
if (v or "0") ~= ARGV[1] then return 0 end
redis.call("HSET", KEYS[1], "v", tostring(tonumber(ARGV[1]) + 1), "data", ARGV[2])
redis.call("PEXPIRE", KEYS[1], ARGV[3])
return 1`)

// Load returns chat's session and its version, in one round trip; a chat with no
// session gets nil, 0.
func (s *Sessions) Load(ctx context.Context, chat string) ([]byte, int64, error) {
	op := &sessionOp{load: true, key: s.key(chat)}
	if err := s.ops.do(ctx, op, s.send); err != nil {
		return nil, 0, fmt.Errorf("load session: %w", err)
	}
	return op.data, op.version, op.err
}

// Save stores chat's session if it is still at version (as Load returned it), and
// sets its time to live; otherwise it returns ErrConflict. Check and write are one
// round trip, EVALSHA; only after Redis lost its script cache (a restart) is the
// NOSCRIPT answer followed by the script itself, once.
func (s *Sessions) Save(ctx context.Context, chat string, data []byte, version int64, ttl time.Duration) error {
	op := &sessionOp{key: s.key(chat), data: data, version: version, ttl: ttl}
	if err := s.ops.do(ctx, op, s.send); err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	return op.err
}

// sessionOp is one caller's load (the answer in data and version) or save (of data
// at version), and its error.
type sessionOp struct {
	load    bool
	key     string
	data    []byte
	version int64
	ttl     time.Duration
	err     error
}

// send sends the loads and saves made at the same time in one round trip, a
// pipeline: Redis still runs each command on its own, in order, and each caller gets
// its own answer. One made alone goes as a command of its own.
func (s *Sessions) send(ctx context.Context, ops []*sessionOp) error {
	cmds := make([]redis.Cmder, len(ops))
	if len(ops) == 1 {
		cmds[0] = ops[0].queue(ctx, s.Redis)
	} else {
		pipe := s.Redis.Pipeline()
		for i, op := range ops {
			cmds[i] = op.queue(ctx, pipe)
		}
		_, _ = pipe.Exec(ctx) // each command holds its own error
	}
	for i, op := range ops {
		if cmd, ok := cmds[i].(*redis.Cmd); ok && redis.HasErrorPrefix(cmd.Err(), "NOSCRIPT") {
			cmds[i] = saveScript.Eval(ctx, s.Redis, []string{op.key}, op.version, op.data, op.ttl.Milliseconds())
		}
		op.answer(cmds[i])
		op.err = stalled(ctx, op.err)
	}
	return nil
}

// queue sends op by c, a client (the command goes at once) or a pipeline.
func (op *sessionOp) queue(ctx context.Context, c redis.Cmdable) redis.Cmder {
	if op.load {
		return c.HMGet(ctx, op.key, "v", "data")
	}
	return c.EvalSha(ctx, saveScript.Hash(), []string{op.key}, op.version, op.data, op.ttl.Milliseconds())
}

// answer reads op's answer from its command.
func (op *sessionOp) answer(cmd redis.Cmder) {
	if !op.load {
		ok, err := cmd.(*redis.Cmd).Int()
		switch {
		case err != nil:
			op.err = fmt.Errorf("save session: %w", err)
		case ok != 1:
			op.err = ErrConflict
		}
		return
	}
	vals, err := cmd.(*redis.SliceCmd).Result()
	switch {
	case err != nil:
		op.err = fmt.Errorf("load session: %w", err)
	case vals[0] == nil || vals[1] == nil:
		op.data, op.version = nil, 0
	default:
		v, err := strconv.ParseInt(vals[0].(string), 10, 64)
		if err != nil {
			op.err = fmt.Errorf("load session: bad version: %w", err)
			return
		}
		op.data, op.version = []byte(vals[1].(string)), v
	}
}

// Ping reports whether Redis answers.
func (s *Sessions) Ping(ctx context.Context) error { return s.Redis.Ping(ctx).Err() }

// The reasons Ready gives; they name no host or key.
var (
	ErrRedisUnreachable = errors.New("redis: unreachable")
	ErrRedisReadOnly    = errors.New("redis: refuses writes")
)

// Ready reports whether Redis takes writes now, by writing a short-lived key:
// answering PING is not enough (a replica, min-replicas-to-write, a full memory or
// a failed snapshot all refuse writes while PING still answers).
func (s *Sessions) Ready(ctx context.Context) error {
	err := s.Redis.Set(ctx, s.Prefix+"ready", "1", 10*time.Second).Err()
	var reply redis.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &reply):
		return ErrRedisReadOnly // the server answered, with a refusal
	}
	return ErrRedisUnreachable
}
