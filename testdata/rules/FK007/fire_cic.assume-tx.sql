-- Case: no BEGIN in the file, but it is audited with --assume-transaction (the migration tool
-- wraps the file in a transaction), so CREATE INDEX CONCURRENTLY runs inside one.
-- Expect: FK007 fires.
CREATE INDEX CONCURRENTLY IF NOT EXISTS order_items_order_id_idx
    ON order_items (order_id);
