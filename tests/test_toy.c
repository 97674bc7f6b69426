/*
 * The toy framework of tests/toy_fw.c (one statement per line, no
 * transaction), added by that one file and one registry line: detect,
 * check, diff and history use it with no other change. Runs fkaudit-toy.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "run.h"

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void setup(void)
{
	test_git_setup();
}

TestSuite(toy, .init = setup, .fini = test_dir_teardown);

static const char fk_line[] =
	"ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id)\n";

static int run(const char *const *args, struct buf *out)
{
	char dir[4200];

	snprintf(dir, sizeof(dir), "%s/r", test_dir);
	return run_fkaudit(args, dir, NULL, NULL, out, out);
}

static void repo(void)
{
	test_sh("git init -q -b main r && mkdir -p r/db");
	cr_assert_eq(
		put_test_file("r/db/001.toy",
			      "CREATE TABLE users (id bigint PRIMARY KEY)\n"
			      "\n"
			      "CREATE TABLE orders (id bigint, user_id "
			      "bigint)\n"),
		0);
	test_sh("cd r && git add -A && git commit -qm one");
}

Test(toy, detect_names_it)
{
	struct buf out = BUF_INIT;

	repo();
	cr_expect_eq(run(ARGS("detect", "db"), &out), 0, "%s", buf_str(&out));
	cr_expect(test_has(&out, "db/001.toy\n  toy, runs forward; no "
				 "transaction from the framework"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "  why: a .toy file: one statement per line, "
				 "each on its own\n"),
		  "%s", buf_str(&out));
	buf_release(&out);
}

Test(toy, check_audits_its_statements_at_their_lines)
{
	struct buf out = BUF_INIT;

	repo();
	cr_assert_eq(put_test_file("r/db/002.toy", fk_line), 0);
	cr_expect_eq(run(ARGS("check", "--color=never", "db"), &out), 1, "%s",
		     buf_str(&out));
	cr_expect(test_has(&out, "db/002.toy:1:24: error: [FK001 "), "%s",
		  buf_str(&out));
	cr_expect(test_has(&out, "in 2 files (3 statements)"), "%s",
		  buf_str(&out));
	buf_release(&out);
}

Test(toy, diff_and_history_see_it)
{
	struct buf out = BUF_INIT;

	repo();
	test_sh("cd r && git checkout -q -b feature");
	cr_assert_eq(put_test_file("r/db/002.toy", fk_line), 0);
	test_sh("cd r && git add -A && git commit -qm fk");
	cr_expect_eq(run(ARGS("diff", "--color=never", "main"), &out), 1, "%s",
		     buf_str(&out));
	cr_expect(test_has(&out, "db/002.toy:1:24: error: [FK001 "), "%s",
		  buf_str(&out));
	buf_reset(&out);
	cr_expect_eq(run(ARGS("history", "--color=never"), &out), 1, "%s",
		     buf_str(&out));
	cr_expect(test_has(&out, "db/002.toy:1:24: error: [FK001 "), "%s",
		  buf_str(&out));
	cr_expect(test_has(&out, "2 commits walked, 2 file versions audited"),
		  "%s", buf_str(&out));
	buf_release(&out);
}
