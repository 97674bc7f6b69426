-- Case: staging.audit_log is created here; the unqualified audit_log below means public.audit_log
-- (search_path is not changed), an existing table.
-- Expect: FK001 fires on audit_log.
SET lock_timeout = '5s';

CREATE TABLE staging.audit_log (id bigint PRIMARY KEY, actor_id bigint);

ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES users (id);
