-- Case: SET LOCAL outside a transaction block does nothing (PostgreSQL only warns), so the
-- ALTER TABLE after it runs without a lock_timeout.
-- Expect: FK004 fires on the SET LOCAL and again on the ALTER TABLE.
SET LOCAL lock_timeout = '5s';

ALTER TABLE messages
    ADD CONSTRAINT messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
