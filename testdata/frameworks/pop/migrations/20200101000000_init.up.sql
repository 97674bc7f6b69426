CREATE TABLE "{{ index .Options "Namespace" }}"."users" (id uuid PRIMARY KEY);
CREATE TABLE "{{ index .Options "Namespace" }}"."refresh_tokens" (id bigserial PRIMARY KEY, user_id uuid);
