-- Case: DROP INDEX CONCURRENTLY inside a transaction block (lower case).
-- Expect: FK007 fires.
begin;
drop index concurrently if exists messages_user_id_old_idx;
commit;
