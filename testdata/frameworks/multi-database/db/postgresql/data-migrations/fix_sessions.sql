-- PostgreSQL
CREATE INDEX CONCURRENTLY sessions_identity_id_idx ON sessions (identity_id);

-- MySQL (this part fails on PostgreSQL, and is meant for MySQL)
UPDATE `sessions` SET `identity_id` = NULL WHERE false;
