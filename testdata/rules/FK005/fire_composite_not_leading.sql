-- Case: a two-column foreign key; the only index has created_at between its columns.
-- Expect: FK005 fires (tenant_id, user_id are not the index's leading columns).
CREATE TABLE tenant_users (
    tenant_id bigint NOT NULL,
    user_id bigint NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    tenant_id bigint NOT NULL,
    user_id bigint NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT invoices_tenant_user_fkey FOREIGN KEY (tenant_id, user_id)
        REFERENCES tenant_users (tenant_id, user_id)
);

CREATE INDEX invoices_tenant_created_idx ON invoices (tenant_id, created_at, user_id);
