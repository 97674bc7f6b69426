-- Case: an ignore comment naming a rule id that does not exist.
-- Expect: FK014 fires on the suppression comment.
SET lock_timeout = '5s';

-- fkaudit:ignore FK999 reviewed by the DBA team
ALTER TABLE messages
    ADD CONSTRAINT messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
