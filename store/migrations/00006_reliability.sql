-- +goose Up
-- Crash accounting: the process that started handling a message marks it before it
-- begins; a mark left by another process means that process died meanwhile, and the
-- message counts a crash. After three, it is set aside.
ALTER TABLE inbox ADD COLUMN started_by text NOT NULL DEFAULT '';
ALTER TABLE inbox ADD COLUMN crashes int NOT NULL DEFAULT 0;
-- Handled messages are purged after the retention period (LOKET_INBOX_RETENTION).
CREATE INDEX inbox_done ON inbox (done_at) WHERE done_at IS NOT NULL;

-- A letter remembers the message that brought it, so handling that message again
-- finds the letter stored the first time instead of storing another.
ALTER TABLE letters ADD COLUMN seq bigint;
CREATE UNIQUE INDEX letters_chat_seq ON letters (chat, seq) WHERE seq IS NOT NULL;
CREATE INDEX letters_unfiled ON letters (created_at) WHERE request_id IS NULL;

-- The corrected draft that resubmitted a request, so sending the same correction
-- again is recognised instead of refused.
ALTER TABLE requests ADD COLUMN resubmitted_draft text NOT NULL DEFAULT '';

-- The message that gave a questionnaire its latest answer, so handling that message
-- again does not take the same answer for the next question.
ALTER TABLE questionnaires ADD COLUMN last_seq bigint NOT NULL DEFAULT 0;

-- An outbox row that could not be delivered after every attempt is set aside, so it
-- no longer holds up its recipient's later messages.
ALTER TABLE outbox ADD COLUMN given_up_at timestamptz;
DROP INDEX outbox_pending;
CREATE INDEX outbox_pending ON outbox (recipient, id) WHERE sent_at IS NULL AND given_up_at IS NULL;

-- +goose Down
DROP INDEX outbox_pending;
CREATE INDEX outbox_pending ON outbox (recipient, id) WHERE sent_at IS NULL;
ALTER TABLE outbox DROP COLUMN given_up_at;
ALTER TABLE questionnaires DROP COLUMN last_seq;
ALTER TABLE requests DROP COLUMN resubmitted_draft;
DROP INDEX letters_unfiled;
DROP INDEX letters_chat_seq;
ALTER TABLE letters DROP COLUMN seq;
DROP INDEX inbox_done;
ALTER TABLE inbox DROP COLUMN crashes;
ALTER TABLE inbox DROP COLUMN started_by;
