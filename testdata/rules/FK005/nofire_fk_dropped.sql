-- Case: a foreign key without an index is dropped again by a later statement.
-- Expect: FK005 does not fire (the key is gone at the end).
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint);
ALTER TABLE sessions ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE sessions DROP CONSTRAINT sessions_user_id_fkey;
