-- Case: a real syntax error (REFERENCS), followed by a valid but unsafe statement.
-- Expect: FK000 fires on the first ALTER TABLE; the second is still audited and FK001 fires on it.
SET lock_timeout = '5s';

ALTER TABLE messages ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCS users(id);

ALTER TABLE messages
    ADD CONSTRAINT messages_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams (id);
