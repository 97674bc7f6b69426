--liquibase formatted sql

--changeset alice:2
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
--rollback DROP INDEX orders_user_id_idx;

--changeset alice:3 runInTransaction:false
CREATE INDEX CONCURRENTLY orders_user_id_idx2 ON orders (user_id);
--rollback DROP INDEX orders_user_id_idx2;
