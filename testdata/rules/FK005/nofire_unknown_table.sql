-- Case: a foreign key on messages, a table no audited migration created: its indexes are unknown.
-- Expect: FK005 does not fire (FK009 does: nothing validates the key).
SET lock_timeout = '2s';
ALTER TABLE messages
    ADD CONSTRAINT messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
