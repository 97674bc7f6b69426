-- Case: FKs declared inside CREATE TABLE (inline REFERENCES and a table constraint), IF NOT EXISTS.
-- Expect: FK001 does not fire (CREATE TABLE ... REFERENCES never does).
CREATE TABLE IF NOT EXISTS order_items (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id bigint NOT NULL,
    quantity integer NOT NULL CHECK (quantity > 0),
    CONSTRAINT order_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES products (id)
);
