DROP TABLE "{{ index .Options "Namespace" }}"."refresh_tokens";
DROP TABLE "{{ index .Options "Namespace" }}"."users";
