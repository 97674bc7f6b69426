-- Case: SET LOCAL lock_timeout lasts only until the end of its transaction; the FK DDL is in the
-- next transaction, which sets nothing.
-- Expect: FK004 fires on the ALTER TABLE in the second transaction.
BEGIN;
SET LOCAL lock_timeout = '3s';
ALTER TABLE messages ADD COLUMN team_id integer;
COMMIT;

BEGIN;
ALTER TABLE messages
    ADD CONSTRAINT messages_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams (id) NOT VALID;
COMMIT;
