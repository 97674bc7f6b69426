-- Case: the referencing column of a known foreign key is widened to bigint.
-- Expect: FK011 fires (FK004 too: no lock_timeout).
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id));
CREATE INDEX orders_user_id_idx ON orders (user_id);
ALTER TABLE orders ALTER COLUMN user_id TYPE bigint;
