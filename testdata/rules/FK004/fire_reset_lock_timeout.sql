-- Case: lock_timeout is set for a first statement, then RESET before the FK DDL.
-- Expect: FK004 fires on the second ALTER TABLE only.
SET lock_timeout = '2s';
ALTER TABLE messages
    ADD CONSTRAINT messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;

RESET lock_timeout;

ALTER TABLE messages
    ADD CONSTRAINT messages_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams (id) NOT VALID;
