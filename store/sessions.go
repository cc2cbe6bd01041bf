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
type Sessions struct {
	Redis  redis.UniversalClient
	Prefix string
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
	vals, err := s.Redis.HMGet(ctx, s.key(chat), "v", "data").Result()
	if err != nil {
		return nil, 0, fmt.Errorf("load session: %w", err)
	}
	if vals[0] == nil || vals[1] == nil {
		return nil, 0, nil
	}
	v, err := strconv.ParseInt(vals[0].(string), 10, 64)
	if err != nil {
		return nil, 0, fmt.Errorf("load session: bad version: %w", err)
	}
	return []byte(vals[1].(string)), v, nil
}

// Save stores chat's session if it is still at version (as Load returned it), and
// sets its time to live; otherwise it returns ErrConflict. Check and write are one
// round trip, EVALSHA; only after Redis lost its script cache (a restart) does
// go-redis follow the NOSCRIPT answer with the script itself, once.
func (s *Sessions) Save(ctx context.Context, chat string, data []byte, version int64, ttl time.Duration) error {
	ok, err := saveScript.Run(ctx, s.Redis, []string{s.key(chat)}, version, data, ttl.Milliseconds()).Int()
	if err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	if ok != 1 {
		return ErrConflict
	}
	return nil
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
