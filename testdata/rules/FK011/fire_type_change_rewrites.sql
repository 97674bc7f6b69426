-- Case: type changes of foreign-key columns that rewrite the table and re-check the key (measured on PostgreSQL 15): a shorter varchar, text to varchar(n), a lower numeric scale, a USING expression.
-- Expect: FK011 fires as an error for each, saying the table is rewritten and the key re-validated; FK005 fires too (the keys have no index).
CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    code text UNIQUE,
    balance numeric(10, 2) UNIQUE
);
CREATE TABLE payments (
    id bigint PRIMARY KEY,
    account_id bigint REFERENCES accounts (id),
    account_code text REFERENCES accounts (code),
    amount numeric(10, 2) REFERENCES accounts (balance)
);
ALTER TABLE payments ALTER COLUMN account_code TYPE varchar(20);
ALTER TABLE payments ALTER COLUMN amount TYPE numeric(10, 1);
ALTER TABLE payments ALTER COLUMN account_id TYPE bigint USING account_id + 0;
