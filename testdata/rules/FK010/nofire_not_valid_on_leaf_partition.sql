-- Case: the recipe: NOT VALID + VALIDATE on the leaf partition, then the key on the parent.
-- Expect: FK010 does not fire (a leaf partition accepts NOT VALID).
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE events (id bigint NOT NULL, user_id bigint NOT NULL, created_at timestamptz NOT NULL)
    PARTITION BY RANGE (created_at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX events_user_id_idx ON events (user_id);

SET lock_timeout = '2s';
ALTER TABLE events_2024 ADD CONSTRAINT events_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE events_2024 VALIDATE CONSTRAINT events_user_id_fkey;
ALTER TABLE events ADD CONSTRAINT events_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES users (id);
