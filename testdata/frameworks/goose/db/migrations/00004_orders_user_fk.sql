-- +goose Up
SET lock_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;

-- +goose Down
ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;
