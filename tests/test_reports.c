/*
 * Report files end to end: atomic writes, the GitHub step summary, and
 * SARIF's view of git (repository-relative URIs, provenance) in real
 * repositories built here.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run.h"

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

TestSuite(reports, .init = test_dir_setup, .fini = test_dir_teardown);

static const char unsafe[] =
	"ALTER TABLE messages ADD CONSTRAINT fk FOREIGN KEY (user_id) "
	"REFERENCES users (id);\n";

/* Runs a shell command in folder `where`. */
static void sh(const char *where, const char *cmd)
{
	char full[8192];

	snprintf(full, sizeof(full), "cd '%s' && %s", where, cmd);
	cr_assert(system(full) == 0, "%s", full);
}

Test(reports, files_replace_whole_and_keep_stdout_text)
{
	char *sarif = test_path("out.sarif"), *junit = test_path("out.xml");
	char *json = test_path("out.json");
	struct buf out = BUF_INIT, got = BUF_INIT;

	cr_assert(write_file(sarif, "old", 3) == 0);
	cr_expect_eq(run_fkaudit(ARGS("check", "--sarif", sarif, "--junit",
				      junit, "--json", json, "-"),
				 NULL, unsafe, NULL, &out, NULL),
		     1);
	cr_expect(test_has(&out, "error: [FK001"),
		  "the text report still goes to "
		  "stdout");
	cr_assert(read_file(sarif, &got) == 0);
	{
		struct stat sb;

		cr_assert(stat(sarif, &sb) == 0);
		cr_expect_eq(sb.st_mode & 0777, 0666 & ~(mode_t)022,
			     "mode %o: the umask, not mkstemp's 0600",
			     (unsigned)(sb.st_mode & 0777));
	}
	cr_expect(strncmp(buf_str(&got), "{", 1) == 0 &&
			  test_has(&got, "\"version\":\t\"2.1.0\""),
		  "replaced whole: %.80s", buf_str(&got));
	buf_reset(&got);
	cr_assert(read_file(junit, &got) == 0);
	cr_expect(test_has(&got, "<testsuites name=\"fkaudit\" tests=\"2\""));
	buf_reset(&got);
	cr_assert(read_file(json, &got) == 0);
	cr_expect(test_has(&got, "\"exit_code\":\t1"));
	buf_release(&out);
	buf_release(&got);
	free(sarif);
	free(junit);
	free(json);
}

Test(reports, unwritable_report_exit_3_no_leftovers)
{
	char *target = test_path("missing/out.sarif");
	char *blocked = test_path("isadir.sarif");
	struct buf err = BUF_INIT;
	char cmd[4200];

	cr_expect_eq(run_fkaudit(ARGS("check", "--sarif", target, "-"), NULL,
				 "SELECT 1;", NULL, NULL, &err),
		     3);
	cr_expect(test_has(&err, "cannot write '"), "%s", buf_str(&err));
	cr_assert(mkdir(blocked, 0755) == 0);
	buf_reset(&err);
	cr_expect_eq(run_fkaudit(ARGS("check", "--sarif", blocked, "-"), NULL,
				 "SELECT 1;", NULL, NULL, &err),
		     3, "rename onto a folder fails");
	snprintf(cmd, sizeof(cmd), "test -z \"$(ls '%s' | grep tmp-)\"",
		 test_dir);
	cr_expect(system(cmd) == 0, "no temporary file is left behind");
	buf_release(&err);
	free(target);
	free(blocked);
}

Test(reports, github_step_summary)
{
	char *summary = test_path("summary.md");
	char env[4200];
	struct buf out = BUF_INIT, md = BUF_INIT;

	snprintf(env, sizeof(env), "GITHUB_STEP_SUMMARY=%s", summary);
	cr_assert(write_file(summary, "earlier step\n", 13) == 0);
	cr_expect_eq(run_fkaudit(ARGS("check", "--format", "github",
				      "--stdin-path", "db/1,2:3.sql", "-"),
				 NULL, unsafe, ARGS(env), &out, NULL),
		     1);
	cr_expect(test_has(&out, "::error file=db/1%2C2%3A3.sql,line=1,col=26,"
				 "endLine=1,endColumn=83,title=FK001 "
				 "fk-validating-add::adding foreign key"),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "%0Ahelp: add it NOT VALID"));
	cr_assert(read_file(summary, &md) == 0);
	cr_expect(strncmp(buf_str(&md), "earlier step\n", 13) == 0,
		  "appended, not overwritten");
	cr_expect(test_has(&md, "### fkaudit: 1 error, 1 warning, 0 notes in 1 "
				"file"),
		  "%s", buf_str(&md));
	cr_expect(test_has(&md, "| error | FK001 fk-validating-add | "
				"`db/1,2:3.sql:1:26` |"));
	buf_release(&out);
	buf_release(&md);
	free(summary);
}

