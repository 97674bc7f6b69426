-- Case: NOT VALID, then VALIDATE CONSTRAINT in its own transaction (autocommit).
-- Expect: FK009 does not fire.
SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey
    FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;
