CREATE TABLE audit_log (id bigint PRIMARY KEY, orders_id bigint);
