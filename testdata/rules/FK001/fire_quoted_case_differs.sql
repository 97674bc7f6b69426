-- Case: "Teams" (quoted, mixed case) is created here, but the FK is added to teams, which is a
-- different, existing table: quoted identifiers keep their case, unquoted ones fold to lower case.
-- Expect: FK001 fires on teams.
SET lock_timeout = '5s';

CREATE TABLE "Teams" (
    "id" bigint PRIMARY KEY,
    "ownerId" bigint NOT NULL
);

ALTER TABLE teams ADD CONSTRAINT teams_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (id);
