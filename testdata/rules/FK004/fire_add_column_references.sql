-- Case: ADD COLUMN ... REFERENCES (ACCESS EXCLUSIVE on the table) with no lock_timeout: while it
-- waits for its lock, even reads of tickets queue behind it.
-- Expect: FK004 fires (and FK002, the subject of its own cases).
ALTER TABLE tickets ADD COLUMN assignee_id bigint REFERENCES users (id);
