-- Case: CREATE INDEX CONCURRENTLY in a DO block, and DROP INDEX CONCURRENTLY run by its EXECUTE: PostgreSQL 15 refuses both ("... cannot be executed from a function", SQLSTATE 25001) in any transaction mode, and rolls back what the block did before.
-- Expect: FK007 fires twice, naming the DO block; no other finding.
DO $$
BEGIN
  IF to_regclass('orders_y_idx') IS NULL THEN
    CREATE INDEX CONCURRENTLY orders_y_idx ON orders (y);
  END IF;
END
$$;
DO $do$ BEGIN EXECUTE 'DROP INDEX CONCURRENTLY orders_x_idx'; END $do$;
