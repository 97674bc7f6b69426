-- A validating foreign key and a REFERENCES column on existing tables.
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE orders ADD COLUMN team_id bigint NOT NULL DEFAULT 1 REFERENCES teams (id);
