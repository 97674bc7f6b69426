/*
 * Git LFS pointers in check, and repositories whose revision cannot be
 * read (empty, a ref to a missing commit): each asserts the exit code,
 * the message, and that the other files were still audited.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run.h"

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static const char unsafe_fk[] =
	"ALTER TABLE orders ADD CONSTRAINT orders_user_fk\n"
	"  FOREIGN KEY (user_id) REFERENCES users (id);\n";

TestSuite(robust_gitsmall, .init = test_git_setup, .fini = test_dir_teardown);

static void put(const char *path, const char *content)
{
	cr_assert_eq(put_test_file(path, content), 0);
}

struct run {
	int code;
	struct buf out, err;
};

/*
 * fkaudit `args` in test_dir/`cwd`, with full malloc stacks for
 * LeakSanitizer (test_lsan_full_stacks(): libgit2's leak at a missing
 * commit).
 */
static struct run run_in(const char *cwd, const char *const *args)
{
	struct run r = { 0 };
	char dir[4200], lsan[8192];
	const char *env[] = { test_lsan_full_stacks(lsan, sizeof(lsan)), NULL };

	snprintf(dir, sizeof(dir), "%s/%s", test_dir, cwd);
	r.code = run_fkaudit(args, dir, NULL, env, &r.out, &r.err);
	return r;
}

static void done(struct run *r)
{
	buf_release(&r->out);
	buf_release(&r->err);
}

/* Defect 11: check says what diff and history say of an LFS pointer. */
Test(robust_gitsmall, check_lfs_pointer_is_not_audited)
{
	struct run r;

	put("db/001.sql", "version https://git-lfs.github.com/spec/v1\n"
			  "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32"
			  "b1258daaa5e2ca24d17e2393\n"
			  "size 123\n");
	put("db/002.sql", unsafe_fk);
	r = run_in(".", ARGS("check", "--color=never", "db"));
	cr_expect_eq(r.code, 3, "exit %d: %s%s", r.code, buf_str(&r.out),
		     buf_str(&r.err));
	cr_expect(test_has(&r.out, "db/001.sql: error: Git LFS pointer: the "
				   "migration itself is stored in Git LFS, "
				   "outside the repository's objects; not "
				   "audited"),
		  "%s", buf_str(&r.out));
	cr_expect(!test_has(&r.out, "FK000"), "%s", buf_str(&r.out));
	cr_expect(test_has(&r.out, "db/002.sql:1:24: error: [FK001"), "%s",
		  buf_str(&r.out));
	done(&r);
}

/* Defect 14: an empty repository has no commits yet. */
Test(robust_gitsmall, history_of_an_empty_repository)
{
	struct run r;

	test_sh("git init -q r");
	r = run_in("r", ARGS("history", "--color=never"));
	cr_expect_eq(r.code, 3);
	cr_expect(test_has(&r.err, "fkaudit history: revision 'HEAD': the "
				   "repository has no commits yet"),
		  "%s", buf_str(&r.err));
	done(&r);
}

/* Defect 14: a branch whose commit object was deleted names the id. */
Test(robust_gitsmall, history_of_a_ref_to_a_missing_commit)
{
	char sha[64] = "", msg[256];
	struct buf id = BUF_INIT, path = BUF_INIT;
	struct run r;

	test_sh("git init -q r");
	put("r/db/001.sql", unsafe_fk);
	test_sh("cd r && git -c gc.auto=0 add -A && "
		"git -c gc.auto=0 commit -q -m one && "
		"git rev-parse HEAD > ../head");
	buf_addf(&path, "%s/head", test_dir);
	cr_assert_eq(read_file(buf_str(&path), &id), 0);
	memcpy(sha, buf_str(&id), 40);
	test_sh("rm r/.git/objects/%.2s/%s", sha, sha + 2);
	r = run_in("r", ARGS("history", "--color=never"));
	cr_expect_eq(r.code, 3);
	snprintf(msg, sizeof(msg),
		 "fkaudit history: revision 'HEAD': object %s it points to "
		 "is missing from the repository's objects",
		 sha);
	cr_expect(test_has(&r.err, msg), "%s", buf_str(&r.err));
	done(&r);
	buf_release(&id);
	buf_release(&path);
}

/* Defect 14: a branch of a repository that has commits, but none yet. */
Test(robust_gitsmall, history_of_a_branch_with_no_commits_yet)
{
	struct run r;

	test_sh("git init -q r");
	put("r/db/001.sql", unsafe_fk);
	test_sh("cd r && git add -A && git commit -q -m one && "
		"git checkout -q --orphan fresh");
	r = run_in("r", ARGS("history", "--color=never"));
	cr_expect_eq(r.code, 3);
	cr_expect(test_has(&r.err, "fkaudit history: revision 'HEAD': branch "
				   "'fresh' has no commits yet"),
		  "%s", buf_str(&r.err));
	done(&r);
}

/*
 * Defect 14: the commit is in a pack cut in half. Under `timeout`, in
 * case libgit2 loops on it (as it does on a truncated loose object).
 */
