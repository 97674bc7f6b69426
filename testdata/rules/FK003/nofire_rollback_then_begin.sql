-- Case: the transaction that adds the constraint is rolled back; the VALIDATE runs in a new
-- transaction.
-- Expect: FK003 does not fire.
BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE messages
    ADD CONSTRAINT messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ROLLBACK;

BEGIN;
ALTER TABLE messages VALIDATE CONSTRAINT messages_user_id_fkey;
COMMIT;
