-- +goose Up
-- The WhatsApp LID of each staff number, as WhatsApp reported it: a staff member whose
-- message arrives with a LID and no phone number is still recognised.
CREATE TABLE staff_lids (
    lid         text PRIMARY KEY,
    phone       text        NOT NULL,
    resolved_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_lids_phone ON staff_lids (phone);

-- +goose Down
DROP TABLE staff_lids;
