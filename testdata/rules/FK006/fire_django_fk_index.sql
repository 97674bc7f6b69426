-- Case: Django's migration for a new ForeignKey: the column, then a plain index for it, in one
-- transaction.
-- Expect: FK006 fires on the CREATE INDEX (FK002 and FK004 also fire on the ALTER TABLE).
BEGIN;
--
-- Add field team to user
--
ALTER TABLE "users_user" ADD COLUMN "team_id" integer NULL CONSTRAINT "users_user_team_id_5a1c0f2e_fk_teams_id" REFERENCES "teams"("id") DEFERRABLE INITIALLY DEFERRED; SET CONSTRAINTS "users_user_team_id_5a1c0f2e_fk_teams_id" IMMEDIATE;
CREATE INDEX "users_user_team_id_5a1c0f2e" ON "users_user" ("team_id");
COMMIT;
