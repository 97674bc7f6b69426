-- Case: events is partitioned by range; the foreign key is added NOT VALID on the parent.
-- Expect: FK010 fires: PostgreSQL refuses it.
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE events (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    created_at timestamptz NOT NULL
) PARTITION BY RANGE (created_at);
CREATE TABLE events_2024 PARTITION OF events
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX events_user_id_idx ON events (user_id);

SET lock_timeout = '2s';
ALTER TABLE events ADD CONSTRAINT events_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
