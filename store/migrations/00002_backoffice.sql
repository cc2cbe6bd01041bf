-- +goose Up
-- DTIK staff, by phone number (E.164) and role; one person may hold several roles.
CREATE TABLE staff (
    phone    text        NOT NULL,
    role     text        NOT NULL CHECK (role IN ('admin', 'pimpinan', 'staf')),
    name     text        NOT NULL,
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (phone, role)
);

-- The staff member a pimpinan dispositioned the request to (E.164).
ALTER TABLE requests ADD COLUMN assignee text NOT NULL DEFAULT '';

-- The transactional outbox: every notification a transition causes is written here in
-- the same transaction, with its WhatsApp message ID fixed, and sent by the worker.
CREATE TABLE outbox (
    id         bigserial PRIMARY KEY,
    recipient  text        NOT NULL,
    msg_id     text        NOT NULL UNIQUE,
    request_id bigint REFERENCES requests (id),
    body       text        NOT NULL,
    letter_id  bigint REFERENCES letters (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    not_before timestamptz NOT NULL DEFAULT now(),
    attempts   int         NOT NULL DEFAULT 0,
    last_error text        NOT NULL DEFAULT '',
    sent_at    timestamptz,
    server_ts  timestamptz
);
CREATE INDEX outbox_pending ON outbox (recipient, id) WHERE sent_at IS NULL;

-- +goose Down
DROP TABLE outbox;
ALTER TABLE requests DROP COLUMN assignee;
DROP TABLE staff;
