-- Case: a plain ADD CONSTRAINT ... FOREIGN KEY (validating) on messages, a table from an earlier migration.
-- Expect: FK001 fires.
SET lock_timeout = '5s';

ALTER TABLE messages
    ADD CONSTRAINT messages_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES users (id);
