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
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "run.h"
#include "utf8.h"

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

TestSuite(robust_reports, .init = test_git_setup, .fini = test_dir_teardown);

static const char unsafe[] =
	"ALTER TABLE messages ADD CONSTRAINT fk FOREIGN KEY (user_id) "
	"REFERENCES users (id);\n";

/* fkaudit in test_dir; stdout and stderr into `out` and `err`. */
static int go(const char *const *args, struct buf *out, struct buf *err)
{
	return run_fkaudit(args, test_dir, NULL, NULL, out, err);
}

static bool file_is(const char *name, const char *content)
{
	char *p = test_path(name);
	struct buf b = BUF_INIT;
	bool same = read_file(p, &b) == 0 && strcmp(buf_str(&b), content) == 0;

	buf_release(&b);
	free(p);
	return same;
}

static bool exists(const char *name)
{
	char *p = test_path(name);
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
	cr_expect(test_has(&err, "--output '001.sql'") &&
			  test_has(&err, "nothing was audited or written"),
		  "%s", buf_str(&err));
	cr_expect_eq(out.len, 0, "no report: %s", buf_str(&out));
	buf_reset(&err);
	/* another spelling of the same file, through another option */
	test_sh("mkdir sub");
	cr_expect_eq(go(ARGS("check", "--json", "./sub/../001.sql", "001.sql"),
			NULL, &err),
		     2, "%s", buf_str(&err));
	cr_expect(file_is("001.sql", unsafe));
	cr_expect(test_has(&err, "--json './sub/../001.sql'"), "%s",
		  buf_str(&err));
	buf_release(&out);
	buf_release(&err);
}

