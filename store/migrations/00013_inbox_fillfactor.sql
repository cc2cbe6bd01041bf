-- +goose Up
-- Room on each page of the inbox for its rows' next versions: a message's claim
-- changes no indexed column, and with room on its page PostgreSQL writes it as a
-- heap-only update, without a new entry in each of the table's four indexes.
ALTER TABLE inbox SET (fillfactor = 50);

-- +goose Down
ALTER TABLE inbox RESET (fillfactor);
