-- Case: staging.orders is created in this file and the FK is added to that same staging.orders.
-- Expect: FK001 does not fire.
SET lock_timeout = '5s';

CREATE TABLE staging.orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL
);

ALTER TABLE staging.orders ADD FOREIGN KEY (customer_id) REFERENCES public.customers (id);
