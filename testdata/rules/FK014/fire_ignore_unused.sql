-- Case: an ignore comment for FK001 before a statement that has no FK001 finding (it is NOT VALID).
-- Expect: FK014 fires on the suppression comment.
SET lock_timeout = '5s';

-- fkaudit:ignore FK001 messages is small, validated in place
ALTER TABLE messages
    ADD CONSTRAINT messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
