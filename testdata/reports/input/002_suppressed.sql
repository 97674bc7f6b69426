SET lock_timeout = '2s';
-- fkaudit:ignore FK001 orders_archive is empty in every environment
ALTER TABLE orders_archive ADD CONSTRAINT orders_archive_user_fk
    FOREIGN KEY (user_id) REFERENCES users (id);
-- fkaudit:ignore FK006 stale: this index is built concurrently now
CREATE INDEX CONCURRENTLY orders_archive_user_idx ON orders_archive (user_id);
