-- Case: escape strings E'…' whose backslash escapes a quote (seed data of language tags): the quote does not end the string, so nothing after it is misread (a psql meta-command or a placeholder).
-- Expect: FK000 does not fire; no finding.
INSERT INTO language (code, name) VALUES ('gn', E'Ava\'e');
INSERT INTO language (code, name) VALUES ('gu', 'Gujarati');
INSERT INTO language (code, name) VALUES ('sm', E'Gagana fa\'a S\\amoa');
INSERT INTO language (code, name) VALUES ('sn', 'chiShona');
