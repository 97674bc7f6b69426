-- Case: same constraint name, different table: invoices.fk_customer is added, quotes.fk_customer
-- (added NOT VALID by an earlier migration) is validated.
-- Expect: FK003 does not fire.
BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE invoices
    ADD CONSTRAINT fk_customer FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE quotes VALIDATE CONSTRAINT fk_customer;
COMMIT;
