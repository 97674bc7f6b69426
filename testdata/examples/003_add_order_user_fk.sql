-- Link every order to its user.
-- Unsafe: orders already holds data, and this validates every row while writes to orders and
-- users wait; there is no lock_timeout either.
ALTER TABLE orders
    ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
