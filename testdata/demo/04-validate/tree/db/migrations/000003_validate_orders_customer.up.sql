-- NOT VALID in 000002, VALIDATE here: a separate transaction, so the
-- scan takes SHARE UPDATE EXCLUSIVE and blocks no writes.
SET lock_timeout = '2s';
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;
