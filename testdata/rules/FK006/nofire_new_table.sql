-- Case: plain CREATE INDEX on a table created earlier in the same file (it is still empty).
-- Expect: FK006 does not fire.
CREATE TABLE notifications (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    read_at timestamptz
);

CREATE INDEX notifications_user_id_idx ON notifications (user_id);
create index notifications_unread_idx on notifications (user_id) where read_at is null;
