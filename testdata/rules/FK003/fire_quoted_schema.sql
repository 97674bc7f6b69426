-- Case: BEGIN WORK ... COMMIT WORK with a schema-qualified, quoted table and constraint name.
-- Expect: FK003 fires on the VALIDATE.
BEGIN WORK;
SET LOCAL lock_timeout = '5s';
ALTER TABLE app."Orders" ADD CONSTRAINT "Orders_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES app."Customers"("id") NOT VALID;
ALTER TABLE app."Orders" VALIDATE CONSTRAINT "Orders_customerId_fkey";
COMMIT WORK;
