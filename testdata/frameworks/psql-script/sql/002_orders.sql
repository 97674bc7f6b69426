\set ON_ERROR_STOP on
CREATE INDEX orders_user_idx ON orders (user_id);
\echo 'index built'
\connect app
ALTER TABLE orders ADD CONSTRAINT orders_user_fk
  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
\i sql/validate.sql
