-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY orders_id_user_idx ON orders (id, user_id);

-- +goose Down
-- a typo: the index is orders_id_user_idx
DROP INDEX CONCURRENTLY orders_user_id_idx3;
