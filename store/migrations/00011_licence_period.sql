-- +goose Up
-- The licence calendar (issue 12, part 4): a request of a service whose catalog gives
-- it a capacity keeps the days it uses as a range, so "how many requests use each of
-- these days" is one indexed query (store/licences.go), and whether it was filed
-- within capacity or waits for a licence, decided in its filing transaction.
ALTER TABLE requests ADD COLUMN period daterange;
ALTER TABLE requests ADD COLUMN waiting boolean NOT NULL DEFAULT false;
CREATE INDEX requests_period ON requests USING gist (period) WHERE period IS NOT NULL;

-- Requests filed before this migration: the embedded catalog's SOP#18 service (ZM)
-- bounds its days by start_date and end_date, kept as ISO dates among the answers.
WITH bounds AS (
    SELECT id,
           (SELECT f->>'value' FROM jsonb_array_elements(fields) f WHERE f->>'key' = 'start_date') AS s,
           (SELECT f->>'value' FROM jsonb_array_elements(fields) f WHERE f->>'key' = 'end_date') AS e
    FROM requests
    WHERE service = 'ZM' AND jsonb_typeof(fields) = 'array'
)
UPDATE requests r SET period = daterange(b.s::date, b.e::date, '[]')
FROM bounds b
WHERE r.id = b.id AND b.s ~ '^\d{4}-\d{2}-\d{2}$' AND b.e ~ '^\d{4}-\d{2}-\d{2}$' AND b.s <= b.e;

-- +goose Down
DROP INDEX requests_period;
ALTER TABLE requests DROP COLUMN waiting;
ALTER TABLE requests DROP COLUMN period;
