SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY orders_user_id_idx3 ON orders (user_id);
