-- Case: plain CREATE INDEX on an existing table (SHARE lock: writes wait for the whole build).
-- Expect: FK006 fires.
CREATE INDEX messages_user_id_idx ON messages (user_id);
