-- Case: a file that ends with ";" and a comment, and no final newline.
-- Expect: FK014 fires at 3:10 (the suppression trails SELECT 1, which has no FK001).
SELECT 1;-- fkaudit:ignore FK001 r