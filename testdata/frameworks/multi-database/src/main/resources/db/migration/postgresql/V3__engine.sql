-- `orders` gets an engine column; ENGINE = is not a table option here
ALTER TABLE orders ADD COLUMN engine text;
UPDATE orders SET engine = $$v8 `quoted`$$;
CREATE INDEX CONCURRENTLY orders_engine_idx ON orders (engine);
