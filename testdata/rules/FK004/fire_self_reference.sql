-- Case: a self-referencing foreign key is added NOT VALID to existing table "comment", with no lock_timeout.
-- Expect: FK004 fires and names "comment" once.
ALTER TABLE comment ADD CONSTRAINT comment_parent_fk FOREIGN KEY (parent_id) REFERENCES comment (id) NOT VALID;
