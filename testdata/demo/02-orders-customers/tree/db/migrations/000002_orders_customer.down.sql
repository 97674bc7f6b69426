ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;
ALTER TABLE orders DROP COLUMN customer_id;
