/*
 * Framework-aware transactions: the same SQL, run by goose, by
 * golang-migrate or as plain files, is safe or not.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run.h"

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

TestSuite(frameworks, .init = test_dir_setup, .fini = test_dir_teardown);

static void put(const char *name, const char *text)
{
	cr_assert_eq(put_test_file(name, text), 0, "cannot write %s", name);
}

static const char cic[] =
	"CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);\n";

Test(frameworks, goose_wraps_each_file_unless_no_transaction)
{
	struct buf out = BUF_INIT;
	char text[512];

	snprintf(text, sizeof(text),
		 "-- +goose Up\n%s\n-- +goose Down\n"
		 "DROP INDEX orders_user_idx;\n",
		 cic);
	put("migrations/20240101000000_idx.sql", text);
	snprintf(text, sizeof(text),
		 "-- +goose NO TRANSACTION\n-- +goose Up\n%s", cic);
	put("migrations/20240102000000_idx_no_tx.sql", text);
	cr_expect_eq(check_test_dir(&out), 1);
	cr_expect(test_has(&out,
			   "20240101000000_idx.sql:2:1: error: [FK007 "
			   "concurrent-in-transaction] CREATE INDEX "
			   "CONCURRENTLY runs inside the transaction that "
			   "goose puts around the file"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "-- +goose NO TRANSACTION"),
		  "the opt-out is named");
	cr_expect(!test_has(&out, "20240102000000_idx_no_tx.sql:"),
		  "NO TRANSACTION: %s", buf_str(&out));
	buf_release(&out);
}

Test(frameworks, goose_validate_in_the_same_file_is_fk003)
{
	struct buf out = BUF_INIT;

	put("db/00002_fk.sql",
	    "-- +goose Up\n"
	    "SET lock_timeout = '2s';\n"
	    "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY "
	    "(user_id) REFERENCES users (id) NOT VALID;\n"
	    "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;\n");
	cr_expect_eq(check_test_dir(&out), 1);
	cr_expect(test_has(&out, "[FK003 fk-validate-same-transaction]"), "%s",
		  buf_str(&out));
	cr_expect(test_has(&out, "goose puts around the file"), "%s",
		  buf_str(&out));
	buf_release(&out);
}

Test(frameworks, golang_migrate_sends_a_file_as_one_string)
{
	struct buf out = BUF_INIT;
	char text[512];

	snprintf(text, sizeof(text), "%sALTER TABLE orders ADD COLUMN x int;\n",
		 cic);
	put("db/migrations/000001_two.up.sql", text);
	put("db/migrations/000002_alone.up.sql", cic); /* alone: no block */
	put("db/migrations/000002_alone.down.sql",
	    "DROP INDEX CONCURRENTLY orders_user_idx;\n");
	cr_expect_eq(check_test_dir(&out), 1);
	cr_expect(test_has(&out,
			   "000001_two.up.sql:1:1: error: [FK007 "
			   "concurrent-in-transaction] CREATE INDEX "
			   "CONCURRENTLY runs inside the implicit transaction "
			   "PostgreSQL opens because golang-migrate sends the "
			   "whole file as one string"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out,
			   "golang-migrate has no transaction to opt out of"));
	cr_expect(!test_has(&out, "000002_alone"), "%s", buf_str(&out));
	buf_release(&out);
}

