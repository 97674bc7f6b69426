-- migrate:up
SET lock_timeout = '5s';
ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;

-- migrate:down
-- PostgreSQL named it orders_user_id_fkey: this matches
ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;
