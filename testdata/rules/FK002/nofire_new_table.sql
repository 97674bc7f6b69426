-- Case: the column is added to a table created earlier in the same file.
-- Expect: FK002 does not fire.
SET lock_timeout = '5s';

CREATE TABLE attachments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_name text NOT NULL
);

ALTER TABLE attachments ADD COLUMN message_id bigint NOT NULL DEFAULT 0 REFERENCES messages (id);
