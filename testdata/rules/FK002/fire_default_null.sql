-- Case: ADD COLUMN ... DEFAULT NULL REFERENCES: an explicit NULL default is the same as no default.
-- Expect: FK002 fires, as a warning.
SET lock_timeout = '5s';

ALTER TABLE tickets ADD COLUMN assignee_id bigint DEFAULT NULL REFERENCES users (id);
