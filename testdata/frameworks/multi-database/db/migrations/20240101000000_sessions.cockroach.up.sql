CREATE TABLE sessions (id uuid PRIMARY KEY, identity_id uuid NOT NULL);
CREATE INVERTED INDEX sessions_identity_idx ON sessions (identity_id);
