-- Case: a column of the same table that is on no foreign key changes type.
-- Expect: FK011 does not fire.
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), note varchar(100));
CREATE INDEX orders_user_id_idx ON orders (user_id);
ALTER TABLE orders ALTER COLUMN note TYPE text;
