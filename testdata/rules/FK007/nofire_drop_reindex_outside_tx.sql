-- Case: DROP INDEX CONCURRENTLY and REINDEX ... CONCURRENTLY, each on its own outside a transaction.
-- Expect: FK007 does not fire.
DROP INDEX CONCURRENTLY IF EXISTS messages_user_id_old_idx;

REINDEX INDEX CONCURRENTLY messages_user_id_idx;
