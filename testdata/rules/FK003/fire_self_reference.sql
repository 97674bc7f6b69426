-- Case: a self-referencing foreign key is added NOT VALID and validated in the same transaction.
-- Expect: FK003 fires and names the one lock held on "comment" (FK004 too).
BEGIN;
ALTER TABLE comment ADD CONSTRAINT comment_parent_fk FOREIGN KEY (parent_id) REFERENCES comment (id) NOT VALID;
ALTER TABLE comment VALIDATE CONSTRAINT comment_parent_fk;
COMMIT;
