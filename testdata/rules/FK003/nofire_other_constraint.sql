-- Case: the transaction validates a different constraint of the same table (one added NOT VALID
-- by an earlier migration), not the one it adds.
-- Expect: FK003 does not fire.
BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE messages
    ADD CONSTRAINT messages_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams (id) NOT VALID;
ALTER TABLE messages VALIDATE CONSTRAINT messages_user_id_fkey;
COMMIT;
