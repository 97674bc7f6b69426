-- Case: no BEGIN in the file, but it is audited with --assume-transaction (the migration tool
-- wraps the whole file in one transaction), so ADD ... NOT VALID and VALIDATE share a transaction.
-- Expect: FK003 fires on the VALIDATE.
SET lock_timeout = '5s';

ALTER TABLE messages
    ADD CONSTRAINT messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;

ALTER TABLE messages VALIDATE CONSTRAINT messages_user_id_fkey;
