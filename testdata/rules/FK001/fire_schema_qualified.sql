-- Case: schema-qualified tables on both sides, pg_dump style (ALTER TABLE ONLY).
-- Expect: FK001 fires on billing.invoices -> public.accounts.
SET lock_timeout = '5s';

ALTER TABLE ONLY billing.invoices
    ADD CONSTRAINT invoices_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);
