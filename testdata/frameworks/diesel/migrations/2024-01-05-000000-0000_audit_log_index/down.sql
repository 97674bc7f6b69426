ALTER TABLE audit_log ADD FOREIGN KEY (orders_id) REFERENCES orders (id);
DROP INDEX CONCURRENTLY audit_log_orders_idx;
