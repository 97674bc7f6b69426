-- Case: the ignore comment suppresses a real FK001 finding on the statement right after it.
-- Expect: FK014 does not fire (and FK001 is suppressed).
SET lock_timeout = '5s';

-- fkaudit:ignore FK001 countries has 250 rows; validating in place is fine
ALTER TABLE addresses
    ADD CONSTRAINT addresses_country_id_fkey FOREIGN KEY (country_id) REFERENCES countries (id);
