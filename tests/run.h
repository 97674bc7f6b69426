#ifndef FKAUDIT_TEST_RUN_H
#define FKAUDIT_TEST_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/*
 * Runs the fkaudit binary (path from the FKAUDIT environment variable,
 * set by meson) with `args` (NULL-terminated, without argv[0]) in folder
 * `cwd` (NULL: the current one), feeding `input` (NULL: /dev/null) on
 * stdin. Captures stdout and stderr into `out` and `err`. `env` is an
 * optional NULL-terminated list of NAME=VALUE added to the environment.
 * Returns the exit status, or 128 + signal number when it was killed
 * (142, SIGALRM, after 300 seconds: a run that hangs).
 */
int run_fkaudit(const char *const *args, const char *cwd, const char *input,
		const char *const *env, struct buf *out, struct buf *err);

/*
 * "LSAN_OPTIONS=…:fast_unwind_on_malloc=0" into `buf`, for run_fkaudit()'s
 * `env`: libgit2 has no frame pointers, so only a full malloc stack holds
 * the libgit2 frames that tests/lsan.supp names for libgit2's own leaks
 * on broken repositories. Returns `buf`.
 */
char *test_lsan_full_stacks(char *buf, size_t size);

/*
 * Runs a shell command (printf format) in test_dir, its output discarded;
 * the test fails when it does not exit 0.
 */
void test_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The object id (40 hex) that `rev` names in repository test_dir/`repo`. */
void test_rev_parse(const char *repo, const char *rev, char out[41]);

/* test_dir/`name` (caller frees the string). */
char *test_path(const char *name);

/* Whether `b`'s text contains `s`. */
bool test_has(const struct buf *b, const char *s);

/* How many times `s` occurs in `b` (without overlaps). */
size_t test_count(const struct buf *b, const char *s);

/* Whether `b` is valid UTF-8 throughout. */
bool test_valid_utf8(const struct buf *b);

/* Reads a whole file into `out`; 0, or -1. */
int read_file(const char *path, struct buf *out);

/* Writes `len` bytes to `path`; 0, or -1. */
int write_file(const char *path, const void *data, size_t len);

/* A fresh temporary folder (caller frees the string). */
char *make_tmpdir(void);

/* rm -rf for a folder made by make_tmpdir(). */
void remove_tree(const char *path);

/*
 * A fresh temporary folder per test, for Criterion's .init and .fini:
 * test_dir_setup() makes it and sets test_dir; test_dir_teardown()
 * removes it. (Each test runs in its own process.)
 */
/*
 * Writes `text` to test_dir/`name`, making its folders; 0 or -1.
 */
int put_test_file(const char *name, const char *text);

/*
 * `fkaudit check --color=never .` in test_dir, which no repository
 * above it may claim; the exit status, the report in `out`.
 */
int check_test_dir(struct buf *out);

/* fkaudit `args` in test_dir, the same way; stdout into `out`. */
int run_test_dir(const char *const *args, struct buf *out);

extern char *test_dir;
void test_dir_setup(void);
/*
 * test_dir_setup(), and an environment in which git commands run in
 * test_dir see no user configuration and commit as Alice, and no
 * repository above test_dir.
 */
void test_git_setup(void);
void test_dir_teardown(void);

#endif
