-- +goose Up
-- The durable inbox: every inbound WhatsApp message is written here before WhatsApp is
-- told it arrived, so a crash never loses one; (chat, msg_id) makes a redelivery a no-op.
CREATE TABLE inbox (
    seq         bigserial PRIMARY KEY,
    chat        text        NOT NULL,
    msg_id      text        NOT NULL,
    phone       text        NOT NULL DEFAULT '',
    name        text        NOT NULL DEFAULT '',
    reply_to    text        NOT NULL,
    payload     bytea       NOT NULL,
    sent_at     timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    attempts    int         NOT NULL DEFAULT 0,
    last_error  text        NOT NULL DEFAULT '',
    done_at     timestamptz,
    UNIQUE (chat, msg_id)
);
CREATE INDEX inbox_pending ON inbox (seq) WHERE done_at IS NULL;

CREATE TABLE requests (
    id         bigserial PRIMARY KEY,
    ref        text        NOT NULL UNIQUE,
    draft_id   text        NOT NULL UNIQUE,
    service    text        NOT NULL,
    chat       text        NOT NULL,
    phone      text        NOT NULL DEFAULT '',
    name       text        NOT NULL DEFAULT '',
    lang       text        NOT NULL DEFAULT 'id',
    status     text        NOT NULL,
    fields     jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX requests_chat ON requests (chat, created_at);
CREATE INDEX requests_fields ON requests USING gin (fields jsonb_path_ops);

-- One counter per service and year gives references like ZM-2026-0007 without gaps
-- from rolled-back transactions being visible to anyone but the counter.
CREATE TABLE ref_counters (
    service text NOT NULL,
    year    int  NOT NULL,
    last    int  NOT NULL,
    PRIMARY KEY (service, year)
);

-- Letters are stored as soon as they arrive (WhatsApp media links expire); request_id
-- is set when the draft they belong to is filed.
CREATE TABLE letters (
    id         bigserial PRIMARY KEY,
    request_id bigint REFERENCES requests (id),
    chat       text        NOT NULL,
    filename   text        NOT NULL,
    size       bigint      NOT NULL CHECK (size <= 10485760),
    pages      int         NOT NULL,
    sha256     bytea       NOT NULL,
    content    bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX letters_request ON letters (request_id);

CREATE TABLE request_events (
    id          bigserial PRIMARY KEY,
    request_id  bigint      NOT NULL REFERENCES requests (id),
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,
    role        text        NOT NULL,
    from_status text        NOT NULL DEFAULT '',
    to_status   text        NOT NULL,
    note        text        NOT NULL DEFAULT ''
);
CREATE INDEX request_events_request ON request_events (request_id, id);

-- The e-mail addresses registered in UNS Zoom (SOP#18 rule 3), from a Zoom admin export.
CREATE TABLE zoom_roster (
    email       text PRIMARY KEY,
    imported_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE zoom_roster;
DROP TABLE request_events;
DROP TABLE letters;
DROP TABLE ref_counters;
DROP TABLE requests;
DROP TABLE inbox;
