-- Case: a file-wide ignore for FK006 in a file that creates no index.
-- Expect: FK014 fires on the suppression comment.
-- fkaudit:ignore-file FK006 lookup tables are tiny
SET lock_timeout = '5s';

ALTER TABLE countries ADD COLUMN iso3 char(3);
