-- Case: a foreign key added to a table that CREATE TABLE … AS filled in the same file: the new table is nobody else's, but checking its rows holds SHARE ROW EXCLUSIVE on the existing referenced table.
-- Expect: FK001 fires (the message says the table is new and holds a query's rows), FK004 fires for the referenced table.
CREATE TABLE orders_archive AS
    SELECT * FROM orders WHERE created_at < now() - interval '1 year';
CREATE INDEX orders_archive_user_id_idx ON orders_archive (user_id);
ALTER TABLE orders_archive ADD CONSTRAINT orders_archive_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES users (id);
