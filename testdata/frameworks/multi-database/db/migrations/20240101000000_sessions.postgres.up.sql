CREATE TABLE sessions (id uuid PRIMARY KEY, identity_id uuid NOT NULL);
