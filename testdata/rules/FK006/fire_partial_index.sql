-- Case: a multi-line partial index on an existing table.
-- Expect: FK006 fires.
CREATE INDEX order_items_product_id_live_idx
    ON order_items (product_id)
    INCLUDE (quantity)
    WHERE deleted_at IS NULL;
