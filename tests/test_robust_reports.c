/*
 * Report files under stress, end to end: a report path that is an input
 * or another report, standard output closed early (| head -1), a signal
 * while the reports are written, a full file system, and file names
 * that are not valid UTF-8 or hold a newline.
 */
#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "run.h"

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

TestSuite(robust_reports, .init = test_git_setup, .fini = test_dir_teardown);

static const char unsafe[] =
	"ALTER TABLE messages ADD CONSTRAINT fk FOREIGN KEY (user_id) "
	"REFERENCES users (id);\n";

static char *path_in(const char *name)
{
	char *p = malloc(strlen(test_dir) + strlen(name) + 2);

	sprintf(p, "%s/%s", test_dir, name);
	return p;
}

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void sh(const char *fmt, ...)
{
	char cmd[8192], full[8400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "cd '%s' && (%s) >/dev/null 2>&1",
		 test_dir, cmd);
	cr_assert(system(full) == 0, "%s", cmd);
}

static bool has(const struct buf *b, const char *s)
{
	return strstr(buf_str(b), s) != NULL;
}

/* fkaudit in test_dir; stdout and stderr into `out` and `err`. */
static int go(const char *const *args, struct buf *out, struct buf *err)
{
	return run_fkaudit(args, test_dir, NULL, NULL, out, err);
}

static bool file_is(const char *name, const char *content)
{
	char *p = path_in(name);
	struct buf b = BUF_INIT;
	bool same = read_file(p, &b) == 0 && strcmp(buf_str(&b), content) == 0;

	buf_release(&b);
	free(p);
	return same;
}

static bool exists(const char *name)
{
	char *p = path_in(name);
	struct stat st;
	bool yes = lstat(p, &st) == 0;

	free(p);
	return yes;
}

/* ---- 7: a report path that is an input, or another report ---- */

Test(robust_reports, output_onto_a_named_input_is_refused)
{
	struct buf out = BUF_INIT, err = BUF_INIT;

	cr_assert(put_test_file("001.sql", unsafe) == 0);
	cr_expect_eq(go(ARGS("check", "-o", "001.sql", "001.sql"), &out, &err),
		     2, "%s", buf_str(&err));
	cr_expect(file_is("001.sql", unsafe), "the migration is unchanged");
	cr_expect(has(&err, "--output '001.sql'") &&
			  has(&err, "nothing was audited or written"),
		  "%s", buf_str(&err));
	cr_expect_eq(out.len, 0, "no report: %s", buf_str(&out));
	buf_reset(&err);
	/* another spelling of the same file, through another option */
	sh("mkdir sub");
	cr_expect_eq(go(ARGS("check", "--json", "./sub/../001.sql", "001.sql"),
			NULL, &err),
		     2, "%s", buf_str(&err));
	cr_expect(file_is("001.sql", unsafe));
	cr_expect(has(&err, "--json './sub/../001.sql'"), "%s", buf_str(&err));
	buf_release(&out);
	buf_release(&err);
}

Test(robust_reports, report_onto_a_walked_file_is_refused)
{
	struct buf err = BUF_INIT;

	cr_assert(put_test_file("db/001.sql", "CREATE TABLE t (id int);\n") == 0);
	cr_assert(put_test_file("db/002.sql", unsafe) == 0);
	cr_assert(put_test_file("db/notes.txt", "not a migration\n") == 0);
	cr_expect_eq(go(ARGS("check", "--sarif", "db/002.sql", "db"), NULL,
			&err),
		     2, "%s", buf_str(&err));
	cr_expect(file_is("db/002.sql", unsafe));
	cr_expect(has(&err, "--sarif 'db/002.sql'"), "%s", buf_str(&err));
	/* a file the walk does not audit may be a report */
	cr_expect_eq(go(ARGS("check", "--json", "db/notes.txt", "db"), NULL,
			NULL),
		     1);
	cr_expect(!file_is("db/notes.txt", "not a migration\n"));
	buf_release(&err);
}

Test(robust_reports, report_onto_the_configuration_is_refused)
{
	static const char cfg[] = "{ \"exclude\": [\"legacy/**\"] }\n";
	struct buf err = BUF_INIT;

	cr_assert(put_test_file("c.json", cfg) == 0);
	cr_assert(put_test_file("001.sql", unsafe) == 0);
	cr_expect_eq(go(ARGS("check", "--config", "c.json", "--json", "c.json",
			     "001.sql"),
			NULL, &err),
		     2, "%s", buf_str(&err));
	cr_expect(file_is("c.json", cfg));
	buf_release(&err);
}

Test(robust_reports, two_reports_onto_one_file_are_refused)
{
	struct buf err = BUF_INIT;

	cr_assert(put_test_file("001.sql", unsafe) == 0);
	/* the file does not exist yet: compared by resolved path */
	cr_expect_eq(go(ARGS("check", "--sarif", "r.json", "--json",
			     "./r.json", "001.sql"),
			NULL, &err),
		     2, "%s", buf_str(&err));
	cr_expect(has(&err, "--sarif 'r.json' and --json './r.json' name the "
			    "same file"),
		  "%s", buf_str(&err));
	cr_expect(!exists("r.json"), "nothing written");
	/* it exists, and a link names it: compared by inode */
	cr_assert(put_test_file("r.json", "old\n") == 0);
	sh("ln -s r.json link.json && mkdir d");
	buf_reset(&err);
	cr_expect_eq(go(ARGS("check", "-o", "link.json", "--format", "json",
			     "--junit", "d/../r.json", "001.sql"),
			NULL, &err),
		     2, "%s", buf_str(&err));
	cr_expect(has(&err, "--output 'link.json' and --junit 'd/../r.json'"),
		  "%s", buf_str(&err));
	cr_expect(file_is("r.json", "old\n"));
	/* different files are fine, and so is /dev/null twice */
	cr_expect_eq(go(ARGS("check", "--sarif", "/dev/null", "--json",
			     "/dev/null", "--junit", "r.xml", "001.sql"),
			NULL, NULL),
		     1);
	buf_release(&err);
}

Test(robust_reports, history_and_diff_refuse_a_migration_of_the_work_tree)
{
	struct buf err = BUF_INIT;

	sh("git init -q -b main .");
	cr_assert(put_test_file("db/001.sql", unsafe) == 0);
	sh("git add db/001.sql && git commit -q -m one");
	cr_expect_eq(go(ARGS("history", "--json", "db/001.sql"), NULL, &err),
		     2, "%s", buf_str(&err));
	cr_expect(file_is("db/001.sql", unsafe));
	cr_expect(has(&err, "--json 'db/001.sql'"), "%s", buf_str(&err));
	buf_reset(&err);
	cr_expect_eq(go(ARGS("diff", "--worktree", "--sarif", "db/001.sql",
			     "main"),
			NULL, &err),
		     2, "%s", buf_str(&err));
	cr_expect(file_is("db/001.sql", unsafe));
	cr_expect_eq(go(ARGS("history", "--json", "history.json"), NULL, NULL),
		     1);
	cr_expect(exists("history.json"));
	buf_release(&err);
}
