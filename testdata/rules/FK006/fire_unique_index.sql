-- Case: CREATE UNIQUE INDEX without CONCURRENTLY on an existing table.
-- Expect: FK006 fires.
CREATE UNIQUE INDEX users_email_lower_key
    ON users (lower(email));
