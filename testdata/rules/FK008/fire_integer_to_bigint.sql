-- Case: users.id is bigint; orders.user_id is declared integer.
-- Expect: FK008 fires on the REFERENCES clause.
CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY
);

CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users,
    total numeric(12, 2) NOT NULL
);
CREATE INDEX orders_user_id_idx ON orders (user_id);
