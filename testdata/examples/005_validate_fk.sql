-- Check the existing rows against the constraint added in 004. VALIDATE blocks no reads or writes.
ALTER TABLE orders VALIDATE CONSTRAINT orders_placed_by_fkey;
