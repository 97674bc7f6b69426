-- Case: a transaction adds the column and commits; CREATE INDEX CONCURRENTLY runs after COMMIT.
-- Expect: FK007 does not fire.
BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE messages ADD COLUMN team_id integer;
COMMIT;

CREATE INDEX CONCURRENTLY messages_team_id_idx ON messages (team_id);
