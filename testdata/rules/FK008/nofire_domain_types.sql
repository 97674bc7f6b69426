-- Case: the referenced column has a domain type, the referencing one text: fkaudit does not know what a domain stands for.
-- Expect: FK008 does not fire.
CREATE DOMAIN email_address AS text CHECK (VALUE LIKE '%@%');
CREATE TABLE subscribers (email email_address PRIMARY KEY);
CREATE TABLE deliveries (
    id bigint PRIMARY KEY,
    email text NOT NULL REFERENCES subscribers (email)
);
CREATE INDEX deliveries_email_idx ON deliveries (email);
