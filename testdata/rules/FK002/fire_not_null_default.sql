-- Case: ADD COLUMN ... NOT NULL DEFAULT 1 REFERENCES: every existing row gets 1, so the FK is
-- validated by a full scan while ACCESS EXCLUSIVE is held.
-- Expect: FK002 fires, as an error.
SET lock_timeout = '5s';

ALTER TABLE messages
    ADD COLUMN team_id integer NOT NULL DEFAULT 1 REFERENCES teams (id);
