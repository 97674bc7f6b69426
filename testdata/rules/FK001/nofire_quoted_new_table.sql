-- Case: "Invoices" is created here and the FK is added to the same quoted "Invoices".
-- Expect: FK001 does not fire.
SET lock_timeout = '5s';

CREATE TABLE "Invoices" (
    "id" bigint PRIMARY KEY,
    "customerId" bigint NOT NULL
);

ALTER TABLE "Invoices" ADD CONSTRAINT "Invoices_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customers"("id");
