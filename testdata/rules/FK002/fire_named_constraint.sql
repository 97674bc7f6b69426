-- Case: ADD COLUMN with a named column constraint, as Django emits for a new nullable ForeignKey.
-- Expect: FK002 fires, as a warning (no DEFAULT).
SET lock_timeout = '5s';

ALTER TABLE "users_user" ADD COLUMN "team_id" integer NULL CONSTRAINT "users_user_team_id_5a1c0f2e_fk_teams_id" REFERENCES "teams"("id") DEFERRABLE INITIALLY DEFERRED;
