package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/uns-dtik/loket"
)

// inboxMark is one caller's claim (runner set) or "handled" mark, and its answer.
// Claims and marks made at the same time share one statement (gatherer): at 50
// chats, about three to a statement.
type inboxMark struct {
	seq     int64
	runner  string // "" marks the message handled
	durable bool
	crashes int
	handled bool // the claim found the message handled already
}

// planOnce makes the marks' statement keep one plan per connection. Left to
// choose (plan_cache_mode auto), PostgreSQL planned it afresh at four runs in five,
// for more time than running it took: its generic plan's estimate (ten rows for
// each array) comes out above a custom plan's for the few it holds. That plan is
// made at the connection's first marks, perhaps on an empty inbox, where a
// sequential scan is cheapest and would stay so however the inbox grows: with
// sequential scans off, it takes the primary key and the pending index. (Kept per
// connection in pgx's default mode, which prepares its statements; the other
// extended modes plan at every run anyway, and the simple protocol, for a pooler,
// sends its arguments in the text, where the settings do no harm.)
const planOnce = `SELECT set_config('plan_cache_mode', 'force_generic_plan', true), set_config('enable_seqscan', 'off', true)`

// claimRunner is the runner claiming row i in the marks' statement: the runners
// ($2) are in the order of the claimed sequences ($1). Looked up per row rather than
// joined: a plan kept from a small inbox (planOnce) joined the claims by hashing
// every pending message, all of them at every claim once a backlog waited; as one
// condition on the row, the claims are found through the pending index.
const claimRunner = `($2::text[])[array_position($1::bigint[], i.seq)]`

// sendMarks claims and marks handled the batch's messages in one statement and one
// transaction. It waits for the disk if any claim asked for it (the others' marks
// then wait too, which costs them nothing they rely on).
//
// A message both claimed and marked handled in one batch (a mark whose caller gave up
// waiting, then the claim of the message's next try) is marked, and its claim
// answered loket.ErrHandled, as if the mark had gone first: PostgreSQL changes a row
// once per statement, and would otherwise keep the claim and drop the mark.
//
// The first branch of the UNION is there for its set_config: a branch that is always
// read, so the commit's mode is set even when nothing is claimed. The planner's
// settings go before it, in the same round trip (planOnce).
func (db *DB) sendMarks(ctx context.Context, batch []*inboxMark) error {
	var claimSeqs, finishSeqs []int64
	var runners []string
	durable := false
	for _, m := range batch {
		if m.runner == "" {
			finishSeqs = append(finishSeqs, m.seq)
			continue
		}
		claimSeqs, runners = append(claimSeqs, m.seq), append(runners, m.runner)
		durable = durable || m.durable
	}
	crashes := map[int64]int{}
	err := db.queryWith(ctx, planOnce, func(rows pgx.Rows) error {
		for rows.Next() {
			var seq int64
			var n int
			if err := rows.Scan(&seq, &n); err != nil {
				return err
			}
			if seq != 0 {
				crashes[seq] = n
			}
		}
		return nil
	}, `
		WITH finished AS (
			UPDATE inbox SET done_at = now(), started_by = '' WHERE seq = ANY($3::bigint[]) RETURNING seq
		), claimed AS (
			UPDATE inbox i SET crashes = i.crashes + (i.started_by <> '' AND i.started_by <> `+claimRunner+`)::int,
				started_by = `+claimRunner+`, claimed_at = coalesce(i.claimed_at, now())
			WHERE i.seq = ANY($1::bigint[]) AND i.done_at IS NULL AND i.seq <> ALL(coalesce($3::bigint[], '{}')) RETURNING i.seq, i.crashes
		)
		SELECT 0::bigint, 0 FROM `+asyncIf("$4")+`
		UNION ALL SELECT seq, crashes FROM claimed`, claimSeqs, runners, finishSeqs, !durable)
	if err != nil {
		return fmt.Errorf("mark inbox: %w", err)
	}
	for _, m := range batch {
		if m.runner != "" {
			n, ok := crashes[m.seq]
			m.crashes, m.handled = n, !ok
		}
	}
	return nil
}

// ClaimInbox marks the message as being handled by runner (a name unique to the
// running process) before it is handled, and returns how many handlings crashed: a
// mark left by another runner means that process died while handling it, and counts
// one more. A message handled already is not claimed (loket.ErrHandled), so it can never be
// handled twice.
//
// The claim is committed without waiting for the disk unless durable is set (or
// another claim in its statement is): it must survive the bot's process (an
// asynchronous commit is in PostgreSQL's memory and visible at once), not the
// database's — a claim PostgreSQL loses in a crash costs at most one crash uncounted.
// durable also makes every commit before it durable (the WAL is flushed in order),
// which is what the bot asks it for. Claims and marks made at the same time share a
// statement (gatherer).
func (db *DB) ClaimInbox(ctx context.Context, seq int64, runner string, durable bool) (crashes int, err error) {
	if runner == "" {
		return 0, fmt.Errorf("claim inbox %d: no runner named", seq)
	}
	m := &inboxMark{seq: seq, runner: runner, durable: durable}
	if err := db.marks.do(ctx, m, db.sendMarks); err != nil {
		return 0, fmt.Errorf("claim inbox %d: %w", seq, err)
	}
	if m.handled {
		return 0, loket.ErrHandled
	}
	return m.crashes, nil
}

// FinishInbox marks a message handled; errText records why it was set aside, if it
// was.
//
// A handled message's mark is committed without waiting for the disk, and shares a
// statement with the claims and marks made at the same time (gatherer). Should
// PostgreSQL crash and lose it, the message is handled again, which is harmless: the
// dialog answers a replay of the last message it applied from its session, and a
// desk command whose change was committed has its replies recorded with it (the
// handler is idempotent per sequence, bot.Handler). The bot makes sure it is only
// ever the last message of a chat that can come back so (it claims the chat's next
// message durably while this mark may not be on disk yet). A message set aside
// waits for the disk: it was not handled, and nothing would make a replay harmless.
func (db *DB) FinishInbox(ctx context.Context, seq int64, errText string) error {
	if errText == "" {
		if err := db.marks.do(ctx, &inboxMark{seq: seq}, db.sendMarks); err != nil {
			return fmt.Errorf("finish inbox %d: %w", seq, err)
		}
		return nil
	}
	_, err := db.Pool.Exec(ctx, `UPDATE inbox SET done_at = now(), last_error = $2, started_by = '' WHERE seq = $1`, seq, errText)
	if err != nil {
		return fmt.Errorf("set aside inbox %d: %w", seq, err)
	}
	return nil
}
