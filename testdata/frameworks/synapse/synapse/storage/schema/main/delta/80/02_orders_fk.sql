ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
INSERT INTO background_updates (ordering, update_name, progress_json) VALUES (8002, 'orders_user_id_fkey_validate', '{}');
