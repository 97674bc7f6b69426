CREATE INDEX CONCURRENTLY orders_user_id_idx3 ON orders (user_id);
ALTER TABLE orders ADD COLUMN note text;
