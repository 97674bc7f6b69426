/*
 * The replayed schema across migration files: `fkaudit check DIR` audits
 * the files in order on one schema, and FK005 / FK009 hold only if still
 * true after the last file.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

TestSuite(schema, .init = test_dir_setup, .fini = test_dir_teardown);

static void put(const char *name, const char *text)
{
	cr_assert_eq(put_test_file(name, text), 0, "cannot write %s", name);
}

static const char users[] = "CREATE TABLE users (\n"
			    "    id bigint PRIMARY KEY,\n"
			    "    email text NOT NULL\n"
			    ");\n";

Test(schema, fk005_fires_when_no_later_file_indexes_the_key)
{
	struct buf out = BUF_INIT;

	put("001_users.sql", users);
	put("002_orders.sql",
	    "CREATE TABLE orders (\n"
	    "    id bigint PRIMARY KEY,\n"
	    "    user_id bigint NOT NULL REFERENCES users (id) ON DELETE "
	    "CASCADE\n"
	    ");\n");
	put("003_orders_status.sql",
	    "CREATE INDEX CONCURRENTLY orders_id_user_id_idx ON orders (id, "
	    "user_id);\n");
	cr_expect_eq(check_test_dir(&out), 0, "warnings only: %s",
		     buf_str(&out));
	cr_expect(test_has(&out,
			   "002_orders.sql:3:29: warning: [FK005 "
			   "fk-index-missing] foreign key "
			   "\"orders_user_id_fkey\" on \"orders\" "
			   "(\"user_id\") has no index on \"orders\" that "
			   "starts with its columns, after every migration "
			   "audited: each DELETE from \"users\""),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "ON DELETE CASCADE then deletes the rows it "
				 "finds"));
	cr_expect(test_has(&out, "help: index the referencing columns in a "
				 "migration of its own") ||
			  test_has(&out,
				   "CREATE INDEX orders_user_id_idx ON orders "
				   "(user_id)"),
		  "%s", buf_str(&out));
	buf_release(&out);
}

Test(schema, fk005_settled_by_an_index_in_a_later_file)
{
	struct buf out = BUF_INIT;

	put("001_users.sql", users);
	put("002_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, "
			      "user_id bigint NOT NULL);\n");
	put("003_orders_fk.sql",
	    "SET lock_timeout = '2s';\n"
	    "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey\n"
	    "    FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n");
	put("004_orders_validate.sql",
	    "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;\n");
	put("005_orders_index.sql",
	    "CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders "
	    "(user_id);\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(!test_has(&out, "FK005"), "%s", buf_str(&out));
	cr_expect(!test_has(&out, "FK009"), "%s", buf_str(&out));
	cr_expect(test_has(&out, "no findings in 5 files"), "%s",
		  buf_str(&out));
	buf_release(&out);
}

Test(schema, fk005_follows_renames_and_drops_across_files)
{
	struct buf out = BUF_INIT;

	put("001_users.sql", users);
	put("002_posts.sql",
	    "CREATE TABLE posts (id bigint PRIMARY KEY, author bigint "
	    "REFERENCES users (id));\n"
	    "CREATE TABLE drafts (id bigint PRIMARY KEY, author bigint "
	    "REFERENCES users (id));\n");
	put("003_rename.sql", "ALTER TABLE posts RENAME TO articles;\n"
			      "ALTER TABLE articles RENAME COLUMN author TO "
			      "author_id;\n");
	put("004_index.sql", "CREATE INDEX CONCURRENTLY articles_author_id_idx "
			     "ON articles (author_id);\n");
	put("005_drop.sql", "DROP TABLE drafts;\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(!test_has(&out, "FK005"), "%s", buf_str(&out));
	buf_release(&out);
}

Test(schema, fk009_fires_when_nothing_validates_the_key)
{
	struct buf out = BUF_INIT;

	put("001_users.sql", users);
	put("002_orders.sql",
	    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n"
	    "CREATE INDEX orders_user_id_idx ON orders (user_id);\n");
	put("003_orders_fk.sql",
	    "SET lock_timeout = '2s';\n"
	    "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey\n"
	    "    FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n");
	put("004_other.sql", "ALTER TABLE orders VALIDATE CONSTRAINT "
			     "orders_other_fkey;\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(test_has(&out,
			   "003_orders_fk.sql:2:24: warning: [FK009 "
			   "fk-never-validated] foreign key "
			   "\"orders_user_id_fkey\" on \"orders\" is added "
			   "NOT VALID and no migration audited after it "
			   "validates it: the rows \"orders\" held before "
			   "were never checked against \"users\""),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out,
			   "help: add a migration that runs ALTER TABLE "
			   "orders VALIDATE CONSTRAINT orders_user_id_fkey"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "LEFT JOIN users p ON p.id = c.user_id"), "%s",
		  buf_str(&out));
	cr_expect(!test_has(&out, "FK005"), "%s", buf_str(&out));
	buf_release(&out);
}

Test(schema, fk009_settled_by_validate_or_drop_in_later_files)
{
	struct buf out = BUF_INIT;

	put("001_users.sql", users);
	put("002_fks.sql",
	    "SET lock_timeout = '2s';\n"
	    "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey\n"
	    "    FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
	    "ALTER TABLE orders ADD CONSTRAINT orders_coupon_fkey\n"
	    "    FOREIGN KEY (coupon_id) REFERENCES coupons (id) NOT VALID;\n"
	    "ALTER TABLE payments ADD CONSTRAINT payments_user_id_fkey\n"
	    "    FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n");
	put("003_noop.sql", "SELECT 1;\n");
	put("004_validate.sql",
	    "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;\n"
	    "SET lock_timeout = '2s';\n"
	    "ALTER TABLE orders DROP CONSTRAINT orders_coupon_fkey;\n");
	put("005_drop.sql", "DROP TABLE payments;\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(!test_has(&out, "FK009"), "%s", buf_str(&out));
	buf_release(&out);
}

Test(schema, fk010_partitioned_in_an_earlier_file)
{
	struct buf out = BUF_INIT;

	put("001_events.sql",
	    "CREATE TABLE events (\n"
	    "    id bigint NOT NULL,\n"
	    "    user_id bigint NOT NULL,\n"
	    "    at timestamptz NOT NULL\n"
	    ") PARTITION BY RANGE (at);\n"
	    "CREATE TABLE events_2024 PARTITION OF events\n"
	    "    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n");
	put("002_events_fk.sql",
	    "SET lock_timeout = '2s';\n"
	    "ALTER TABLE events ADD CONSTRAINT events_user_id_fkey\n"
	    "    FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n");
	put("003_events_idx.sql", "CREATE INDEX CONCURRENTLY events_user_idx "
				  "ON events (user_id);\n");
	cr_expect_eq(check_test_dir(&out), 1, "%s", buf_str(&out));
	cr_expect(test_has(&out,
			   "002_events_fk.sql:2:24: error: [FK010 "
			   "partitioned-unsupported] \"events\" is "
			   "partitioned, and PostgreSQL (15 to 17) refuses "
			   "NOT VALID there: \"cannot add NOT VALID foreign "
			   "key on partitioned table \"events\" referencing "
			   "relation \"users\"\""),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out,
			   "003_events_idx.sql:1:1: error: [FK010 "
			   "partitioned-unsupported] \"events\" is "
			   "partitioned, and PostgreSQL (15 to 17) refuses "
			   "CREATE INDEX CONCURRENTLY on it: \"cannot create "
			   "index on partitioned table \"events\" "
			   "concurrently\""),
		  "%s", buf_str(&out));
	/* PostgreSQL refuses the key: nothing to validate, nothing to index */
	cr_expect(!test_has(&out, "FK009") && !test_has(&out, "FK005"), "%s",
		  buf_str(&out));
	buf_release(&out);
}

