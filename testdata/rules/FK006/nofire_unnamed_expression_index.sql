-- Case: diesel's first migration: a new table, then an unnamed unique index over an expression
-- (PostgreSQL 15 names it users_lower_idx).
-- Expect: nothing fires (the table is new).
CREATE TABLE users (name text PRIMARY KEY);
CREATE UNIQUE INDEX ON users (lower(name));
