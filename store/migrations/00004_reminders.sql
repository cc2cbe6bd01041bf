-- +goose Up
-- Marks of reminders and digests already written, so each is sent once
-- ("sla:<request>:<day>", "digest:<day>", "questionnaire:<request>").
CREATE TABLE sent_marks (
    key     text PRIMARY KEY,
    sent_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE sent_marks;
