-- Case: only a VALIDATE CONSTRAINT, no lock_timeout. VALIDATE takes SHARE UPDATE EXCLUSIVE on
-- messages and ROW SHARE on users, which conflict with no INSERT/UPDATE/DELETE/SELECT.
-- Expect: FK004 does not fire.
ALTER TABLE messages VALIDATE CONSTRAINT messages_user_id_fkey;
