-- Case: CREATE INDEX CONCURRENTLY on its own, outside any transaction block.
-- Expect: FK007 does not fire.
CREATE INDEX CONCURRENTLY messages_team_id_idx ON messages (team_id);
