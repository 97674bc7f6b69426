-- Case: a subquery in FROM without an alias, valid since PostgreSQL 16; the PostgreSQL 15 grammar
-- rejects it ("subquery in FROM must have an alias").
-- Expect: FK000 fires on the SELECT; the safe statement after it is still audited (no finding).
SELECT * FROM (SELECT 1);

SET lock_timeout = '5s';
ALTER TABLE messages
    ADD CONSTRAINT messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
