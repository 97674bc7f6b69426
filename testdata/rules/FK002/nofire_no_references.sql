-- Case: ADD COLUMN without REFERENCES on an existing table (no FK involved).
-- Expect: FK002 does not fire.
SET lock_timeout = '5s';

ALTER TABLE messages ADD COLUMN edited_at timestamptz;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS pinned boolean NOT NULL DEFAULT false;
