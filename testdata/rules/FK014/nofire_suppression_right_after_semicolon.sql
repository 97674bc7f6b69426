-- Case: a statement written right after the previous ";" with no space, and a suppression right
-- after the ";" of the statement it covers.
-- Expect: FK006 fires at 5:25 on the CREATE INDEX; FK001 on the ALTER TABLE is suppressed; FK014
-- does not fire.
SET lock_timeout = '2s';CREATE INDEX a_idx ON orders (a);
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);-- fkaudit:ignore FK001 orders is empty in every environment
