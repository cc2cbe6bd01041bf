-- +goose Up
-- When a message was first claimed for handling. A message that was ever started may
-- have been applied (its replies not yet recorded), so it keeps its turn: a message
-- that arrives later, even one sent earlier, is not put before it.
ALTER TABLE inbox ADD COLUMN claimed_at timestamptz;

-- +goose Down
ALTER TABLE inbox DROP COLUMN claimed_at;
