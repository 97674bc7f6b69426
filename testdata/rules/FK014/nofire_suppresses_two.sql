-- Case: one comment suppressing two rules, FK001 and FK004, which both fire on the statement.
-- Expect: FK014 does not fire (FK001 and FK004 are suppressed).
-- fkaudit:ignore FK001,FK004 runs during the maintenance window, nothing else is connected
ALTER TABLE order_items ADD CONSTRAINT order_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id);
