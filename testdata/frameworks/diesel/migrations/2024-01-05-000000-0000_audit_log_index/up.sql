CREATE INDEX CONCURRENTLY audit_log_orders_idx ON audit_log (orders_id);
