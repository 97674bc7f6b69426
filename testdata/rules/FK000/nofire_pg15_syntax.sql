-- Case: syntax that is new in PostgreSQL 15 and accepted by its grammar: MERGE, and a unique
-- constraint with NULLS NOT DISTINCT on a table created here.
-- Expect: FK000 does not fire.
CREATE TABLE user_settings (
    user_id bigint NOT NULL REFERENCES users (id),
    key text NOT NULL,
    scope text,
    value jsonb,
    CONSTRAINT user_settings_key UNIQUE NULLS NOT DISTINCT (user_id, key, scope)
);

MERGE INTO user_settings AS s
USING (SELECT id AS user_id FROM users) AS u
ON s.user_id = u.user_id AND s.key = 'theme' AND s.scope IS NULL
WHEN NOT MATCHED THEN
    INSERT (user_id, key, scope, value) VALUES (u.user_id, 'theme', NULL, '"light"');
