-- Case: the FK as Django emits it, DEFERRABLE INITIALLY DEFERRED. Deferring only delays the
-- checks of later rows; the existing rows are still validated by ADD, while the locks are held.
-- Expect: FK001 fires.
SET lock_timeout = '5s';
ALTER TABLE "shop_order" ADD CONSTRAINT "shop_order_customer_id_3c1b4a2e_fk_auth_user_id" FOREIGN KEY ("customer_id") REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED;
