-- Case: valid PL/pgSQL with dollar quoting and semicolons inside the body, and a DO block.
-- Expect: FK000 does not fire.
CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();  -- keep the row's timestamp current
    RETURN NEW;
END;
$$;

DO $migrate$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'order_status') THEN
        CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');
    END IF;
END
$migrate$;
