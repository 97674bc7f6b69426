-- Case: a quote that is never closed, then an unsafe index.
-- Expect: FK001 on the statement before it; FK000 says that the rest of the file, from the
-- quote's line, is inside an unterminated quoted string and is not audited.
SET lock_timeout = '5s';

ALTER TABLE messages ADD FOREIGN KEY (user_id) REFERENCES users (id);

UPDATE messages SET body = 'it''s;

CREATE INDEX messages_team_id_idx ON messages (team_id);
