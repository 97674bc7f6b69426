/*
 * Robustness of statements: unnamed indexes over expressions (their
 * default names), token offsets of 0, and the statements after one that
 * does not parse. Each case runs the binary and asserts the exit status
 * and the findings with their line:column.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "run.h"

TestSuite(robust_stmts, .init = test_dir_setup, .fini = test_dir_teardown);

static int check_dir(struct buf *out)
{
	int code = check_test_dir(out);

	cr_expect(code < 128, "killed by signal %d:\n%s", code - 128,
		  buf_str(out));
	return code;
}

/* golang-migrate: the rollback drops the index by PostgreSQL's name. */
Test(robust_stmts, expression_index_default_name_in_rollback)
{
	struct buf out = BUF_INIT;

	cr_assert(put_test_file("m/000001_a.up.sql",
				"CREATE TABLE t (name text PRIMARY KEY);\n"
				"CREATE UNIQUE INDEX ON t (lower(name));\n") ==
		  0);
	cr_assert(put_test_file("m/000001_a.down.sql", "DROP TABLE t;\n") == 0);
	cr_assert(put_test_file("m/000002_b.up.sql",
				"CREATE INDEX CONCURRENTLY ON t "
				"(lower(name), upper(name));\n") == 0);
	cr_assert(put_test_file(
			  "m/000002_b.down.sql",
			  "DROP INDEX CONCURRENTLY t_lower_upper_idx;\n") == 0);
	cr_expect_eq(check_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(!test_has(&out, "FK013"), "%s", buf_str(&out));
	cr_expect(test_has(&out, "no findings in 2 files (3 statements)"), "%s",
		  buf_str(&out));
	buf_release(&out);
}

/* ";" then a comment and no final newline: read inside the buffer. */
Test(robust_stmts, trailing_comment_without_final_newline)
{
	struct buf out = BUF_INIT;

	cr_assert(put_test_file("001.sql",
				"SELECT 1;-- fkaudit:ignore FK001 r") == 0);
	cr_expect_eq(check_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(test_has(&out,
			   "001.sql:1:10: note: [FK014 unused-suppression] "
			   "suppression of FK001 matches no finding of the "
			   "statement it follows on its line"),
		  "%s", buf_str(&out));
	buf_release(&out);
}

Test(robust_stmts, statement_right_after_semicolon)
{
	struct buf out = BUF_INIT;

	cr_assert(put_test_file(
			  "001.sql",
			  "SELECT 1;\n"
			  "SELECT 2;CREATE INDEX ON orders (user_id);\n") == 0);
	cr_expect_eq(check_dir(&out), 1, "%s", buf_str(&out));
	cr_expect(test_has(&out, "001.sql:2:10: error: [FK006 "), "%s",
		  buf_str(&out));
	cr_expect(test_has(&out, " 2 | SELECT 2;CREATE INDEX"), "%s",
		  buf_str(&out));
	cr_expect(!test_has(&out, ":1:1:"), "%s", buf_str(&out));
	buf_release(&out);
}

/* A suppressed error must not fail the run. */
Test(robust_stmts, suppression_right_after_semicolon)
{
	struct buf out = BUF_INIT;

	cr_assert(
		put_test_file("001.sql",
			      "SELECT 1;\n"
			      "ALTER TABLE orders ADD CONSTRAINT x FOREIGN KEY "
			      "(u) REFERENCES users (id);-- fkaudit:ignore "
			      "FK001 FK004 orders is empty\n") == 0);
	cr_expect_eq(check_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(!test_has(&out, "FK014") && !test_has(&out, "error:"), "%s",
		  buf_str(&out));
	cr_expect(test_has(&out, "2 suppressed"), "%s", buf_str(&out));
	buf_release(&out);
}
