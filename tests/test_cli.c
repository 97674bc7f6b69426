/* End-to-end runs of the binary: options, exit codes, paths, messages. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run.h"

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

struct run {
	int code;
	struct buf out, err;
};

static struct run go(const char *const *args, const char *cwd,
		     const char *input, const char *const *env)
{
	struct run r = { 0, BUF_INIT, BUF_INIT };

	r.code = run_fkaudit(args, cwd, input, env, &r.out, &r.err);
	return r;
}

static void done(struct run *r)
{
	buf_release(&r->out);
	buf_release(&r->err);
}

static const char unsafe_fk[] =
	"ALTER TABLE messages ADD CONSTRAINT messages_user_fk\n"
	"  FOREIGN KEY (user_id) REFERENCES users (id);\n";

Test(cli, version_and_help)
{
	struct run r = go(ARGS("--version"), NULL, NULL, NULL);

	cr_expect_eq(r.code, 0);
	cr_expect(test_has(&r.out, "fkaudit 0.1.0"), "%s", buf_str(&r.out));
	done(&r);
	r = go(ARGS("--help"), NULL, NULL, NULL);
	cr_expect_eq(r.code, 0);
	cr_expect(test_has(&r.out, "check") && test_has(&r.out, "explain"));
	done(&r);
	r = go(ARGS("check", "--help"), NULL, NULL, NULL);
	cr_expect_eq(r.code, 0);
	cr_expect(test_has(&r.out, "--assume-transaction"));
	cr_expect(test_has(&r.out, "--fail-level"));
	done(&r);
}

Test(cli, usage_errors_exit_2)
{
	struct run r = go(ARGS("frobnicate"), NULL, NULL, NULL);

	cr_expect_eq(r.code, 2);
	cr_expect(test_has(&r.err, "unknown command 'frobnicate'"));
	done(&r);
	r = go(ARGS("check", "--no-such-option"), NULL, NULL, NULL);
	cr_expect_eq(r.code, 2);
	cr_expect(test_has(&r.err, "unknown option '--no-such-option'"), "%s",
		  buf_str(&r.err));
	done(&r);
	r = go(ARGS("check", "--fail-level", "loud", "-"), NULL, "", NULL);
	cr_expect_eq(r.code, 2);
	cr_expect(test_has(&r.err, "--fail-level"));
	done(&r);
	r = go(ARGS("check", "--fail-level"), NULL, "", NULL);
	cr_expect_eq(r.code, 2);
	cr_expect(test_has(&r.err, "needs a value"), "%s", buf_str(&r.err));
	done(&r);
	r = go(ARGS("explain", "FK999"), NULL, NULL, NULL);
	cr_expect_eq(r.code, 2);
	cr_expect(test_has(&r.err, "unknown rule 'FK999'"));
	done(&r);
}

Test(cli, stdin_named_by_stdin_path)
{
	struct run r = go(ARGS("check", "--stdin-path", "db/0001_fk.sql", "-"),
			  NULL, unsafe_fk, NULL);

	cr_expect_eq(r.code, 1);
	cr_expect(test_has(&r.out, "db/0001_fk.sql:1:26: error: [FK001 "
				   "fk-validating-add]"),
		  "%s", buf_str(&r.out));
	done(&r);
	r = go(ARGS("check", "-"), NULL, unsafe_fk, NULL);
	cr_expect(test_has(&r.out, "<stdin>:1:26: error:"), "%s",
		  buf_str(&r.out));
	done(&r);
}

/* GIT_CEILING_DIRECTORIES=<project root>: testdata is in no repository */
static const char *const *no_repo(void)
{
	static char env[4200];
	static const char *list[] = { env, NULL };
	char cwd[4096];

	cr_assert(getcwd(cwd, sizeof(cwd)) != NULL);
	snprintf(env, sizeof(env), "GIT_CEILING_DIRECTORIES=%s", cwd);
	return list;
}

