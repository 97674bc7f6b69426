-- +goose Up
CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    order_id bigint NOT NULL
);
-- invoices is new: this foreign key and index lock nobody out
ALTER TABLE invoices ADD CONSTRAINT invoices_order_id_fkey
    FOREIGN KEY (order_id) REFERENCES orders (id);
CREATE INDEX invoices_order_id_idx ON invoices (order_id);
-- orders is not: this index blocks its writes while it builds
CREATE INDEX orders_customer_id_idx ON orders (customer_id);

-- +goose Down
DROP TABLE invoices;