Test(schema, fk010_not_on_a_leaf_partition_or_a_plain_table)
{
	struct buf out = BUF_INIT;

	put("001_events.sql",
	    "CREATE TABLE events (id bigint NOT NULL, user_id bigint NOT "
	    "NULL, at timestamptz NOT NULL) PARTITION BY RANGE (at);\n"
	    "CREATE TABLE events_2024 PARTITION OF events\n"
	    "    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
	    "CREATE INDEX events_user_id_idx ON events (user_id);\n"
	    "CREATE TABLE visits (id bigint PRIMARY KEY, user_id bigint NOT "
	    "NULL);\n");
	put("002_fks.sql",
	    "SET lock_timeout = '2s';\n"
	    "ALTER TABLE events_2024 ADD CONSTRAINT events_user_id_fkey\n"
	    "    FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
	    "ALTER TABLE visits ADD CONSTRAINT visits_user_id_fkey\n"
	    "    FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n");
	put("003_validate.sql",
	    "ALTER TABLE events_2024 VALIDATE CONSTRAINT "
	    "events_user_id_fkey;\n"
	    "ALTER TABLE visits VALIDATE CONSTRAINT visits_user_id_fkey;\n"
	    "CREATE INDEX CONCURRENTLY visits_user_id_idx ON visits "
	    "(user_id);\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(test_has(&out, "no findings in 3 files"), "%s",
		  buf_str(&out));
	buf_release(&out);
}

Test(schema, fk008_integer_key_then_bigint_column)
{
	struct buf out = BUF_INIT;

	put("001_teams.sql", "CREATE TABLE teams (id int4 PRIMARY KEY, name "
			     "text);\n");
	put("002_members.sql",
	    "CREATE TABLE members (\n"
	    "    id bigint PRIMARY KEY,\n"
	    "    team_id bigint NOT NULL REFERENCES teams\n"
	    ");\n"
	    "CREATE INDEX members_team_id_idx ON members (team_id);\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(test_has(&out,
			   "002_members.sql:3:29: warning: [FK008 "
			   "fk-type-mismatch] foreign key "
			   "\"members_team_id_fkey\" joins "
			   "\"members\".\"team_id\" (bigint) to "
			   "\"teams\".\"id\" (integer): the integer side "
			   "overflows at 2147483647 while the bigint side "
			   "does not"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out,
			   "help: declare both columns with the same type: "
			   "bigint for \"members\".\"team_id\" and "
			   "\"teams\".\"id\""),
		  "%s", buf_str(&out));
	buf_release(&out);
}

