-- migrate:up
ALTER TABLE payments ADD COLUMN order_id bigint REFERENCES orders (id);

-- migrate:down
ALTER TABLE payments DROP COLUMN order_id;
