-- Case: staging.events is created in this file, but the FK is added to public.events, a different
-- table that already exists.
-- Expect: FK001 fires on public.events.
SET lock_timeout = '5s';

CREATE TABLE staging.events (
    id bigint PRIMARY KEY,
    user_id bigint NOT NULL,
    payload jsonb
);

ALTER TABLE public.events ADD FOREIGN KEY (user_id) REFERENCES public.users (id);
