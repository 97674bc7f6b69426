--liquibase formatted sql

--changeset alice:1
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);
--rollback DROP TABLE orders; DROP TABLE users;
