-- Case: after SET search_path TO staging, the unqualified CREATE TABLE creates staging.import_rows,
-- so the FK below is added to a table created in this file.
-- Expect: FK001 does not fire.
SET lock_timeout = '5s';
SET search_path TO staging;

CREATE TABLE import_rows (
    id bigint PRIMARY KEY,
    batch_id bigint NOT NULL,
    raw text
);

ALTER TABLE staging.import_rows ADD FOREIGN KEY (batch_id) REFERENCES staging.import_batches (id);
