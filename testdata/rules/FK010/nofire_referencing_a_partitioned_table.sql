-- Case: only the referenced table is partitioned: NOT VALID is allowed there.
-- Expect: FK010 does not fire.
CREATE TABLE accounts (id bigint NOT NULL, region text NOT NULL, PRIMARY KEY (id, region))
    PARTITION BY LIST (region);
CREATE TABLE invoices (id bigint PRIMARY KEY, account_id bigint NOT NULL, region text NOT NULL);
CREATE INDEX invoices_account_idx ON invoices (account_id, region);

SET lock_timeout = '2s';
ALTER TABLE invoices ADD CONSTRAINT invoices_account_fkey
    FOREIGN KEY (account_id, region) REFERENCES accounts (id, region) NOT VALID;
