-- Case: serial and int4 are both integer; bigserial and int8 both bigint.
-- Expect: FK008 does not fire.
CREATE TABLE accounts (id serial PRIMARY KEY);
CREATE TABLE projects (id bigserial PRIMARY KEY, account_id int4 NOT NULL REFERENCES accounts);
CREATE TABLE tasks (
    id bigserial PRIMARY KEY,
    project_id int8 NOT NULL,
    CONSTRAINT tasks_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects (id)
);
CREATE INDEX projects_account_id_idx ON projects (account_id);
CREATE INDEX tasks_project_id_idx ON tasks (project_id);
