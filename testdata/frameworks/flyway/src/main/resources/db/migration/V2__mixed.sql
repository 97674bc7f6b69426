SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY orders_user_id_idx2 ON orders (user_id);
