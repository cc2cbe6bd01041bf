-- +goose Up
-- The simulator's journal: what `loket sim` showed on its page — the bot's messages
-- and the files sent either way — so a restart loses neither the history nor the
-- links. Kept for a bounded time and size (store/simjournal.go).
CREATE TABLE sim_messages (
    seq     bigint PRIMARY KEY,
    at      timestamptz NOT NULL,
    payload jsonb       NOT NULL
);
CREATE INDEX sim_messages_at ON sim_messages (at);
CREATE TABLE sim_media (
    id   text PRIMARY KEY,
    at   timestamptz NOT NULL,
    data bytea       NOT NULL
);
CREATE INDEX sim_media_at ON sim_media (at);

-- +goose Down
DROP TABLE sim_media;
DROP TABLE sim_messages;
