-- Case: two keys added NOT VALID; only the first is validated afterwards.
-- Expect: FK009 fires on orders_coupon_id_fkey only.
SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey
    FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_coupon_id_fkey
    FOREIGN KEY (coupon_id) REFERENCES coupons (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;
