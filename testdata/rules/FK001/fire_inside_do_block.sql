-- Case: older drizzle-kit wraps every foreign key in a DO block; the ALTER inside is audited
-- Expect: FK001 (and FK004) on the ALTER TABLE inside the block
DO $$ BEGIN
 ALTER TABLE "orders" ADD CONSTRAINT "orders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
