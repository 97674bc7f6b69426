#include "run.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utf8.h"

int read_file(const char *path, struct buf *out)
{
	char chunk[65536];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, n);
	fclose(f);
	return out->failed ? -1 : 0;
}

int write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (!f)
		return -1;
	ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok ? 0 : -1;
}

char *make_tmpdir(void)
{
	char tmpl[] = "/tmp/fkaudit-test-XXXXXX";
	char *d = mkdtemp(tmpl);

	return d ? strdup(d) : NULL;
}

void remove_tree(const char *path)
{
	char cmd[4200];

	if (!path || strncmp(path, "/tmp/fkaudit-test-", 18) != 0)
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", path);
}

char *test_dir;

void test_dir_setup(void)
{
	test_dir = make_tmpdir();
	if (!test_dir)
		abort();
}

void test_git_setup(void)
{
	static const char *const repo_vars[] = {
		"GIT_DIR",
		"GIT_WORK_TREE",
		"GIT_INDEX_FILE",
		"GIT_COMMON_DIR",
		"GIT_OBJECT_DIRECTORY",
		"GIT_ALTERNATE_OBJECT_DIRECTORIES",
		"GIT_NAMESPACE",
		"GIT_PREFIX",
	};
	size_t i;

	test_dir_setup();
	/*
	 * the git commands of a test work on its own repositories, never on
	 * the one a hook or `git rebase -x` names in the environment
	 */
	for (i = 0; i < sizeof(repo_vars) / sizeof(repo_vars[0]); i++)
		unsetenv(repo_vars[i]);
	/* no user or system git configuration may leak in */
	setenv("HOME", test_dir, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_AUTHOR_NAME", "Alice", 1);
	setenv("GIT_AUTHOR_EMAIL", "alice@example.org", 1);
	setenv("GIT_COMMITTER_NAME", "Alice", 1);
	setenv("GIT_COMMITTER_EMAIL", "alice@example.org", 1);
	setenv("GIT_CEILING_DIRECTORIES", test_dir, 1);
}

void test_dir_teardown(void)
{
	remove_tree(test_dir);
	free(test_dir);
	test_dir = NULL;
}

/* far above any run's time, sanitizers included */
#define RUN_TIMEOUT_SECONDS 300

static void child(const char *const *args, const char *cwd, int in_fd,
		  int out_fd, int err_fd, const char *const *env)
{
	const char *bin = getenv("FKAUDIT");
	const char *argv[64];
	size_t n = 0;

	umask(022);
	/* a run that hangs fails its test (exit 142) instead of stalling it */
	alarm(RUN_TIMEOUT_SECONDS);
	dup2(in_fd, 0);
	dup2(out_fd, 1);
	dup2(err_fd, 2);
	if (cwd && chdir(cwd) != 0)
		_exit(126);
	for (; env && *env; env++) {
		const char *eq = strchr(*env, '=');
		char name[64];

		if (!eq || (size_t)(eq - *env) >= sizeof(name))
			continue;
		memcpy(name, *env, (size_t)(eq - *env));
		name[eq - *env] = '\0';
		setenv(name, eq + 1, 1);
	}
	argv[n++] = "fkaudit";
	for (; *args && n < 63; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	execv(bin ? bin : "build/fkaudit", (char *const *)argv);
	_exit(127);
}

int run_fkaudit(const char *const *args, const char *cwd, const char *input,
		const char *const *env, struct buf *out, struct buf *err)
{
	char in_path[] = "/tmp/fkaudit-in-XXXXXX";
	char out_path[] = "/tmp/fkaudit-out-XXXXXX";
	char err_path[] = "/tmp/fkaudit-err-XXXXXX";
	int in_fd = mkstemp(in_path), out_fd = mkstemp(out_path);
	int err_fd = mkstemp(err_path), status = 0;
	pid_t pid;

	if (in_fd < 0 || out_fd < 0 || err_fd < 0)
		return -1;
	if (input && write(in_fd, input, strlen(input)) < 0)
		return -1;
	lseek(in_fd, 0, SEEK_SET);
	pid = fork();
	if (pid == 0)
		child(args, cwd, in_fd, out_fd, err_fd, env);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	close(in_fd);
	close(out_fd);
	close(err_fd);
	if (out)
		read_file(out_path, out);
	if (err)
		read_file(err_path, err);
	unlink(in_path);
	unlink(out_path);
	unlink(err_path);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

int put_test_file(const char *name, const char *text)
{
	char path[4096];
	char *slash;

	snprintf(path, sizeof(path), "%s/%s", test_dir, name);
	for (slash = strchr(path + strlen(test_dir) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0777) < 0 && errno != EEXIST)
			return -1;
		*slash = '/';
	}
	return write_file(path, text, strlen(text));
}

int run_test_dir(const char *const *args, struct buf *out)
{
	char env[4200];
	const char *envs[] = { env, NULL };

	snprintf(env, sizeof(env), "GIT_CEILING_DIRECTORIES=%s", test_dir);
	return run_fkaudit(args, test_dir, NULL, envs, out, NULL);
}

int check_test_dir(struct buf *out)
{
	static const char *const args[] = { "check", "--color=never", ".",
					    NULL };

	return run_test_dir(args, out);
}

void test_sh(const char *fmt, ...)
{
	char cmd[8192], full[8400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "cd '%s' && { %s ; } >/dev/null 2>&1",
		 test_dir, cmd);
	cr_assert_eq(system(full), 0, "failed: %s", cmd);
}

char *test_lsan_full_stacks(char *buf, size_t size)
{
	const char *old = getenv("LSAN_OPTIONS");

	snprintf(buf, size, "LSAN_OPTIONS=%s%sfast_unwind_on_malloc=0",
		 old ? old : "", old && *old ? ":" : "");
	return buf;
}

void test_rev_parse(const char *repo, const char *rev, char out[41])
{
	char path[4096];
	struct buf b = BUF_INIT;

	snprintf(path, sizeof(path), "%s/rev", test_dir);
	test_sh("cd '%s' && git rev-parse '%s' > '%s'", repo, rev, path);
	cr_assert_eq(read_file(path, &b), 0);
	cr_assert(b.len >= 40, "git rev-parse %s", rev);
	memcpy(out, b.ptr, 40);
	out[40] = '\0';
	buf_release(&b);
}

bool test_has(const struct buf *b, const char *s)
{
	return strstr(buf_str(b), s) != NULL;
}

size_t test_count(const struct buf *b, const char *s)
{
	const char *p = buf_str(b);
	size_t n = 0;

	while ((p = strstr(p, s))) {
		n++;
		p += strlen(s);
	}
	return n;
}

bool test_valid_utf8(const struct buf *b)
{
	size_t i = 0, n;

	while (i < b->len) {
		n = utf8_seq_len((const unsigned char *)b->ptr + i, b->len - i);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

char *test_path(const char *name)
{
	char *p = malloc(strlen(test_dir) + strlen(name) + 2);

	if (p)
		sprintf(p, "%s/%s", test_dir, name);
	return p;
}
