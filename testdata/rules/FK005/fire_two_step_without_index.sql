-- Case: the safe two-step foreign key on a table created by an earlier statement, but no index.
-- Expect: FK005 fires on the ADD CONSTRAINT.
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE comments (id bigint PRIMARY KEY, author_id bigint NOT NULL, body text NOT NULL);
SET lock_timeout = '2s';
ALTER TABLE comments ADD CONSTRAINT comments_author_id_fkey
    FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL NOT VALID;
ALTER TABLE comments VALIDATE CONSTRAINT comments_author_id_fkey;
