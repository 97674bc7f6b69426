-- Case: the VALIDATE names the right constraint but on another table.
-- Expect: FK009 fires.
SET lock_timeout = '2s';
ALTER TABLE payments ADD CONSTRAINT invoice_fkey
    FOREIGN KEY (invoice_id) REFERENCES invoices (id) NOT VALID;
ALTER TABLE refunds VALIDATE CONSTRAINT invoice_fkey;
