-- Case: a "(" that is never closed, between an unsafe foreign key and an unsafe index.
-- Expect: FK000 fires on the SELECT; the statements after it are still split and audited:
-- FK001 on the ALTER TABLE before it and on the one after it, FK006 on the CREATE INDEX.
SET lock_timeout = '5s';

ALTER TABLE messages ADD FOREIGN KEY (user_id) REFERENCES users (id);

SELECT count((id) FROM messages;

CREATE INDEX messages_team_id_idx ON messages (team_id);

ALTER TABLE messages ADD FOREIGN KEY (team_id) REFERENCES teams (id);
