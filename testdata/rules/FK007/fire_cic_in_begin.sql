-- Case: CREATE INDEX CONCURRENTLY inside BEGIN ... COMMIT; PostgreSQL refuses it and the whole
-- transaction fails.
-- Expect: FK007 fires.
BEGIN;
ALTER TABLE messages ADD COLUMN team_id integer;
CREATE INDEX CONCURRENTLY messages_team_id_idx ON messages (team_id);
COMMIT;
