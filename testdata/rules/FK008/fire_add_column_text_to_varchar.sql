-- Case: countries.code is varchar(2); a new column addresses.country_code is text.
-- Expect: FK008 fires on the ADD COLUMN's REFERENCES.
CREATE TABLE countries (code varchar(2) PRIMARY KEY, name text NOT NULL);
CREATE TABLE addresses (id bigint PRIMARY KEY, line1 text NOT NULL);
ALTER TABLE addresses ADD COLUMN country_code text REFERENCES countries (code);
CREATE INDEX addresses_country_code_idx ON addresses (country_code);
