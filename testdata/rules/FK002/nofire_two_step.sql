-- Case: the safe replacement: ADD COLUMN without REFERENCES, then the FK added NOT VALID.
-- Expect: FK002 does not fire.
SET lock_timeout = '5s';

ALTER TABLE messages ADD COLUMN team_id integer;

ALTER TABLE messages
    ADD CONSTRAINT messages_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams (id) NOT VALID;