Test(robust_reports, report_onto_a_walked_file_is_refused)
{
	struct buf err = BUF_INIT;

	cr_assert(put_test_file("db/001.sql", "CREATE TABLE t (id int);\n") ==
		  0);
	cr_assert(put_test_file("db/002.sql", unsafe) == 0);
	cr_assert(put_test_file("db/notes.txt", "not a migration\n") == 0);
	cr_expect_eq(
		go(ARGS("check", "--sarif", "db/002.sql", "db"), NULL, &err), 2,
		"%s", buf_str(&err));
	cr_expect(file_is("db/002.sql", unsafe));
	cr_expect(test_has(&err, "--sarif 'db/002.sql'"), "%s", buf_str(&err));
	/* a file the walk does not audit may be a report */
	cr_expect_eq(
		go(ARGS("check", "--json", "db/notes.txt", "db"), NULL, NULL),
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
	cr_expect_eq(go(ARGS("check", "--sarif", "r.json", "--json", "./r.json",
			     "001.sql"),
			NULL, &err),
		     2, "%s", buf_str(&err));
	cr_expect(test_has(&err,
			   "--sarif 'r.json' and --json './r.json' name the "
			   "same file"),
		  "%s", buf_str(&err));
	cr_expect(!exists("r.json"), "nothing written");
	/* it exists, and a link names it: compared by inode */
	cr_assert(put_test_file("r.json", "old\n") == 0);
	test_sh("ln -s r.json link.json && mkdir d");
	buf_reset(&err);
	cr_expect_eq(go(ARGS("check", "-o", "link.json", "--format", "json",
			     "--junit", "d/../r.json", "001.sql"),
			NULL, &err),
		     2, "%s", buf_str(&err));
	cr_expect(test_has(&err,
			   "--output 'link.json' and --junit 'd/../r.json'"),
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

	test_sh("git init -q -b main .");
	cr_assert(put_test_file("db/001.sql", unsafe) == 0);
	test_sh("git add db/001.sql && git commit -q -m one");
	cr_expect_eq(go(ARGS("history", "--json", "db/001.sql"), NULL, &err), 2,
		     "%s", buf_str(&err));
	cr_expect(file_is("db/001.sql", unsafe));
	cr_expect(test_has(&err, "--json 'db/001.sql'"), "%s", buf_str(&err));
	buf_reset(&err);
	cr_expect_eq(
		go(ARGS("diff", "--worktree", "--sarif", "db/001.sql", "main"),
		   NULL, &err),
		2, "%s", buf_str(&err));
	cr_expect(file_is("db/001.sql", unsafe));
	cr_expect_eq(go(ARGS("history", "--json", "history.json"), NULL, NULL),
		     1);
	cr_expect(exists("history.json"));
	buf_release(&err);
}

/* ---- 8: standard output closed early (| head -1) ---- */

/*
 * Runs fkaudit in test_dir with standard output a pipe whose read end is
 * already closed, as `| head -1` leaves it, and SIGPIPE at its default
 * (a shell's): the exit status, or 128 + the signal. stderr into `err`.
 */
static int run_closed_stdout(const char *const *args, struct buf *err)
{
	const char *argv[32] = { "fkaudit" };
	char err_path[] = "/tmp/fkaudit-err-XXXXXX";
	int fds[2], err_fd = mkstemp(err_path), status = 0;
	size_t n = 1;
	pid_t pid;

	cr_assert(err_fd >= 0 && pipe(fds) == 0);
	close(fds[0]);
	for (; *args && n < 31; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	pid = fork();
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		dup2(fds[1], 1);
		dup2(err_fd, 2);
		if (chdir(test_dir) != 0)
			_exit(126);
		execv(getenv("FKAUDIT"), (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	close(err_fd);
	if (err)
		read_file(err_path, err);
	unlink(err_path);
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status)
				   : WEXITSTATUS(status);
}

/* A migration with `n` unsafe statements, and the table they alter. */
static void many_findings(const char *name, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_adds(&b, "");
	for (i = 0; i < n; i++)
		buf_addf(&b, "CREATE INDEX i_%zu ON orders (c);\n", i);
	cr_assert(put_test_file(name, buf_str(&b)) == 0);
	buf_release(&b);
}

static bool json_file_ok(const char *name)
{
	char *p = test_path(name);
	struct buf b = BUF_INIT;
	cJSON *root = NULL;

	if (read_file(p, &b) == 0)
		root = cJSON_Parse(buf_str(&b));
	free(p);
	buf_release(&b);
	cJSON_Delete(root);
	return root != NULL;
}

static bool xml_file_ok(const char *name)
{
	char *p = test_path(name);
	struct buf b = BUF_INIT;
	bool ok = read_file(p, &b) == 0 && b.len > 14 &&
		  strcmp(b.ptr + b.len - 14, "</testsuites>\n") == 0;

	free(p);
	buf_release(&b);
	return ok;
}

Test(robust_reports, closed_stdout_still_writes_every_report)
{
	struct buf err = BUF_INIT;

	test_sh("git init -q -b main .");
	many_findings("db/001.sql", 2000);
	test_sh("git add db && git commit -q -m one");
	cr_expect_eq(
		run_closed_stdout(ARGS("history", "--json", "r.json", "--sarif",
				       "r.sarif", "--junit", "r.xml"),
				  &err),
		1, "the run's own status: %s", buf_str(&err));
	cr_expect(json_file_ok("r.json") && json_file_ok("r.sarif") &&
		  xml_file_ok("r.xml"));
	cr_expect(!test_has(&err, "write error"), "%s", buf_str(&err));
	test_sh("rm -f r.json r.sarif r.xml");
	buf_reset(&err);
	cr_expect_eq(run_closed_stdout(ARGS("check", "--json", "r.json",
					    "--sarif", "r.sarif", "db"),
				       &err),
		     1, "%s", buf_str(&err));
	cr_expect(json_file_ok("r.json") && json_file_ok("r.sarif"));
	test_sh("rm -f r.json r.sarif");
	cr_expect_eq(run_closed_stdout(ARGS("check", "--format", "json",
					    "--junit", "r.xml", "db"),
				       NULL),
		     1);
	cr_expect(xml_file_ok("r.xml"));
	buf_release(&err);
}

/* ---- 9: a signal while the reports are written ---- */

static size_t count_tmp(void)
{
	DIR *d = opendir(test_dir);
	struct dirent *e;
	size_t n = 0;

	while (d && (e = readdir(d)))
		n += strstr(e->d_name, ".tmp-") != NULL;
	if (d)
		closedir(d);
	return n;
}

/*
 * Starts fkaudit on a migration with many findings, waits until a
 * temporary report file appears, sends `sig`, and returns the status.
 */
static int signal_during_write(int sig)
{
	const char *argv[] = { "fkaudit", "check",  "--sarif", "r.sarif",
			       "--json",  "r.json", "--junit", "r.xml",
			       "-o",	  "r.txt",  "big.sql", NULL };
	struct timespec pause = { 0, 200000 };
	int status = 0, i;
	pid_t pid = fork();

	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(null, 2);
		if (chdir(test_dir) != 0)
			_exit(126);
		execv(getenv("FKAUDIT"), (char *const *)argv);
		_exit(127);
	}
	for (i = 0; i < 300000 && count_tmp() == 0; i++)
		nanosleep(&pause, NULL);
	cr_assert(count_tmp() > 0, "no temporary report file seen");
	kill(pid, sig);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status)
				   : WEXITSTATUS(status);
}

Test(robust_reports, signal_during_a_report_write_leaves_no_temporary_file,
     .timeout = 300)
{
	many_findings("big.sql", 100000);
	cr_expect_eq(signal_during_write(SIGTERM), 128 + SIGTERM,
		     "the exit status is the signal's");
	cr_expect_eq(count_tmp(), 0, "no *.tmp-* left");
	cr_expect_eq(signal_during_write(SIGINT), 128 + SIGINT);
	cr_expect_eq(count_tmp(), 0, "no *.tmp-* left");
}

/* ---- a report into a full file system ---- */

/* A 64 KiB tmpfs at `dir`; 0, or -1 when it cannot be mounted. */
static int mount_tmpfs(const char *dir)
{
	char cmd[4200];

	snprintf(cmd, sizeof(cmd),
		 "mount -t tmpfs -o size=64k fkaudit-full '%s' 2>/dev/null",
		 dir);
	return system(cmd) == 0 ? 0 : -1;
}

Test(robust_reports, full_file_system_exit_3_other_reports_written)
{
	struct buf err = BUF_INIT;
	char *full = test_path("full");

	if (geteuid() != 0) {
		cr_skip_test("not root: no tmpfs can be mounted to fill up; "
			     "the full-file-system case is not tested");
	}
	cr_assert(mkdir(full, 0755) == 0);
	if (mount_tmpfs(full) != 0) {
		free(full);
		cr_skip_test("mount -t tmpfs failed: the full-file-system "
			     "case is not tested");
	}
	many_findings("big.sql", 2000);
	cr_expect_eq(go(ARGS("check", "--json", "full/r.json", "--sarif",
			     "r.sarif", "--junit", "full/r.xml", "big.sql"),
			NULL, &err),
		     3, "%s", buf_str(&err));
	cr_expect(test_has(&err,
			   "fkaudit: cannot write 'full/r.json' (relative to "),
		  "%s", buf_str(&err));
	cr_expect(test_has(&err, "): No space left on device"), "%s",
		  buf_str(&err));
	cr_expect(!exists("full/r.json"), "no partial report at the target");
	cr_expect(json_file_ok("r.sarif"), "the other reports are written");
	cr_expect(chdir(test_dir) == 0 &&
			  system("test -z \"$(ls full | grep tmp-)\"") == 0,
		  "no temporary file left");
	test_sh("umount full");
	buf_release(&err);
	free(full);
}

/* ---- 13: file names that are not valid UTF-8, or hold a newline ---- */

Test(robust_reports, odd_file_names_are_escaped_in_the_text_report)
{
	struct buf out = BUF_INIT, err = BUF_INIT;

	cr_assert(put_test_file("db/new\nline.sql", unsafe) == 0);
	cr_assert(put_test_file("db/bad\xff.sql", unsafe) == 0);
	cr_assert(put_test_file("db/back\\slash.sql", unsafe) == 0);
	{
		char *p = test_path("db/nul\tname.sql");

		cr_assert(write_file(p, "SELECT\0 1;", 10) == 0);
		free(p);
	}
	cr_expect_eq(go(ARGS("check", "--color=never", "db"), &out, &err), 3,
		     "%s", buf_str(&err));
	cr_expect(test_valid_utf8(&out), "%s", buf_str(&out));
	cr_expect(test_has(&out, "\ndb/new\\nline.sql:1:26: error: [FK001"),
		  "%s", buf_str(&out));
	cr_expect(
		test_has(&out, "\ndb/bad\xef\xbf\xbd.sql:1:26: error: [FK001"),
		"%s", buf_str(&out));
	cr_expect(test_has(&out, "db/back\\\\slash.sql:1:26: error:"), "%s",
		  buf_str(&out));
	cr_expect(test_has(&out, "db/nul\\tname.sql: error: "), "%s",
		  buf_str(&out));
	cr_expect(!test_has(&out, "new\nline"), "no raw newline in a name");
	buf_reset(&out);
	go(ARGS("detect", "db"), &out, NULL);
	cr_expect(test_valid_utf8(&out) &&
			  test_has(&out, "db/new\\nline.sql\n"),
		  "%s", buf_str(&out));
	/* a message on stderr that names a path */
	buf_reset(&err);
	cr_expect_eq(go(ARGS("check", "--json", "no\ndir/\xfe.json", "db"),
			NULL, &err),
		     3);
	cr_expect(test_valid_utf8(&err), "%s", buf_str(&err));
	cr_expect(test_has(&err, "cannot write 'no\\ndir/\xef\xbf\xbd.json'"),
		  "%s", buf_str(&err));
	buf_release(&out);
	buf_release(&err);
}

/* ---- 18: JSON and SARIF are streamed, not built whole ---- */

/* Peak RSS in KiB of fkaudit `args` run in test_dir (stdout discarded). */
static long peak_rss(const char *const *args)
{
	const char *argv[32] = { "fkaudit" };
	struct rusage ru;
	int status;
	size_t n = 1;
	pid_t pid;

	for (; *args && n < 31; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		const char *asan = getenv("ASAN_OPTIONS");
		char opts[4096];

		/* under ASan, freed memory is held back: count what is live */
		snprintf(opts, sizeof(opts), "%s%squarantine_size_mb=0",
			 asan ? asan : "", asan ? ":" : "");
		setenv("ASAN_OPTIONS", opts, 1);
		dup2(null, 1);
		dup2(null, 2);
		if (chdir(test_dir) != 0)
			_exit(126);
		execv(getenv("FKAUDIT"), (char *const *)argv);
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR)
		;
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	return ru.ru_maxrss;
}

Test(robust_reports, json_and_sarif_take_no_more_memory_than_text,
     .timeout = 300)
{
	long text, json, sarif;

	many_findings("many.sql", 50000);
	text = peak_rss(ARGS("check", "-o", "r.txt", "many.sql"));
	json = peak_rss(ARGS("check", "--json", "r.json", "-o", "/dev/null",
			     "many.sql"));
	sarif = peak_rss(ARGS("check", "--sarif", "r.sarif", "-o", "/dev/null",
			      "many.sql"));
	/* built whole, they took 4 times as much */
	cr_expect(json < text * 5 / 4, "JSON %ld KiB, text %ld KiB", json,
		  text);
	cr_expect(sarif < text * 5 / 4, "SARIF %ld KiB, text %ld KiB", sarif,
		  text);
	cr_expect(json_file_ok("r.json") && json_file_ok("r.sarif"));
}
