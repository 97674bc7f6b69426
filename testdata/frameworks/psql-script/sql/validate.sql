SELECT '\set is text here';
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
