-- Flyway: the first migration creates the tables, so its foreign key is safe.
CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL,
    total numeric(12, 2) NOT NULL
);

ALTER TABLE orders ADD CONSTRAINT orders_account_id_fkey
    FOREIGN KEY (account_id) REFERENCES accounts (id);
