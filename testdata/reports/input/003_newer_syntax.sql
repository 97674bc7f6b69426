-- PostgreSQL 18 syntax, then an FK to the new table (no FK001: it is new).
CREATE TABLE accounts (id bigint, CONSTRAINT accounts_id_nn NOT NULL id);
SET lock_timeout = '2s';
ALTER TABLE accounts ADD CONSTRAINT accounts_id_fkey FOREIGN KEY (id) REFERENCES users (id);
