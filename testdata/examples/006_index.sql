-- Index the FK columns of orders.
-- Unsafe: CREATE INDEX CONCURRENTLY cannot run inside a transaction block, so this migration fails.
BEGIN;
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
CREATE INDEX CONCURRENTLY orders_placed_by_idx ON orders (placed_by);
COMMIT;
