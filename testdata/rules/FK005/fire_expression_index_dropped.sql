-- Case: an unnamed index over user_id and an expression, dropped by the name PostgreSQL 15 gives
-- it (orders_user_id_lower_idx: a function call is named after the function).
-- Expect: FK005 fires (no index leads with user_id any more).
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    user_id bigint NOT NULL,
    note text,
    CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE INDEX ON orders (user_id, lower(note));
DROP INDEX orders_user_id_lower_idx;
