-- Case: the referenced primary key changes type; two foreign keys point at it.
-- Expect: FK011 fires and names the first key and the other one.
CREATE TABLE teams (id integer PRIMARY KEY);
CREATE TABLE members (id bigint PRIMARY KEY, team_id integer REFERENCES teams);
CREATE TABLE projects (id bigint PRIMARY KEY, team_id integer REFERENCES teams);
CREATE INDEX members_team_id_idx ON members (team_id);
CREATE INDEX projects_team_id_idx ON projects (team_id);
SET lock_timeout = '2s';
ALTER TABLE teams ALTER COLUMN id SET DATA TYPE bigint;
