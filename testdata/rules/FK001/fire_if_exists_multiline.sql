-- Case: ALTER TABLE IF EXISTS, a comment inside a multi-line statement, a composite key.
-- Expect: FK001 fires.
SET lock_timeout = '5s';

ALTER TABLE IF EXISTS shipment_lines
    -- a line belongs to one shipment of one warehouse
    ADD CONSTRAINT shipment_lines_shipment_fkey
        FOREIGN KEY (warehouse_id, shipment_id)
        REFERENCES shipments (warehouse_id, id)
        ON DELETE CASCADE;
