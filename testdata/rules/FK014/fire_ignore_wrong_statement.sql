-- Case: the ignore comment sits before a safe CREATE INDEX CONCURRENTLY; the unsafe index is the
-- next statement, which the comment does not cover.
-- Expect: FK014 fires on the suppression comment, and FK006 fires on the second CREATE INDEX.
-- fkaudit:ignore FK006 table has a few hundred rows
CREATE INDEX CONCURRENTLY tags_name_idx ON tags (name);

CREATE INDEX tags_created_at_idx ON tags (created_at);
