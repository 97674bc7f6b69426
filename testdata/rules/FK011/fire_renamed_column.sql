-- Case: the foreign-key column was renamed before its type changes.
-- Expect: FK011 fires on the new name.
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE posts (id bigint PRIMARY KEY, author integer REFERENCES users (id));
CREATE INDEX posts_author_idx ON posts (author);
ALTER TABLE posts RENAME COLUMN author TO author_id;
SET lock_timeout = '2s';
ALTER TABLE posts ALTER author_id TYPE bigint USING author_id::bigint;