Test(cli, paths_outside_a_repository_are_shown_as_given)
{
	struct run r =
		go(ARGS("check", "examples"), "testdata", NULL, no_repo());

	cr_expect_eq(r.code, 1);
	cr_expect(test_has(&r.out, "\nexamples/003_add_order_user_fk.sql:5:") ||
			  strncmp(buf_str(&r.out),
				  "examples/003_add_order_user_fk.sql:5:",
				  37) == 0,
		  "%s", buf_str(&r.out));
	cr_expect(!test_has(&r.out, "/work") && !test_has(&r.out, "testdata/"));
	done(&r);
	r = go(ARGS("check"), "testdata/examples", NULL, no_repo());
	cr_expect_eq(r.code, 1);
	cr_expect(strncmp(buf_str(&r.out),
			  "003_add_order_user_fk.sql:5:", 28) == 0,
		  "%s", buf_str(&r.out));
	cr_expect(test_has(&r.out, " in 6 files ("), "%s", buf_str(&r.out));
	done(&r);
	r = go(ARGS("check", "./examples/"), "testdata", NULL, no_repo());
	cr_expect(strncmp(buf_str(&r.out),
			  "./examples/003_add_order_user_fk.sql:5:", 39) == 0,
		  "%s", buf_str(&r.out));
	done(&r);
}

Test(cli, missing_path_exit_2_rest_audited)
{
	struct run r = go(ARGS("check", "nope.sql", "examples/006_index.sql"),
			  "testdata", NULL, no_repo());

	cr_expect_eq(r.code, 2);
	cr_expect(test_has(&r.out, "nope.sql: error: no such file or folder"),
		  "%s", buf_str(&r.out));
	cr_expect(
		test_has(&r.out, "examples/006_index.sql:4:1: error: [FK007"));
	cr_expect(test_has(&r.out, "1 file not audited"));
	done(&r);
}

Test(cli, fail_level)
{
	const char *warn_only =
		"ALTER TABLE m ADD CONSTRAINT fk FOREIGN KEY (u) REFERENCES "
		"users (id) NOT VALID;\n";
	struct run r = go(ARGS("check", "-"), NULL, warn_only, NULL);

	cr_expect_eq(r.code, 0, "a warning does not fail by default");
	cr_expect(test_has(&r.out, "warning: [FK004"));
	done(&r);
	r = go(ARGS("check", "--fail-level", "warning", "-"), NULL, warn_only,
	       NULL);
	cr_expect_eq(r.code, 1);
	done(&r);
	r = go(ARGS("check", "--fail-level=none", "-"), NULL, unsafe_fk, NULL);
	cr_expect_eq(r.code, 0);
	done(&r);
	r = go(ARGS("check", "--fail-level=note", "-"), NULL,
	       "-- fkaudit:ignore FK001 stale\nSELECT 1;\n", NULL);
	cr_expect_eq(r.code, 1);
	cr_expect(test_has(&r.out, "note: [FK014 unused-suppression]"));
	done(&r);
}

Test(cli, colour_only_when_asked_and_never_with_no_color)
{
	struct run r = go(ARGS("check", "-"), NULL, unsafe_fk, NULL);

	cr_expect(!test_has(&r.out, "\033["), "no colour when not a terminal");
	done(&r);
	r = go(ARGS("check", "--color=always", "-"), NULL, unsafe_fk, NULL);
	cr_expect(test_has(&r.out, "\033[1;31merror"));
	done(&r);
	r = go(ARGS("check", "--color=always", "-"), NULL, unsafe_fk,
	       ARGS("NO_COLOR=1"));
	cr_expect(!test_has(&r.out, "\033["));
	done(&r);
}

Test(cli, rules_and_explain)
{
	static const char *const ids[] = { "FK000", "FK001", "FK002", "FK003",
					   "FK004", "FK006", "FK007", "FK014" };
	struct run r = go(ARGS("rules"), NULL, NULL, NULL);
	size_t i;

	cr_expect_eq(r.code, 0);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		cr_expect(test_has(&r.out, ids[i]), "rules lists %s", ids[i]);
	cr_expect(test_has(&r.out, "fk-validating-add"));
	done(&r);
	r = go(ARGS("explain", "fk-validating-add"), NULL, NULL, NULL);
	cr_expect_eq(r.code, 0);
	cr_expect(test_has(&r.out, "FK001 fk-validating-add (default level: "
				   "error)"));
	cr_expect(test_has(&r.out, "SHARE ROW EXCLUSIVE"));
	cr_expect(test_has(&r.out, "Unsafe:\n    ALTER TABLE orders"));
	cr_expect(test_has(&r.out, "NOT VALID;"));
	done(&r);
}