Test(schema, fk008_same_types_spelt_differently)
{
	struct buf out = BUF_INIT;

	put("001_teams.sql", "CREATE TABLE teams (id serial PRIMARY KEY);\n"
			     "CREATE TABLE codes (code varchar(8) PRIMARY "
			     "KEY);\n");
	put("002_members.sql",
	    "CREATE TABLE members (id bigserial PRIMARY KEY, team_id "
	    "integer, code character varying(8));\n"
	    "CREATE INDEX members_team_id_idx ON members (team_id);\n"
	    "CREATE INDEX members_code_idx ON members (code);\n");
	put("003_fks.sql",
	    "SET lock_timeout = '2s';\n"
	    "ALTER TABLE members ADD FOREIGN KEY (team_id) REFERENCES teams "
	    "NOT VALID, ADD FOREIGN KEY (code) REFERENCES codes NOT VALID;\n"
	    "ALTER TABLE members VALIDATE CONSTRAINT members_team_id_fkey;\n"
	    "ALTER TABLE members VALIDATE CONSTRAINT members_code_fkey;\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(test_has(&out, "no findings in 3 files"), "%s",
		  buf_str(&out));
	buf_release(&out);
}

Test(schema, fk011_type_change_in_a_later_file)
{
	struct buf out = BUF_INIT;

	put("001_users.sql", users);
	put("002_orders.sql",
	    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id integer "
	    "CONSTRAINT orders_user_fk REFERENCES users (id));\n"
	    "CREATE INDEX orders_user_id_idx ON orders (user_id);\n");
	put("003_widen.sql", "ALTER TABLE orders\n"
			     "    ALTER COLUMN user_id TYPE bigint;\n");
	cr_expect_eq(check_test_dir(&out), 1, "%s", buf_str(&out));
	cr_expect(test_has(&out,
			   "003_widen.sql:2:5: error: [FK011 "
			   "fk-column-type-change] changing the type of "
			   "\"orders\".\"user_id\" from integer to bigint, a "
			   "column of foreign key \"orders_user_fk\" "
			   "(\"orders\" → \"users\"), takes ACCESS EXCLUSIVE "
			   "on both \"orders\" and \"users\" (reads wait "
			   "too), rewrites \"orders\""),
		  "%s", buf_str(&out));
	/* FK004: the tables come from earlier files, no lock_timeout */
	cr_expect(test_has(&out,
			   "003_widen.sql:2:5: warning: [FK004 "
			   "fk-lock-timeout-missing] no lock_timeout is set: "
			   "ALTER COLUMN … TYPE of column \"user_id\", part "
			   "of foreign key \"orders_user_fk\", queues for "
			   "ACCESS EXCLUSIVE on \"orders\" and \"users\""),
		  "%s", buf_str(&out));
	buf_release(&out);
}

Test(schema, fk011_not_after_the_key_is_dropped)
{
	struct buf out = BUF_INIT;

	put("001_users.sql", users);
	put("002_orders.sql",
	    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint "
	    "CONSTRAINT orders_user_fk REFERENCES users (id), note "
	    "varchar(20));\n"
	    "CREATE INDEX orders_user_id_idx ON orders (user_id);\n");
	put("003_drop_fk.sql", "SET lock_timeout = '2s';\n"
			       "ALTER TABLE orders DROP CONSTRAINT "
			       "orders_user_fk;\n");
	put("004_widen.sql", "ALTER TABLE orders ALTER COLUMN user_id TYPE "
			     "numeric, ALTER COLUMN note TYPE text;\n"
			     "ALTER TABLE users ALTER COLUMN email TYPE "
			     "varchar(320);\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(!test_has(&out, "FK011") && !test_has(&out, "FK004"), "%s",
		  buf_str(&out));
	buf_release(&out);
}

Test(schema, suppressed_pending_finding_and_single_file_settling)
{
	struct buf out = BUF_INIT;

	/* the same file indexes the key later: settled within the file */
	put("001_all.sql",
	    "CREATE TABLE users (id bigint PRIMARY KEY);\n"
	    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint "
	    "REFERENCES users (id));\n"
	    "-- fkaudit:ignore FK005 orders stays tiny\n"
	    "CREATE TABLE notes (id bigint PRIMARY KEY, user_id bigint "
	    "REFERENCES users (id));\n"
	    "CREATE INDEX orders_user_id_idx ON orders (user_id);\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(!test_has(&out, "FK005"), "%s", buf_str(&out));
	cr_expect(test_has(&out, "1 suppressed"), "%s", buf_str(&out));
	buf_release(&out);
}
