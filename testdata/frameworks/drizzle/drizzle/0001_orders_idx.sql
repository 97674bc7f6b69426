CREATE INDEX CONCURRENTLY "orders_user_id_idx" ON "orders" USING btree ("user_id");
