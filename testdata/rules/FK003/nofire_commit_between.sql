-- Case: the ADD ... NOT VALID is committed before the VALIDATE starts.
-- Expect: FK003 does not fire.
BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE messages
    ADD CONSTRAINT messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
COMMIT;

BEGIN;
ALTER TABLE messages VALIDATE CONSTRAINT messages_user_id_fkey;
COMMIT;
