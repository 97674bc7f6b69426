-- Case: the referencing column of a self-referencing foreign key is widened to bigint.
-- Expect: FK011 fires and names ACCESS EXCLUSIVE on "comment" once.
CREATE TABLE comment (id integer PRIMARY KEY, parent_id integer REFERENCES comment (id));
ALTER TABLE comment ALTER COLUMN parent_id TYPE bigint;
