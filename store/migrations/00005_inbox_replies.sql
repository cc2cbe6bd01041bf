-- +goose Up
-- The replies a handled message produced, recorded before they are sent: a retry (say,
-- WhatsApp was unreachable) sends the same replies again instead of handling the
-- message a second time.
ALTER TABLE inbox ADD COLUMN replies jsonb;

-- +goose Down
ALTER TABLE inbox DROP COLUMN replies;
