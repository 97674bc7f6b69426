-- Up Migration
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);

-- Down Migration
DROP INDEX CONCURRENTLY orders_user_id_idx;
