-- Case: an ordinary, valid and safe migration.
-- Expect: FK000 does not fire (nor anything else).
CREATE TABLE IF NOT EXISTS tags (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE
);

CREATE TABLE IF NOT EXISTS message_tags (
    message_id bigint NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    tag_id bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (message_id, tag_id)
);

CREATE INDEX message_tags_tag_id_idx ON message_tags (tag_id);

COMMENT ON TABLE message_tags IS 'Which tags a message carries; rows go away with the message.';
