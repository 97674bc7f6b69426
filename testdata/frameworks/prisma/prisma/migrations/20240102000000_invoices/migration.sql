-- CreateTable
CREATE TABLE "invoices" ("id" BIGINT NOT NULL, "order_id" BIGINT NOT NULL, CONSTRAINT "invoices_pkey" PRIMARY KEY ("id"));

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_invoice_fkey" FOREIGN KEY ("id") REFERENCES "invoices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