Test(cli, facts_in_messages)
{
	const char *sql =
		"ALTER TABLE messages ADD CONSTRAINT fk FOREIGN KEY (user_id)"
		" REFERENCES users (id);\n"
		"ALTER TABLE messages ADD COLUMN team_id bigint DEFAULT 1 "
		"REFERENCES teams (id);\n";
	struct run r = go(ARGS("check", "-"), NULL, sql, NULL);

	cr_expect(test_has(&r.out, "SHARE ROW EXCLUSIVE on \"messages\" and on "
				   "\"users\""),
		  "%s", buf_str(&r.out));
	cr_expect(test_has(&r.out, "(reads are not blocked)"));
	cr_expect(test_has(&r.out, "[FK002 fk-on-new-column] adding column "
				   "\"team_id\" with REFERENCES \"teams\" to "
				   "existing table \"messages\" takes ACCESS "
				   "EXCLUSIVE on \"messages\""),
		  "%s", buf_str(&r.out));
	cr_expect(!test_has(&r.out, "ACCESS EXCLUSIVE on \"users\""));
	done(&r);
}

Test(cli, newer_syntax_audited_like_pg15)
{
	const char *sql =
		"CREATE TABLE accounts (id bigint, owner_id bigint,\n"
		"  CONSTRAINT accounts_id_nn NOT NULL id);\n"
		"ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fk\n"
		"  FOREIGN KEY (owner_id) REFERENCES users (id);\n"
		"ALTER TABLE orders ADD CONSTRAINT orders_account_fk\n"
		"  FOREIGN KEY (account_id) REFERENCES accounts (id);\n";
	struct run r =
		go(ARGS("check", "--fail-level=none", "-"), NULL, sql, NULL);

	cr_expect(
		test_has(&r.out, "<stdin>:2:29: warning: [FK000 parse-error]"),
		"%s", buf_str(&r.out));
	cr_expect(test_has(&r.out, "audited from its tokens only (CREATE TABLE "
				   "recognised)"));
	cr_expect(!test_has(&r.out, "error: [FK001 fk-validating-add] adding "
				    "foreign key \"accounts_owner_fk\""),
		  "accounts is new: no FK001");
	cr_expect(test_has(&r.out, "<stdin>:5:24: error: [FK001"), "%s",
		  buf_str(&r.out));
	done(&r);
}

/*
 * Report paths after -C DIR are DIR's, as git resolves paths; a report
 * that cannot be written there is exit 3, and the message names DIR, so
 * that the path can be found (the demo printed a command that failed so).
 */
Test(cli, report_paths_are_relative_to_the_dash_c_folder)
{
	struct run r;
	char dir[4200], want[4300], real[4200];

	test_dir_setup();
	snprintf(dir, sizeof(dir), "%s/repo", test_dir);
	cr_assert(mkdir(dir, 0755) == 0);
	cr_assert(put_test_file("repo/001.sql", unsafe_fk) == 0);
	r = go(ARGS("-C", "repo", "check", "--sarif", "out/r.sarif", "."),
	       test_dir, NULL, NULL);
	cr_expect_eq(r.code, 3, "%s", buf_str(&r.err));
	cr_assert(realpath(dir, real));
	snprintf(
		want, sizeof(want),
		"fkaudit: cannot write 'out/r.sarif' (relative to %s): ", real);
	cr_expect(test_has(&r.err, want), "%s", buf_str(&r.err));
	done(&r);
	r = go(ARGS("-C", "repo", "check", "--sarif", "../r.sarif", "."),
	       test_dir, NULL, NULL);
	cr_expect_eq(r.code, 1, "%s", buf_str(&r.err));
	snprintf(want, sizeof(want), "%s/r.sarif", test_dir);
	cr_expect(access(want, F_OK) == 0, "written next to repo/");
	done(&r);
	test_dir_teardown();
}
