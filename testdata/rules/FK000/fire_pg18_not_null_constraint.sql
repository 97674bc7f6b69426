-- Case: CREATE TABLE with a named NOT NULL table constraint (PostgreSQL 18 syntax, rejected by the
-- PostgreSQL 15 grammar). The table is still recognised as created here.
-- Expect: FK000 fires on the CREATE TABLE; FK001 does not fire on the FK added to the new table
-- accounts; FK001 fires on the FK added to the existing table memberships.
SET lock_timeout = '5s';

CREATE TABLE accounts (
    id bigint,
    owner_id bigint,
    CONSTRAINT accounts_id_nn NOT NULL id
);

ALTER TABLE accounts
    ADD CONSTRAINT accounts_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (id);

ALTER TABLE memberships
    ADD CONSTRAINT memberships_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
