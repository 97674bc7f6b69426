-- Case: indexes on relations this file makes from queries: CREATE TABLE … AS, SELECT … INTO and a materialized view. They are new: nobody else writes to them yet.
-- Expect: FK006 does not fire.
CREATE TABLE orders_archive AS
    SELECT * FROM orders WHERE created_at < now() - interval '1 year';
CREATE INDEX orders_archive_user_id_idx ON orders_archive (user_id);
SELECT id, user_id INTO orders_copy FROM orders;
CREATE INDEX ON orders_copy (user_id);
CREATE MATERIALIZED VIEW order_totals AS
    SELECT user_id, count(*) AS n FROM orders GROUP BY user_id;
CREATE UNIQUE INDEX order_totals_user_id_idx ON order_totals (user_id);
