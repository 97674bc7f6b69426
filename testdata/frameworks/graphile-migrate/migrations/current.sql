--! no-transaction
CREATE INDEX CONCURRENTLY orders_user_id_idx2 ON orders (user_id);
