-- +goose Up
-- The questionnaire after a request is done (SOP rule 5): three ratings 1-5 and an
-- optional comment, asked in chat; one reminder after 24 hours, then it expires.
CREATE TABLE questionnaires (
    request_id   bigint PRIMARY KEY REFERENCES requests (id),
    chat         text        NOT NULL,
    asked_at     timestamptz NOT NULL,
    step         int         NOT NULL DEFAULT 0,
    speed        int CHECK (speed BETWEEN 1 AND 5),
    ease         int CHECK (ease BETWEEN 1 AND 5),
    satisfaction int CHECK (satisfaction BETWEEN 1 AND 5),
    comment      text,
    -- set when the last answer is given; unanswered ones expire by age (asked_at)
    closed_at    timestamptz
);
CREATE INDEX questionnaires_open ON questionnaires (chat, asked_at) WHERE closed_at IS NULL;

-- +goose Down
DROP TABLE questionnaires;
