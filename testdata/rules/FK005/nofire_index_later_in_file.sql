-- Case: the foreign key is added first and its index is created by a later statement.
-- Expect: FK005 does not fire (the index exists after the last migration).
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id)
);
CREATE INDEX orders_user_id_idx ON orders (user_id);