Test(reports, sarif_in_a_git_repository)
{
	struct buf out = BUF_INIT;
	char *sub = test_path("repo/db/migrations");
	char *file = test_path("repo/db/migrations/001 fk.sql");

	sh(test_dir,
	   "mkdir -p repo/db/migrations && cd repo && git init -q -b "
	   "trunk . && git remote add origin git@github.com:acme/shop.git");
	cr_assert(write_file(file, unsafe, strlen(unsafe)) == 0);
	sh(test_dir, "cd repo && git add -A && git -c user.name=t -c "
		     "user.email=t@t commit -qm m");
	cr_expect_eq(
		run_fkaudit(ARGS("check", "--format", "sarif", "001 fk.sql"),
			    sub, NULL, NULL, &out, NULL),
		1);
	cr_expect(test_has(&out, "\"uri\":\t\"db/migrations/001%20fk.sql\""),
		  "repository-relative from a subfolder");
	cr_expect(test_has(&out,
			   "\"repositoryUri\":\t\"https://github.com/acme/"
			   "shop\""),
		  "%s", buf_str(&out));
	cr_expect(test_has(&out, "\"branch\":\t\"trunk\""));
	cr_expect(test_has(&out, "\"revisionId\":\t\""));
	buf_reset(&out);
	cr_expect_eq(run_fkaudit(ARGS("check", "--format", "sarif",
				      "../migrations/./001 fk.sql"),
				 sub, NULL, NULL, &out, NULL),
		     1);
	cr_expect(test_has(&out, "\"uri\":\t\"db/migrations/001%20fk.sql\""),
		  "'.' and '..' resolved");
	buf_release(&out);
	free(sub);
	free(file);
}

Test(reports, clean_audit_reports)
{
	struct buf out = BUF_INIT;

	cr_expect_eq(run_fkaudit(ARGS("check", "--format", "junit", "-"), NULL,
				 "SELECT 1;\n", NULL, &out, NULL),
		     0);
	cr_expect(test_has(&out, "<testcase classname=\"&lt;stdin&gt;\" "
				 "name=\"fkaudit: all rules passed\""),
		  "%s", buf_str(&out));
	buf_reset(&out);
	cr_expect_eq(run_fkaudit(ARGS("check", "--format", "sarif", "-"), NULL,
				 "SELECT 1;\n", NULL, &out, NULL),
		     0);
	cr_expect(test_has(&out, "\"results\":\t[]"), "%s", buf_str(&out));
	buf_release(&out);
}

Test(reports, devices_pipes_and_links_are_written_through)
{
	char *fifo = test_path("pipe"), *got_path = test_path("from-pipe.json");
	char *target = test_path("target.json"), *link = test_path("link.json");
	struct buf got = BUF_INIT;
	struct stat sb;
	char cmd[8400];

	/* a pipe (as /dev/null is a device): written in place, kept */
	cr_assert(mkfifo(fifo, 0600) == 0);
	snprintf(cmd, sizeof(cmd), "cat '%s' > '%s' &", fifo, got_path);
	sh(test_dir, cmd);
	cr_expect_eq(run_fkaudit(ARGS("check", "--json", fifo, "-"), NULL,
				 unsafe, NULL, NULL, NULL),
		     1);
	sh(test_dir, "wait; sleep 0.2");
	cr_assert(lstat(fifo, &sb) == 0);
	cr_expect(S_ISFIFO(sb.st_mode), "the pipe is still a pipe");
	cr_assert(read_file(got_path, &got) == 0);
	cr_expect(test_has(&got, "\"exit_code\":\t1"), "%s", buf_str(&got));
	buf_reset(&got);
	/* a symbolic link: the file it names is replaced, the link stays */
	cr_assert(write_file(target, "old", 3) == 0);
	cr_assert(symlink("target.json", link) == 0);
	cr_expect_eq(run_fkaudit(ARGS("check", "--json", link, "-"), NULL,
				 unsafe, NULL, NULL, NULL),
		     1);
	cr_assert(lstat(link, &sb) == 0);
	cr_expect(S_ISLNK(sb.st_mode), "the link is still a link");
	cr_assert(read_file(target, &got) == 0);
	cr_expect(test_has(&got, "\"exit_code\":\t1"), "%s", buf_str(&got));
	buf_release(&got);
	free(fifo);
	free(got_path);
	free(target);
	free(link);
}
