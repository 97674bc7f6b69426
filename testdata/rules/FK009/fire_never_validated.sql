-- Case: the safe first step (NOT VALID), and no migration validates the key.
-- Expect: FK009 fires on the constraint clause.
SET lock_timeout = '2s';
ALTER TABLE orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id)
    REFERENCES customers (id) NOT VALID;
