-- Case: a SQL-standard function body (BEGIN ATOMIC ... END, PostgreSQL 14+)
-- holds ';' inside it; it is one statement, not three, and END is not a COMMIT.
-- Expect: FK000 does not fire; the FK added after it is still audited (NOT VALID, with lock_timeout: clean).
CREATE FUNCTION order_total(o bigint) RETURNS numeric
LANGUAGE sql
BEGIN ATOMIC
  SELECT sum(price) FROM order_items WHERE order_id = o;
  SELECT 0;
END;

SET lock_timeout = '2s';
ALTER TABLE order_items ADD CONSTRAINT order_items_order_id_fkey
  FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;
