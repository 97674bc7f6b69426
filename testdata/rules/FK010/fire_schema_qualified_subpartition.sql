-- Case: a partition that is itself partitioned (PARTITION OF … PARTITION BY), schema-qualified.
-- Expect: FK010 fires on the NOT VALID key added to the sub-partitioned table.
CREATE TABLE audit.log (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    at timestamptz NOT NULL
) PARTITION BY RANGE (at);
CREATE TABLE audit.log_2024 PARTITION OF audit.log
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY HASH (account_id);
CREATE INDEX log_account_id_idx ON audit.log (account_id);

SET lock_timeout = '2s';
ALTER TABLE audit.log_2024 ADD CONSTRAINT log_2024_account_id_fkey
    FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID;