Test(robust_gitsmall, history_of_a_truncated_pack)
{
	struct buf err = BUF_INIT, code = BUF_INIT, path = BUF_INIT;

	test_sh("git init -q r");
	put("r/db/001.sql", unsafe_fk);
	test_sh("cd r && git add -A && git commit -q -m one && git repack -adq "
		"&& "
		"for p in .git/objects/pack/*.pack; do "
		"truncate -s $(($(stat -c %%s $p) / 2)) $p; done");
	test_sh("cd r && { LSAN_OPTIONS=${LSAN_OPTIONS:+$LSAN_OPTIONS:}"
		"fast_unwind_on_malloc=0 timeout 20 \"$FKAUDIT\" history "
		"--color=never "
		"2>../err >/dev/null; echo $? >../code; }");
	buf_addf(&path, "%s/code", test_dir);
	cr_assert_eq(read_file(buf_str(&path), &code), 0);
	if (strcmp(buf_str(&code), "124\n") == 0)
		cr_skip_test("fkaudit history did not end within 20 s on a "
			     "truncated pack (libgit2)");
	cr_expect_str_eq(buf_str(&code), "3\n");
	buf_reset(&path);
	buf_addf(&path, "%s/err", test_dir);
	cr_assert_eq(read_file(buf_str(&path), &err), 0);
	cr_expect(test_has(&err, "fkaudit history: revision 'HEAD': object "),
		  "%s", buf_str(&err));
	cr_expect(test_has(&err,
			   ".pack, which is corrupt (it does not match its "
			   "index: truncated?)"),
		  "%s", buf_str(&err));
	buf_release(&err);
	buf_release(&code);
	buf_release(&path);
}

/* Writes `n` bytes of "SELECT 1;\n" lines to test_dir/`path`. */
static void put_big(const char *path, size_t n)
{
	char name[4200], line[] = "SELECT 1;\n";
	FILE *f;
	size_t i;

	snprintf(name, sizeof(name), "%s/%s", test_dir, path);
	cr_assert(f = fopen(name, "w"));
	for (i = 0; i + sizeof(line) - 1 <= n; i += sizeof(line) - 1)
		fputs(line, f);
	cr_assert_eq(fclose(f), 0);
}

/*
 * Defect 18: a blob over --max-file-size is reported, naming its path,
 * and fails the run only when it is the version at REV.
 */
Test(robust_gitsmall, history_blob_over_max_file_size)
{
	struct run r;

	test_sh("git init -q r");
	put("r/db/002.sql", unsafe_fk);
	put("r/db/001.sql", "");
	put_big("r/db/001.sql", 3 << 20);
	test_sh("cd r && git add -A && git commit -q -m big && "
		"echo 'SELECT 1;' > db/001.sql && git commit -q -am small");
	r = run_in("r", ARGS("history", "--color=never", "--fail-level", "none",
			     "--max-file-size", "1M", "HEAD~1"));
	cr_expect_eq(r.code, 3, "%s%s", buf_str(&r.out), buf_str(&r.err));
	cr_expect(test_has(&r.out,
			   "db/001.sql: error: 3145720 bytes, over "
			   "--max-file-size (1048576 bytes); not audited"),
		  "%s", buf_str(&r.out));
	cr_expect(test_has(&r.out, "db/002.sql:1:24: error: [FK001"), "%s",
		  buf_str(&r.out));
	done(&r);
	r = run_in("r", ARGS("history", "--color=never", "--fail-level", "none",
			     "--max-file-size", "1M"));
	cr_expect_eq(r.code, 0, "%s%s", buf_str(&r.out), buf_str(&r.err));
	cr_expect(test_has(&r.out, "db/001.sql"), "%s", buf_str(&r.out));
	cr_expect(test_has(&r.out, "over --max-file-size"), "%s",
		  buf_str(&r.out));
	cr_expect(test_has(&r.out, "db/002.sql:1:24: error: [FK001"), "%s",
		  buf_str(&r.out));
	done(&r);
}

/* The peak RSS, in KiB, of `fkaudit args` in test_dir/`cwd`; its status. */
static long peak_rss(const char *cwd, const char *const *args, int *code)
{
	const char *argv[32] = { "fkaudit" };
	char dir[4200];
	struct rusage ru;
	size_t n = 1;
	int status;
	pid_t pid;

	snprintf(dir, sizeof(dir), "%s/%s", test_dir, cwd);
	for (; *args; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);

		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (chdir(dir) == 0)
			execv(getenv("FKAUDIT"), (char *const *)argv);
		_exit(127);
	}
	cr_assert_eq(wait4(pid, &status, 0, &ru), pid);
	*code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
	return ru.ru_maxrss;
}

/* Defect 18: such a blob is skipped from its header, not read. */
Test(robust_gitsmall, history_does_not_read_a_blob_over_the_limit)
{
	long kib;
	int code;

	test_sh("git init -q r");
	put("r/db/001.sql", "");
	put_big("r/db/001.sql", 96 << 20);
	test_sh("cd r && git -c core.bigFileThreshold=1g add -A && "
		"git commit -q -m big");
	kib = peak_rss("r", ARGS("history", "--max-file-size", "1M"), &code);
	cr_expect_eq(code, 3);
	cr_expect_lt(kib, 48 * 1024,
		     "peak RSS %ld KiB for a 96 MiB blob it skips", kib);
}