Test(frameworks, plain_files_are_unchanged)
{
	struct buf out = BUF_INIT;

	/* numbered like goose, but no goose marker: plain SQL, autocommit */
	put("sql/001_idx.sql", cic);
	put("sql/002_two.sql", "CREATE INDEX CONCURRENTLY a ON t (a);\n"
			       "ALTER TABLE t ADD COLUMN x int;\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(!test_has(&out, "FK007"), "%s", buf_str(&out));
	buf_release(&out);
}

/*
 * testdata/frameworks/<framework>/ is a small project of that framework,
 * with its pitfalls. `fkaudit check .`, `fkaudit detect` and `fkaudit sql`
 * run in it,
 * and their output is compared with testdata/frameworks/<name>.expected
 * (FKAUDIT_UPDATE_GOLDEN=1 rewrites it; review the diff).
 */
static void check_fixture(const char *name)
{
	char dir[512], expected[512], env[4200], root[4096];
	const char *envs[] = { env, NULL };
	struct buf out = BUF_INIT, det = BUF_INIT, sql = BUF_INIT;
	struct buf want = BUF_INIT;
	int code, dcode, scode;

	cr_assert(getcwd(root, sizeof(root)) != NULL);
	snprintf(dir, sizeof(dir), "testdata/frameworks/%s", name);
	snprintf(expected, sizeof(expected), "testdata/frameworks/%s.expected",
		 name);
	/* the fixture is inside fkaudit's own repository: stop above it */
	snprintf(env, sizeof(env),
		 "GIT_CEILING_DIRECTORIES=%s/testdata/"
		 "frameworks",
		 root);
	code = run_fkaudit(ARGS("check", "--color=never", "."), dir, NULL, envs,
			   &out, NULL);
	dcode = run_fkaudit(ARGS("detect"), dir, NULL, envs, &det, NULL);
	scode = run_fkaudit(ARGS("sql"), dir, NULL, envs, &sql, NULL);
	buf_addf(&out,
		 "exit status: %d\n\n$ fkaudit detect\n%s"
		 "exit status: %d\n\n$ fkaudit sql\n%sexit status: %d\n",
		 code, buf_str(&det), dcode, buf_str(&sql), scode);
	if (getenv("FKAUDIT_UPDATE_GOLDEN")) {
		cr_expect(write_file(expected, out.ptr, out.len) == 0);
	} else {
		cr_expect(read_file(expected, &want) == 0, "%s is missing",
			  expected);
		cr_expect(strcmp(buf_str(&out), buf_str(&want)) == 0,
			  "%s differs:\n--- got\n%s--- want\n%s", expected,
			  buf_str(&out), buf_str(&want));
	}
	buf_release(&out);
	buf_release(&det);
	buf_release(&sql);
	buf_release(&want);
}

Test(frameworks, fixtures)
{
	static const char *const names[] = {
		"atlas",	  "dbmate",    "diesel",
		"django",	  "drizzle",   "flyway",
		"golang-migrate", "goose",     "graphile-migrate",
		"hasura",	  "liquibase", "node-pg-migrate",
		"prisma",	  "sqitch",    "sqlx",
		"supabase",	  "synapse",   "multi-database",
		"psql-script",	  "pop",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		check_fixture(names[i]);
}

/* The configuration drives discovery: folders, exclude, framework, seed. */
Test(frameworks, configuration_drives_discovery)
{
	struct buf out = BUF_INIT;

	put(".fkaudit.json", "{ \"migrations\": [ { \"path\": \"db\", "
			     "\"framework\": \"goose\" } ],\n"
			     "  \"exclude\": [ \"db/legacy\" ],\n"
			     "  \"seed\": [ \"schema/dump.sql\" ] }\n");
	put("schema/dump.sql",
	    "CREATE TABLE users (id bigint PRIMARY KEY);\n"
	    "CREATE TABLE events (id bigint, user_id bigint, at date) "
	    "PARTITION BY RANGE (at);\n");
	/* goose by configuration: no version in the name */
	put("db/create_idx.sql",
	    "-- +goose Up\n"
	    "CREATE INDEX CONCURRENTLY e_idx ON users (id);\n");
	put("db/events_fk.sql",
	    "-- +goose Up\n"
	    "SET lock_timeout = '2s';\n"
	    "ALTER TABLE events ADD CONSTRAINT events_user_fk FOREIGN KEY "
	    "(user_id) REFERENCES users (id) NOT VALID;\n");
	put("db/legacy/old.sql", cic);
	put("other/x.sql", cic);
	cr_expect_eq(check_test_dir(&out), 1);
	cr_expect(test_has(&out,
			   "db/create_idx.sql:2:1: error: [FK007 "
			   "concurrent-in-transaction] CREATE INDEX "
			   "CONCURRENTLY runs inside the transaction that "
			   "goose puts around the file"),
		  "%s", buf_str(&out));
	/* the seeded dump says events is partitioned */
	cr_expect(test_has(&out, "db/events_fk.sql:3:24: error: [FK010 "
				 "partitioned-unsupported]"),
		  "%s", buf_str(&out));
	cr_expect(!test_has(&out, "legacy") && !test_has(&out, "other/") &&
			  !test_has(&out, "dump.sql"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "in 2 files"), "%s", buf_str(&out));
	buf_reset(&out);
	cr_expect_eq(run_test_dir(ARGS("detect"), &out), 0);
	cr_expect(test_has(&out,
			   "other/x.sql\n  plain SQL, not run: not audited\n"
			   "  why: left out by the configuration"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out,
			   "schema/dump.sql\n  plain SQL, seeds the schema "
			   "state\n  why: a schema dump named by the "
			   "configuration"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "(framework set by the configuration)"), "%s",
		  buf_str(&out));
	buf_release(&out);
}

/*
 * No silent limit on a file's transaction units, delimiters and masked
 * sections (they were fixed arrays of 64: from the 65th on, units took
 * the 64th's mode, delimiters were dropped, and the rest of the file was
 * masked).
 */
Test(frameworks, two_hundred_liquibase_changesets)
{
	struct buf sql = BUF_INIT, out = BUF_INIT;
	char last[128];
	int k;

	buf_adds(&sql, "--liquibase formatted sql\n");
	for (k = 1; k <= 200; k++)
		buf_addf(&sql,
			 "--changeset me:%d%s\n"
			 "CREATE INDEX CONCURRENTLY i%d ON orders (c%d)\nGO\n"
			 "--rollback DROP INDEX i%d;\n",
			 k, k % 2 ? " runInTransaction:false" : "", k, k, k);
	cr_assert(!sql.failed);
	put("db/changelog.sql", buf_str(&sql));
	cr_expect_eq(check_test_dir(&out), 1, "%s", buf_str(&out));
	/* the even changesets run in a transaction: CONCURRENTLY fails */
	cr_expect_eq(test_count(&out, "[FK007 "), 100, "%s", buf_str(&out));
	snprintf(last, sizeof(last), "db/changelog.sql:%d:1: error: [FK007 ",
		 3 + 199 * 4);
	cr_expect(test_has(&out, last), "%s", buf_str(&out));
	cr_expect(test_has(&out, "(200 statements)"), "%s", buf_str(&out));
	cr_expect(!test_has(&out, "[FK000 "), "%s", buf_str(&out));
	buf_release(&sql);
	buf_release(&out);
}

Test(frameworks, two_hundred_goose_statement_blocks)
{
	struct buf sql = BUF_INIT, out = BUF_INIT;
	int k;

	buf_adds(&sql, "-- +goose NO TRANSACTION\n-- +goose Up\n");
	for (k = 1; k <= 200; k++)
		buf_addf(&sql,
			 "-- +goose StatementBegin\nSELECT %d;\n"
			 "CREATE INDEX CONCURRENTLY a%d ON orders (c%d);\n"
			 "-- +goose StatementEnd\n"
			 "CREATE INDEX CONCURRENTLY b%d ON orders (d%d);\n",
			 k, k, k, k, k);
	cr_assert(!sql.failed);
	put("migrations/20240101000000_many.sql", buf_str(&sql));
	cr_expect_eq(check_test_dir(&out), 1, "%s", buf_str(&out));
	/* inside a block, one string: an implicit transaction; not after */
	cr_expect_eq(test_count(&out, "[FK007 "), 200, "%s", buf_str(&out));
	cr_expect(test_has(&out, "20240101000000_many.sql:1000:1: error: "
				 "[FK007 "),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "(600 statements)"), "%s", buf_str(&out));
	buf_release(&sql);
	buf_release(&out);
}

Test(frameworks, two_hundred_goose_down_sections)
{
	struct buf sql = BUF_INIT, out = BUF_INIT;
	int k;

	for (k = 1; k <= 200; k++)
		buf_addf(&sql,
			 "-- +goose Up\nCREATE TABLE t%d (id bigint);\n"
			 "-- +goose Down\nALTER TABLE orders ADD FOREIGN KEY "
			 "(user_id) REFERENCES users (id);\n",
			 k);
	cr_assert(!sql.failed);
	put("migrations/20240101000000_many.sql", buf_str(&sql));
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(test_has(&out, "(200 statements)"), "%s", buf_str(&out));
	buf_release(&sql);
	buf_release(&out);
}

/*
 * An empty forward migration next to its rollback, and an empty Django
 * migration module among others: read as empty texts (UBSan: memchr()
 * was handed the NULL of an empty buffer).
 */
Test(frameworks, empty_forward_migration_and_empty_django_module)
{
	struct buf out = BUF_INIT;

	put("db/000001_a.up.sql", "");
	put("db/000001_a.down.sql", "DROP INDEX i;\n");
	put("app/migrations/__init__.py", "");
	put("app/migrations/0001_initial.py", "");
	put("app/migrations/0002_more.py",
	    "from django.db import migrations\n\n"
	    "class Migration(migrations.Migration):\n"
	    "    dependencies = [('app', '0001_initial')]\n"
	    "    operations = []\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(test_has(&out, "db/000001_a.down.sql:1:1: warning: [FK013 "),
		  "%s", buf_str(&out));
	buf_release(&out);
}

/*
 * diesel 2 names folders YYYY-MM-DD-HHMMSS-NNNN_name, and runs them in
 * the byte order of their versions without the dashes: 20140924113530
 * before 2021-04-24-115720. (Both were missed: the folder was plain SQL,
 * its down.sql audited as forward, and the dashed folders ran first.)
 */
Test(frameworks, diesel_folder_names_and_their_order)
{
	struct buf out = BUF_INIT;

	put("migrations/20140924113530_create/up.sql",
	    "CREATE TABLE users (id bigint PRIMARY KEY);\n"
	    "CREATE TABLE t (id bigint, user_id bigint REFERENCES users);\n");
	put("migrations/20140924113530_create/down.sql",
	    "DROP TABLE t;\nDROP TABLE users;\n");
	put("migrations/2021-04-24-115720_drop_t/up.sql", "DROP TABLE t;\n");
	put("migrations/2021-04-24-115720_drop_t/down.sql",
	    "CREATE TABLE t (id bigint);\n");
	put("migrations/2024-01-31-101500-0000_orders/up.sql",
	    "CREATE INDEX CONCURRENTLY users_idx ON users (id);\n");
	put("migrations/2024-01-31-101500-0000_orders/metadata.toml",
	    "run_in_transaction = false\n");
	put("migrations/2024-01-31-101500-0000_orders/down.sql",
	    "ALTER TABLE users ADD CONSTRAINT users_self_fk FOREIGN KEY (id) "
	    "REFERENCES users (id);\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	/* the table is gone after the last migration: no FK005 */
	cr_expect(!test_has(&out, "[FK005 "), "%s", buf_str(&out));
	/* the rollback is not run forward */
	cr_expect(!test_has(&out, "down.sql:"), "%s", buf_str(&out));
	buf_release(&out);
	cr_expect_eq(run_test_dir(ARGS("detect", "migrations"), &out), 0);
	cr_expect(test_has(&out,
			   "migrations/2024-01-31-101500-0000_orders/up.sql"
			   "\n  diesel, runs forward"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "migrations/2024-01-31-101500-0000_orders/"
				 "down.sql\n  diesel, a rollback"),
		  "%s", buf_str(&out));
	buf_release(&out);
}

/*
 * A file name that says up or down decides before markers and near
 * files: golang-migrate's layout beside an atlas.sum (Atlas writes it),
 * and a rollback whose first comment reads like node-pg-migrate's marker.
 */
Test(frameworks, up_and_down_names_decide_before_atlas_sum_and_comments)
{
	struct buf out = BUF_INIT;

	put("db/atlas.sum", "h1:abc=\n000001_users.up.sql h1:def=\n");
	put("db/000001_users.up.sql",
	    "CREATE TABLE users (id bigint PRIMARY KEY);\n");
	put("db/000001_users.down.sql",
	    "ALTER TABLE users ADD CONSTRAINT users_fk FOREIGN KEY (id) "
	    "REFERENCES users (id);\nDROP TABLE users;\n");
	put("db/000002_noop.up.sql", "SELECT 1;\n");
	put("db/000002_noop.down.sql",
	    "-- Down migration is a no-op\n"
	    "ALTER TABLE users ADD CONSTRAINT users_fk2 FOREIGN KEY (id) "
	    "REFERENCES users (id);\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(!test_has(&out, "down.sql:"), "%s", buf_str(&out));
	buf_release(&out);
	cr_expect_eq(run_test_dir(ARGS("detect", "db"), &out), 0);
	cr_expect(test_has(&out,
			   "db/000001_users.down.sql\n  golang-migrate, a "
			   "rollback"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "db/000002_noop.down.sql\n  golang-migrate, a "
				 "rollback"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "db/000001_users.up.sql\n  golang-migrate, "
				 "runs forward"),
		  "%s", buf_str(&out));
	buf_release(&out);
}

/* Every rollback drop that misses gets its FK013 (they stopped at 32). */
Test(frameworks, forty_rollback_drops_that_miss)
{
	struct buf sql = BUF_INIT, out = BUF_INIT;
	int k;

	for (k = 1; k <= 40; k++)
		buf_addf(&sql, "DROP INDEX i%d;\n", k);
	cr_assert(!sql.failed);
	put("db/000001_a.up.sql", "SELECT 1;\n");
	put("db/000001_a.down.sql", buf_str(&sql));
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect_eq(test_count(&out, "[FK013 "), 40, "%s", buf_str(&out));
	cr_expect(test_has(&out, "db/000001_a.down.sql:40:1: warning: [FK013 "),
		  "%s", buf_str(&out));
	buf_release(&sql);
	buf_release(&out);
}

/* Every statement of a DO block is audited (they stopped at 64). */
Test(frameworks, seventy_statements_in_a_do_block)
{
	struct buf sql = BUF_INIT, out = BUF_INIT;
	int k;

	buf_adds(&sql, "DO $$\nBEGIN\n");
	for (k = 1; k <= 70; k++)
		buf_addf(&sql,
			 "ALTER TABLE orders ADD CONSTRAINT fk%d FOREIGN KEY "
			 "(user_id) REFERENCES users (id);\n",
			 k);
	buf_adds(&sql, "END\n$$;\n");
	cr_assert(!sql.failed);
	put("db/001.sql", buf_str(&sql));
	cr_expect_eq(check_test_dir(&out), 1, "%s", buf_str(&out));
	cr_expect_eq(test_count(&out, "[FK001 "), 70, "%s", buf_str(&out));
	buf_release(&sql);
	buf_release(&out);
}

/*
 * A rollback that drops the primary key its forward migration added
 * unnamed uses PostgreSQL's name for it, <table>_pkey: no FK013 (every
 * FK013 of crates.io was this).
 */
Test(frameworks, rollback_drops_the_default_name_of_a_primary_key)
{
	struct buf out = BUF_INIT;

	put("db/000001_badges.up.sql",
	    "ALTER TABLE badges ADD PRIMARY KEY (crate_id, badge_type);\n");
	put("db/000001_badges.down.sql",
	    "ALTER TABLE badges DROP CONSTRAINT badges_pkey;\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(!test_has(&out, "[FK013 "), "%s", buf_str(&out));
	buf_release(&out);
}

/* Names longer than 63 bytes compare as PostgreSQL truncates them. */
Test(frameworks, rollback_names_compare_truncated_to_63_bytes)
{
	struct buf out = BUF_INIT;

	/* 64 bytes in the forward migration, the 63 PostgreSQL keeps back */
	put("db/000001_idx.up.sql",
	    "CREATE INDEX CONCURRENTLY "
	    "idx_post_aggregates_featured_community_newest_"
	    "comment_time_necro ON post_aggregates (id);\n");
	put("db/000001_idx.down.sql",
	    "DROP INDEX idx_post_aggregates_featured_community_newest_"
	    "comment_time_necr;\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(!test_has(&out, "[FK013 "), "%s", buf_str(&out));
	buf_release(&out);
}

/*
 * Two unnamed indexes on one column are t_col_idx and t_col_idx1, as
 * PostgreSQL 15 numbers them (tests/pg_names.sh): the rollback that drops
 * both drops what the forward migration made.
 */
Test(frameworks, rollback_names_of_numbered_defaults)
{
	struct buf out = BUF_INIT;

	put("db/000001_idx.up.sql",
	    "CREATE TABLE orders (id bigint, user_id bigint);\n"
	    "CREATE INDEX ON orders (user_id);\n"
	    "CREATE INDEX ON orders (user_id) WHERE id > 0;\n");
	put("db/000001_idx.down.sql", "DROP INDEX orders_user_id_idx1;\n"
				      "DROP INDEX orders_user_id_idx;\n"
				      "DROP TABLE orders;\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(!test_has(&out, "[FK013 "), "%s", buf_str(&out));
	buf_release(&out);
}

/* A second unnamed CHECK on a column is t_col_check1 (PostgreSQL 15). */
Test(frameworks, rollback_names_of_numbered_checks)
{
	struct buf out = BUF_INIT;

	put("db/000001_chk.up.sql",
	    "ALTER TABLE orders ADD CHECK (qty > 0);\n"
	    "ALTER TABLE orders ADD CHECK (qty < 1000);\n");
	put("db/000001_chk.down.sql",
	    "ALTER TABLE orders DROP CONSTRAINT orders_qty_check1;\n"
	    "ALTER TABLE orders DROP CONSTRAINT orders_qty_check;\n");
	cr_expect_eq(check_test_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(!test_has(&out, "[FK013 "), "%s", buf_str(&out));
	buf_release(&out);
}

/*
 * detect reads each file as check does, to its end and no further: a
 * short PostgreSQL file after a long one with a backtick was taken for
 * MySQL's (the sniff read the bytes the longer file left behind).
 */
Test(frameworks, detect_reads_no_further_than_a_file_ends)
{
	struct buf out = BUF_INIT;
	const char *const args[] = { "detect", "a.sql", "b.sql", NULL };

	put("a.sql",
	    "CREATE TABLE x (id int);\n"
	    "-- padding padding padding padding padding padding padding "
	    "padding padding padding padding padding padding padding\n"
	    "CREATE TABLE `zzz` (id int);\n");
	/* shorter, no line break at the end; "identity" makes the sniff
	   scan it */
	put("b.sql",
	    "CREATE TABLE \"identity_types\" (\n\"id\" UUID NOT NULL,\n"
	    "PRIMARY KEY(\"id\")\n);");
	cr_expect_eq(run_fkaudit(args, test_dir, NULL, NULL, &out, NULL), 0);
	cr_expect(test_has(&out, "a.sql\n  another database's: not audited"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "b.sql\n  plain SQL, runs forward"), "%s",
		  buf_str(&out));
	buf_release(&out);
}

/*
 * fkaudit sql: a path that does not exist is exit 2, a file that cannot
 * be audited (NUL bytes) exit 3, each said on standard error with its
 * path; the other files are still printed.
 */
Test(frameworks, sql_exit_status_and_problems)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	char *dir = test_path(""), *bin = test_path("db/002_bin.sql");
	int code;

	put("db/001_init.sql", "CREATE TABLE t (id int);\n");
	cr_assert_eq(write_file(bin, "a\0b", 3), 0);
	free(bin);
	code = run_fkaudit(ARGS("sql", "db"), dir, NULL, NULL, &out, &err);
	cr_expect_eq(code, 3, "%s%s", buf_str(&out), buf_str(&err));
	cr_expect(test_has(&out, "-- db/001_init.sql: plain SQL, runs forward\n"
				 "-- 1:1-1:24\nCREATE TABLE t (id int);\n"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&err, "db/002_bin.sql: error: binary file"), "%s",
		  buf_str(&err));
	buf_reset(&out);
	buf_reset(&err);
	code = run_fkaudit(ARGS("sql", "nowhere"), dir, NULL, NULL, &out, &err);
	cr_expect_eq(code, 2, "%s", buf_str(&err));
	cr_expect(test_has(&err, "nowhere: error: "), "%s", buf_str(&err));
	free(dir);
	buf_release(&out);
	buf_release(&err);
}
