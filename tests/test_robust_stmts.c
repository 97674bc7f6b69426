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

/* Whether the report has `what` (a "path:line:col: level: [ID" prefix). */
static bool has(const struct buf *out, const char *what)
{
	return strstr(buf_str(out), what) != NULL;
}

/* golang-migrate: the rollback drops the index by PostgreSQL's name. */
Test(robust_stmts, expression_index_default_name_in_rollback)
{
	struct buf out = BUF_INIT;

	cr_assert(put_test_file("m/000001_a.up.sql",
				"CREATE TABLE t (name text PRIMARY KEY);\n"
				"CREATE UNIQUE INDEX ON t (lower(name));\n") ==
		  0);
	cr_assert(put_test_file("m/000001_a.down.sql", "DROP TABLE t;\n") ==
		  0);
	cr_assert(put_test_file("m/000002_b.up.sql",
				"CREATE INDEX CONCURRENTLY ON t "
				"(lower(name), upper(name));\n") == 0);
	cr_assert(put_test_file("m/000002_b.down.sql",
				"DROP INDEX CONCURRENTLY t_lower_upper_idx;\n") ==
		  0);
	cr_expect_eq(check_dir(&out), 0, "%s", buf_str(&out));
	cr_expect(!has(&out, "FK013"), "%s", buf_str(&out));
	cr_expect(has(&out, "no findings in 2 files (3 statements)"), "%s", buf_str(&out));
	buf_release(&out);
}
