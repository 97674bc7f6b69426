-- Case: a key added NOT VALID is dropped again (a reverted attempt).
-- Expect: FK009 does not fire.
SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey
    FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;
