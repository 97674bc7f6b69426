-- Case: teams.id is serial (an integer); the key added later on members.team_id is bigint.
-- Expect: FK008 fires on ADD CONSTRAINT (FK009 too: it is never validated).
CREATE TABLE teams (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE members (id bigserial PRIMARY KEY, team_id bigint NOT NULL);
CREATE INDEX members_team_id_idx ON members (team_id);
SET lock_timeout = '2s';
ALTER TABLE members ADD CONSTRAINT members_team_id_fkey
    FOREIGN KEY (team_id) REFERENCES teams (id) NOT VALID;
