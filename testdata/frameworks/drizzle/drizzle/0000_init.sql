CREATE TABLE "users" ("id" bigint PRIMARY KEY NOT NULL);
--> statement-breakpoint
CREATE TABLE "orders" ("id" bigint PRIMARY KEY NOT NULL, "user_id" bigint NOT NULL);
