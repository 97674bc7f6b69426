-- Case: SET LOCAL lock_timeout inside the same BEGIN ... COMMIT as the FK DDL.
-- Expect: FK004 does not fire.
BEGIN;
SET LOCAL lock_timeout = '3s';
ALTER TABLE messages
    ADD CONSTRAINT messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
COMMIT;
