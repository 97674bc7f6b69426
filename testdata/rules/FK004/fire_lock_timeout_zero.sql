-- Case: lock_timeout = 0 means "wait forever", the same as not setting it.
-- Expect: FK004 fires on the ALTER TABLE.
SET lock_timeout = 0;

ALTER TABLE order_items
    ADD CONSTRAINT order_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;
