-- Case: the FK is added NOT VALID; it is validated later, in a separate migration.
-- Expect: FK001 does not fire.
SET lock_timeout = '5s';

ALTER TABLE messages
    ADD CONSTRAINT messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)
    NOT VALID;
