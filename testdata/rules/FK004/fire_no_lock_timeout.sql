-- Case: ADD FOREIGN KEY ... NOT VALID with no lock_timeout anywhere before it. It is quick once
-- it has its locks, but it may queue behind a long write transaction on either table.
-- Expect: FK004 fires.
ALTER TABLE messages
    ADD CONSTRAINT messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
