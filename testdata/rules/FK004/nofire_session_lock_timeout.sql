-- Case: a session-wide lock_timeout set before the FK DDL.
-- Expect: FK004 does not fire.
SET lock_timeout = '2s';

ALTER TABLE messages
    ADD CONSTRAINT messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
