-- Case: NOT VALID on a table constraint of CREATE TABLE: PostgreSQL ignores it there (measured on
-- 15.18: pg_constraint.convalidated is true).
-- Expect: FK009 does not fire.
CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL,
    CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID
);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
