/*
 * Git LFS pointers in check, and repositories whose revision cannot be
 * read (empty, a ref to a missing commit): each asserts the exit code,
 * the message, and that the other files were still audited.
 */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static const char unsafe_fk[] =
	"ALTER TABLE orders ADD CONSTRAINT orders_user_fk\n"
	"  FOREIGN KEY (user_id) REFERENCES users (id);\n";

TestSuite(robust_gitsmall, .init = test_git_setup,
	  .fini = test_dir_teardown);

static void put(const char *path, const char *content)
{
	cr_assert_eq(put_test_file(path, content), 0);
}

static bool has(const struct buf *b, const char *s)
{
	return strstr(buf_str(b), s) != NULL;
}

struct run {
	int code;
	struct buf out, err;
};

/* fkaudit `args` in test_dir/`cwd`. */
static struct run run_in(const char *cwd, const char *const *args)
{
	struct run r = { 0 };
	char dir[4200];

	snprintf(dir, sizeof(dir), "%s/%s", test_dir, cwd);
	r.code = run_fkaudit(args, dir, NULL, NULL, &r.out, &r.err);
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
	cr_expect(has(&r.out, "db/001.sql: error: Git LFS pointer: the "
			      "migration itself is stored in Git LFS, "
			      "outside the repository's objects; not "
			      "audited"),
		  "%s", buf_str(&r.out));
	cr_expect(!has(&r.out, "FK000"), "%s", buf_str(&r.out));
	cr_expect(has(&r.out, "db/002.sql:1:24: error: [FK001"), "%s",
		  buf_str(&r.out));
	done(&r);
}
