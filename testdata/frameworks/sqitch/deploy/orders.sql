-- Deploy shop:orders to pg
-- requires: users
BEGIN;
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);
COMMIT;
