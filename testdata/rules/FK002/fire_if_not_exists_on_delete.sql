-- Case: lower case, schema-qualified, ADD COLUMN IF NOT EXISTS, ON DELETE SET NULL.
-- Expect: FK002 fires, as a warning.
set lock_timeout = '5s';

alter table public.documents
    add column if not exists owner_id bigint
        references public.users (id) on delete set null;
