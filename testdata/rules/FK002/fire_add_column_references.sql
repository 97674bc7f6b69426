-- Case: ADD COLUMN ... REFERENCES on an existing table, without a DEFAULT (the new column is all NULL).
-- Expect: FK002 fires, as a warning.
SET lock_timeout = '5s';

ALTER TABLE messages ADD COLUMN team_id integer REFERENCES teams (id);
