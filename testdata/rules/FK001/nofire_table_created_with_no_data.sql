-- Case: CREATE TABLE … AS … WITH NO DATA makes an empty new table: its foreign key has no row to check.
-- Expect: FK001 does not fire.
CREATE TABLE orders_archive AS SELECT * FROM orders WITH NO DATA;
CREATE INDEX orders_archive_user_id_idx ON orders_archive (user_id);
ALTER TABLE orders_archive ADD CONSTRAINT orders_archive_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES users (id);
