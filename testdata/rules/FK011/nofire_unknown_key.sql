-- Case: orders was created before the audited migrations: no foreign key on user_id is known.
-- Expect: FK011 does not fire.
SET lock_timeout = '2s';
ALTER TABLE orders ALTER COLUMN user_id TYPE bigint;
