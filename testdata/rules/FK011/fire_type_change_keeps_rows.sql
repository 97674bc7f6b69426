-- Case: type changes of foreign-key columns that only relax the type: a longer varchar, varchar to text, more numeric precision, the same type (USING the column itself). Measured on PostgreSQL 15: ACCESS EXCLUSIVE on both tables for a few milliseconds, no rewrite, the key not re-checked.
-- Expect: FK011 fires as a warning for each, saying neither rewrite nor re-check happens; FK005 fires too (the keys have no index).
CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    code varchar(40) UNIQUE,
    balance numeric(10, 2) UNIQUE
);
CREATE TABLE payments (
    id bigint PRIMARY KEY,
    account_id bigint REFERENCES accounts (id),
    account_code varchar(40) REFERENCES accounts (code),
    amount numeric(10, 2) REFERENCES accounts (balance)
);
ALTER TABLE payments ALTER COLUMN account_code TYPE varchar(80);
ALTER TABLE payments ALTER COLUMN account_code TYPE text;
ALTER TABLE payments ALTER COLUMN amount TYPE numeric(12, 2);
ALTER TABLE payments ALTER COLUMN account_id TYPE bigint USING account_id;
