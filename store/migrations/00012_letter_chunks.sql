-- +goose Up
-- A letter's bytes are kept as rows of at most 8,000 bytes (letter_chunks), written
-- with COPY in the transaction that adds the letter, instead of one bytea value
-- (issue 10: a 10 MB letter stored in at most 100 ms). One value of 10 MB went
-- through PostgreSQL's TOAST: first a pglz compression attempt over the whole file
-- (a scan's PDF starts with compressible text, so pglz does not give up early, only
-- to keep the file as it was), then 5,000 chunks of 2 KB, each a row of the TOAST
-- table and an entry of its index. Rows of 8,000 bytes stored PLAIN fit a page
-- each and are neither compressed nor moved out of line: a quarter of the rows and
-- index entries, no compression; and COPY streams them, so neither side holds a
-- 10 MB message. Letters stored before keep their content column, read the same.
CREATE TABLE letter_chunks (
    letter_id bigint NOT NULL REFERENCES letters (id) ON DELETE CASCADE,
    n         int    NOT NULL,
    data      bytea  NOT NULL,
    PRIMARY KEY (letter_id, n)
);
ALTER TABLE letter_chunks ALTER COLUMN data SET STORAGE PLAIN;
ALTER TABLE letters ALTER COLUMN content DROP NOT NULL;
-- The simulator's files (sim_media) are the same letters, sent on to staff: kept out
-- of line without the compression attempt.
ALTER TABLE sim_media ALTER COLUMN data SET STORAGE EXTERNAL;

-- +goose Down
ALTER TABLE sim_media ALTER COLUMN data SET STORAGE EXTENDED;
UPDATE letters l SET content = (SELECT string_agg(c.data, ''::bytea ORDER BY c.n) FROM letter_chunks c WHERE c.letter_id = l.id)
WHERE content IS NULL;
UPDATE letters SET content = '' WHERE content IS NULL;
ALTER TABLE letters ALTER COLUMN content SET NOT NULL;
DROP TABLE letter_chunks;
