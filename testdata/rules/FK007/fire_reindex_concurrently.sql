-- Case: REINDEX INDEX CONCURRENTLY inside a transaction block.
-- Expect: FK007 fires.
BEGIN;
REINDEX INDEX CONCURRENTLY messages_user_id_idx;
COMMIT;
