-- Case: the referenced table users was created before the audited migrations: its types are unknown.
-- Expect: FK008 does not fire.
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users (id)
);
CREATE INDEX orders_user_id_idx ON orders (user_id);
