ALTER TABLE "{{ index .Options "Namespace" }}"."refresh_tokens" ADD CONSTRAINT refresh_tokens_user_id_fkey
  FOREIGN KEY (user_id) REFERENCES "{{ index .Options "Namespace" }}"."users" (id) ON DELETE CASCADE;
COMMENT ON TABLE "{{ index .Options "Namespace" }}"."users" IS 'owned by {{ .Owner }}';
CREATE INDEX {{ .IndexName }} ON "{{ index .Options "Namespace" }}"."refresh_tokens" (user_id);
