-- Case: the same pair inside START TRANSACTION ... END, in lower case.
-- Expect: FK003 fires on the validate.
start transaction;
set local lock_timeout = '5s';
alter table payments add constraint payments_invoice_id_fkey
    foreign key (invoice_id) references invoices (id) on delete restrict not valid;
alter table payments validate constraint payments_invoice_id_fkey;
end;
