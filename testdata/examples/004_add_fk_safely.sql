-- Link orders to the staff member who placed them, the safe way: give up quickly if the locks
-- are not available, and add the constraint without checking the existing rows (005 does that).
SET lock_timeout = '3s';

ALTER TABLE orders
    ADD CONSTRAINT orders_placed_by_fkey FOREIGN KEY (placed_by) REFERENCES users (id)
    NOT VALID;
