-- Case: a column that references its own table is added to existing table "comment".
-- Expect: FK002 fires and names one lock, ACCESS EXCLUSIVE on "comment", not two locks on it (FK004 too).
ALTER TABLE comment ADD COLUMN parent_id bigint REFERENCES comment (id);
