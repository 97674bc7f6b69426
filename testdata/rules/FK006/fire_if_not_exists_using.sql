-- Case: lower case, IF NOT EXISTS, schema-qualified table, USING btree.
-- Expect: FK006 fires.
create index if not exists orders_customer_id_idx on public.orders using btree (customer_id);
