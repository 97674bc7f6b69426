-- Case: ADD … NOT VALID and VALIDATE in one DO block: the block runs as one statement, in one transaction, even in autocommit.
-- Expect: FK003 fires, naming the DO block's transaction; FK004 fires (no lock_timeout).
DO $$
BEGIN
  ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
  ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;
END
$$;
