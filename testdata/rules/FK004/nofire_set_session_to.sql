-- Case: other spellings of the setting: SET SESSION ... TO with a number (milliseconds), lower case.
-- Expect: FK004 does not fire.
set session lock_timeout to 3000;

alter table payments
    add constraint payments_invoice_id_fkey
    foreign key (invoice_id) references invoices (id) not valid;
