-- Case: the foreign key is dropped before the column's type changes.
-- Expect: FK011 does not fire (FK004 fires on the DROP CONSTRAINT: no lock_timeout).
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id integer CONSTRAINT orders_user_fk REFERENCES users (id));
CREATE INDEX orders_user_id_idx ON orders (user_id);
ALTER TABLE orders DROP CONSTRAINT orders_user_fk;
ALTER TABLE orders ALTER COLUMN user_id TYPE bigint;
