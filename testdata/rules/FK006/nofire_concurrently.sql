-- Case: CREATE INDEX CONCURRENTLY on an existing table, outside any transaction.
-- Expect: FK006 does not fire.
CREATE INDEX CONCURRENTLY messages_user_id_idx ON messages (user_id);
