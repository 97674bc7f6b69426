BEGIN;
CREATE INDEX orders_probe ON orders (id);
ROLLBACK;
