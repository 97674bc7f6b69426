ALTER TABLE "{{ index .Options "Namespace" }}"."refresh_tokens" DROP CONSTRAINT refresh_tokens_user_id_fkey;
