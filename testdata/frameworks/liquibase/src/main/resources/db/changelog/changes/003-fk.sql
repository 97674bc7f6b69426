--liquibase formatted sql

--changeset bob:4
SET lock_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;

--changeset bob:5
SET lock_timeout = '5s';
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;

--changeset bob:6
SET lock_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey2 FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey2;

--changeset carol:7 runInTransaction:false
CREATE INDEX CONCURRENTLY orders_id_user_idx ON orders (id, user_id)
GO
--rollback DROP INDEX orders_id_user_idx;
