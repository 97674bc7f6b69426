-- Case: CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS on an existing table.
-- Expect: FK006 does not fire.
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_lower_key
    ON users (lower(email));
