-- Case: one ALTER TABLE combines an ADD FOREIGN KEY with a PostgreSQL 17 subcommand (ALTER COLUMN
-- ... SET EXPRESSION) that the PostgreSQL 15 grammar rejects.
-- Expect: FK000 fires (the statement is audited from its tokens) and FK001 fires on the
-- FOREIGN KEY clause found in those tokens.
SET lock_timeout = '5s';

ALTER TABLE line_items
    ADD CONSTRAINT line_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES products (id),
    ALTER COLUMN total_cents SET EXPRESSION AS (quantity * unit_cents);
