-- Case: ADD ... NOT VALID and VALIDATE of the same constraint inside one BEGIN ... COMMIT.
-- Expect: FK003 fires on the VALIDATE.
BEGIN;
SET LOCAL lock_timeout = '5s';

ALTER TABLE messages
    ADD CONSTRAINT messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;

ALTER TABLE messages VALIDATE CONSTRAINT messages_user_id_fkey;
COMMIT;
