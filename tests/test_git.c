/*
 * fkaudit diff and fkaudit history on real repositories, built by the
 * git command line in a fresh folder per test.
 */
#include <cJSON.h>
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run.h"

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static const char unsafe_fk[] =
	"ALTER TABLE orders ADD CONSTRAINT orders_user_fk\n"
	"  FOREIGN KEY (user_id) REFERENCES users (id);\n";
static const char safe_fk[] =
	"SET lock_timeout = '2s';\n"
	"ALTER TABLE orders ADD CONSTRAINT orders_user_fk\n"
	"  FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n";

TestSuite(git, .init = test_git_setup, .fini = test_dir_teardown);

static void put(const char *repo, const char *path, const char *content)
{
	char full[4096], dir[4096], *slash;

	snprintf(full, sizeof(full), "%s/%s/%s", test_dir, repo, path);
	snprintf(dir, sizeof(dir), "%s", full);
	slash = strrchr(dir, '/');
	*slash = '\0';
	test_sh("mkdir -p '%s'", dir);
	cr_assert_eq(write_file(full, content, strlen(content)), 0);
}

/* Commits everything in `repo` as `author` on `date` (ISO 8601). */
static void commit(const char *repo, const char *author, const char *date,
		   const char *msg)
{
	setenv("GIT_AUTHOR_NAME", author, 1);
	setenv("GIT_AUTHOR_DATE", date, 1);
	setenv("GIT_COMMITTER_DATE", date, 1);
	test_sh("cd %s && git add -A && git commit -q --allow-empty -m '%s'",
		repo, msg);
}

static void new_repo(const char *repo)
{
	test_sh("git init -q -b main %s", repo);
}

struct run {
	int code;
	struct buf out, err;
	cJSON *json;
};

/* fkaudit in test_dir/<cwd>; the JSON report parsed when it is JSON. */
static struct run go(const char *cwd, const char *const *args)
{
	struct run r = { 0, BUF_INIT, BUF_INIT, NULL };
	char dir[4096];

	snprintf(dir, sizeof(dir), "%s/%s", test_dir, cwd);
	r.code = run_fkaudit(args, dir, NULL, NULL, &r.out, &r.err);
	if (r.out.len && r.out.ptr[0] == '{')
		r.json = cJSON_Parse(r.out.ptr);
	return r;
}

static void done(struct run *r)
{
	cJSON_Delete(r->json);
	buf_release(&r->out);
	buf_release(&r->err);
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : "";
}

/* The n-th finding of `rule` in `path` (NULL: any), or NULL. */
static const cJSON *finding(const struct run *r, const char *rule,
			    const char *path, int n)
{
	const cJSON *f;

	cr_assert(r->json, "not JSON: %s / %s", buf_str(&r->out),
		  buf_str(&r->err));
	cJSON_ArrayForEach (f, cJSON_GetObjectItem(r->json, "findings")) {
		if (strcmp(str(f, "rule"), rule) != 0)
			continue;
		if (path && strcmp(str(f, "path"), path) != 0)
			continue;
		if (n-- == 0)
			return f;
	}
	return NULL;
}

static int count(const struct run *r, const char *rule, const char *path)
{
	int n = 0;

	while (finding(r, rule, path, n))
		n++;
	return n;
}

/* main: 001 users; feature: 002 unsafe FK; main moves on with 003. */
static void diverged(void)
{
	new_repo("r");
	put("r", "db/001_users.sql", "CREATE TABLE users (id bigint);\n");
	commit("r", "Alice", "2024-01-01T10:00:00Z", "users");
	test_sh("cd r && git checkout -q -b feature");
	put("r", "db/002_orders_fk.sql", unsafe_fk);
	commit("r", "Bob", "2024-01-02T10:00:00Z", "orders fk");
	test_sh("cd r && git checkout -q main");
	put("r", "db/003_other.sql", "CREATE INDEX other_idx ON users (id);\n");
	commit("r", "Alice", "2024-01-03T10:00:00Z", "other");
	test_sh("cd r && git checkout -q feature");
}

Test(git, diff_against_the_merge_base_of_a_diverged_branch)
{
	struct run r;
	char base[41];

	diverged();
	test_rev_parse("r", "main~1", base);
	r = go("r", ARGS("diff", "--format", "json", "main"));
	cr_expect_eq(r.code, 1, "%s", buf_str(&r.err));
	cr_expect_eq(count(&r, "FK001", "db/002_orders_fk.sql"), 1);
	/* main's own later migration is not part of the branch */
	cr_expect_eq(count(&r, "FK006", NULL), 0);
	cr_expect(test_has(&r.err, "with main; merge base"), "%s",
		  buf_str(&r.err));
	cr_expect(strstr(buf_str(&r.err), base) ||
			  test_has(&r.err, (char[8]){ base[0], base[1], base[2],
						      base[3], base[4], base[5],
						      base[6], 0 }),
		  "%s", buf_str(&r.err));
	done(&r);
	/* no BASE: no upstream, no origin: main, and it says so */
	r = go("r", ARGS("diff"));
	cr_expect_eq(r.code, 1);
	cr_expect(test_has(&r.err, "with main (no upstream and no origin/HEAD"),
		  "%s", buf_str(&r.err));
	cr_expect(test_has(&r.out, "db/002_orders_fk.sql:1:"), "%s",
		  buf_str(&r.out));
	done(&r);
	/* --quiet: nothing on stderr */
	r = go("r", ARGS("diff", "--quiet", "main"));
	cr_expect_eq(r.err.len, 0, "%s", buf_str(&r.err));
	done(&r);
}

Test(git, diff_upstream_is_the_default_base)
{
	struct run r;

	diverged();
	test_sh("git clone -q r c && cd c && git checkout -q -b topic "
		"origin/main");
	put("c", "db/004.sql", unsafe_fk);
	commit("c", "Carol", "2024-02-01T10:00:00Z", "topic");
	r = go("c", ARGS("diff"));
	cr_expect(test_has(&r.err, "with origin/main (the upstream of topic)"),
		  "%s", buf_str(&r.err));
	cr_expect(test_has(&r.out, "db/004.sql:1:"), "%s", buf_str(&r.out));
	done(&r);
}

/*
 * After a push, the default base (the upstream) is HEAD itself:
 * nothing to compare, said with the usual fix (the check was silently
 * green); not with --worktree, which compares the work tree.
 */
Test(git, diff_of_head_with_itself_is_said)
{
	struct run r;

	diverged();
	test_sh("git clone -q r c");
	r = go("c", ARGS("diff"));
	cr_expect_eq(r.code, 0, "%s", buf_str(&r.err));
	cr_expect(test_has(&r.err, "fkaudit diff: warning: the merge base of "
				   "HEAD and origin/feature is HEAD itself"),
		  "%s", buf_str(&r.err));
	cr_expect(test_has(&r.err, "fkaudit diff ${{ github.event.before }}"),
		  "%s", buf_str(&r.err));
	done(&r);
	r = go("c", ARGS("diff", "--worktree", "-q"));
	cr_expect(!test_has(&r.err, "warning"), "%s", buf_str(&r.err));
	done(&r);
}

Test(git, diff_follows_renames_and_flags_edited_migrations)
{
	struct run r;
	const cJSON *f;

	new_repo("r");
	put("r", "db/001_users.sql",
	    "CREATE TABLE users (id bigint);\n"
	    "CREATE TABLE orders (id bigint, user_id bigint);\n");
	put("r", "db/002_fk.sql", unsafe_fk);
	commit("r", "Alice", "2024-01-01T10:00:00Z", "init");
	test_sh("cd r && git checkout -q -b feature");
	/* renamed as it was: FK012, it will run again under a new name */
	test_sh("cd r && git mv db/002_fk.sql db/002_orders_fk.sql");
	/* edited: FK012 on the first changed line */
	put("r", "db/001_users.sql",
	    "CREATE TABLE users (id bigint);\n"
	    "CREATE TABLE orders (id bigint, user_id bigint, x int);\n");
	commit("r", "Bob", "2024-01-02T10:00:00Z", "edit");
	r = go("r", ARGS("diff", "--format", "json", "main"));
	cr_expect_eq(count(&r, "FK012", NULL), 2, "%s", buf_str(&r.out));
	f = finding(&r, "FK012", "db/001_users.sql", 0);
	cr_assert(f);
	cr_expect_eq(
		cJSON_GetObjectItem(cJSON_GetObjectItem(f, "start"), "line")
			->valueint,
		2);
	cr_expect(strstr(str(f, "message"), "already existed at the merge "
					    "base"));
	f = finding(&r, "FK012", "db/002_orders_fk.sql", 0);
	cr_assert(f, "%s", buf_str(&r.out));
	cr_expect(strstr(str(f, "message"), "renamed from db/002_fk.sql"), "%s",
		  str(f, "message"));
	/* the renamed file is the same text: its FK001 is still reported */
	cr_expect_eq(count(&r, "FK001", "db/002_orders_fk.sql"), 1);
	done(&r);
	/* --changed-lines: the renamed file has no changed line */
	r = go("r",
	       ARGS("diff", "--format", "json", "--changed-lines", "main"));
	cr_expect_eq(count(&r, "FK001", NULL), 0, "%s", buf_str(&r.out));
	cr_expect_eq(count(&r, "FK012", NULL), 2);
	done(&r);
}

Test(git, diff_changed_lines_keeps_only_touched_statements)
{
	struct run r;

	new_repo("r");
	put("r", "db/001.sql", unsafe_fk);
	commit("r", "Alice", "2024-01-01T10:00:00Z", "init");
	test_sh("cd r && git checkout -q -b feature");
	put("r", "db/001.sql",
	    "ALTER TABLE orders ADD CONSTRAINT orders_user_fk\n"
	    "  FOREIGN KEY (user_id) REFERENCES users (id);\n"
	    "CREATE INDEX orders_user_idx ON orders (user_id);\n");
	commit("r", "Bob", "2024-01-02T10:00:00Z", "index");
	r = go("r",
	       ARGS("diff", "--format", "json", "--changed-lines", "main"));
	cr_expect_eq(count(&r, "FK006", NULL), 1, "%s", buf_str(&r.out));
	cr_expect_eq(count(&r, "FK001", NULL), 0);
	cr_expect_eq(count(&r, "FK012", NULL), 1);
	done(&r);
	r = go("r", ARGS("diff", "--format", "json", "main"));
	cr_expect_eq(count(&r, "FK001", NULL), 1);
	done(&r);
}

Test(git, diff_new_tables_are_new_across_the_changes_files)
{
	struct run r;

	new_repo("r");
	put("r", "db/001.sql", "CREATE TABLE users (id bigint);\n");
	commit("r", "Alice", "2024-01-01T10:00:00Z", "init");
	test_sh("cd r && git checkout -q -b feature");
	put("r", "db/002_items.sql",
	    "CREATE TABLE items (id bigint, user_id bigint);\n");
	put("r", "db/003_items_fk.sql",
	    "ALTER TABLE items ADD CONSTRAINT items_user_fk\n"
	    "  FOREIGN KEY (user_id) REFERENCES users (id);\n"
	    "CREATE INDEX items_user_idx ON items (user_id);\n"
	    "ALTER TABLE items ADD COLUMN owner bigint REFERENCES users;\n");
	put("r", "db/004_users_fk.sql",
	    "ALTER TABLE users ADD CONSTRAINT users_item_fk\n"
	    "  FOREIGN KEY (id) REFERENCES items (id);\n");
	commit("r", "Bob", "2024-01-02T10:00:00Z", "items");
	r = go("r", ARGS("diff", "--format", "json", "main"));
	/* items is created by 002: 003's FK, index and column are safe */
	cr_expect_eq(count(&r, "FK001", "db/003_items_fk.sql"), 0, "%s",
		     buf_str(&r.out));
	cr_expect_eq(count(&r, "FK002", "db/003_items_fk.sql"), 0);
	cr_expect_eq(count(&r, "FK006", "db/003_items_fk.sql"), 0);
	/* users existed at the base */
	cr_expect_eq(count(&r, "FK001", "db/004_users_fk.sql"), 1);
	done(&r);
}

Test(git, diff_worktree_and_errors)
{
	struct run r;

	diverged();
	put("r", "db/005_wip.sql", unsafe_fk);
	r = go("r", ARGS("diff", "--format", "json", "--worktree", "main"));
	cr_expect_eq(count(&r, "FK001", "db/005_wip.sql"), 1, "%s",
		     buf_str(&r.out));
	cr_expect_eq(count(&r, "FK001", "db/002_orders_fk.sql"), 1);
	done(&r);
	r = go("r", ARGS("diff", "no-such-branch"));
	cr_expect_eq(r.code, 3);
	cr_expect(test_has(&r.err, "unknown revision 'no-such-branch'"), "%s",
		  buf_str(&r.err));
	done(&r);
	test_sh("mkdir plain");
	r = go("plain", ARGS("diff"));
	cr_expect_eq(r.code, 3);
	cr_expect(test_has(&r.err, "not a git repository"), "%s",
		  buf_str(&r.err));
	done(&r);
	r = go("plain", ARGS("history"));
	cr_expect_eq(r.code, 3);
	cr_expect(test_has(&r.err, "not a git repository"), "%s",
		  buf_str(&r.err));
	done(&r);
}

/*
 * actions/checkout without fetch-depth: one commit of one branch; the
 * base branch is unknown, and the message says what to fetch.
 */
Test(git, diff_of_a_base_the_shallow_clone_does_not_have)
{
	struct run r;

	diverged();
	test_sh("git clone -q --depth 1 --single-branch --branch feature "
		"file://$PWD/r s");
	r = go("s", ARGS("diff", "origin/main"));
	cr_expect_eq(r.code, 3, "%s", buf_str(&r.err));
	cr_expect(test_has(&r.err, "unknown revision 'origin/main'"), "%s",
		  buf_str(&r.err));
	cr_expect(test_has(&r.err, "in this shallow clone; fetch it first "
				   "('git fetch origin "
				   "main:refs/remotes/origin/main'"),
		  "%s", buf_str(&r.err));
	cr_expect(test_has(&r.err, "'fetch-depth: 0'"), "%s", buf_str(&r.err));
	done(&r);
	/* a commit (github.event.before) older than the clone */
	r = go("s", ARGS("diff", "0123456789abcdef0123456789abcdef01234567"));
	cr_expect_eq(r.code, 3, "%s", buf_str(&r.err));
	cr_expect(test_has(&r.err, "'git fetch --unshallow'"), "%s",
		  buf_str(&r.err));
	done(&r);
}

Test(git, diff_in_a_shallow_clone_without_the_merge_base)
{
	struct run r;

	diverged();
	test_sh("git clone -q --depth 1 --branch feature file://$PWD/r s");
	test_sh("cd s && git fetch -q --depth 1 origin main:main");
	r = go("s", ARGS("diff", "main"));
	cr_expect_eq(r.code, 3, "%s", buf_str(&r.err));
	cr_expect(test_has(&r.err, "shallow clone"), "%s", buf_str(&r.err));
	cr_expect(test_has(&r.err, "git fetch --deepen"), "%s",
		  buf_str(&r.err));
	cr_expect(test_has(&r.err, "--unshallow"));
	cr_expect_eq(r.out.len, 0);
	done(&r);
	/* history needs the whole history to attribute findings */
	r = go("s", ARGS("history"));
	cr_expect_eq(r.code, 3);
	cr_expect(test_has(&r.err, "shallow clone") &&
			  test_has(&r.err, "git fetch --unshallow"),
		  "%s", buf_str(&r.err));
	done(&r);
	/* deep enough: the merge base is there, and the diff works */
	test_sh("cd s && git fetch -q --deepen=5 origin feature main");
	r = go("s", ARGS("diff", "--format", "json", "main"));
	cr_expect_eq(r.code, 1, "%s", buf_str(&r.err));
	cr_expect_eq(count(&r, "FK001", "db/002_orders_fk.sql"), 1);
	done(&r);
}

/*
 * 1 Alice adds an unsafe FK; 2 Bob adds an index; 3 Carol fixes the FK
 * (an edit: FK012); 4 Dave deletes the index migration.
 */
static void story(void)
{
	new_repo("r");
	put("r", "db/001_fk.sql", unsafe_fk);
	commit("r", "Alice", "2023-05-01T10:00:00Z", "orders fk");
	put("r", "db/002_idx.sql", "CREATE INDEX a_idx ON users (id);\n");
	commit("r", "Bob", "2024-02-01T10:00:00Z", "users index");
	put("r", "db/001_fk.sql", safe_fk);
	commit("r", "Carol", "2024-03-01T10:00:00Z", "fix the fk");
	test_sh("cd r && git rm -q db/002_idx.sql");
	commit("r", "Dave", "2024-04-01T10:00:00Z", "drop the index file");
	put("r", "docs/readme.txt", "not a migration\n");
	commit("r", "Erin", "2024-05-01T10:00:00Z", "docs");
}

Test(git, history_attributes_findings_and_follows_their_fate)
{
	struct run r;
	const cJSON *f, *intro, *res;
	char c1[41], c2[41], c3[41], c4[41];

	story();
	test_rev_parse("r", "HEAD~4", c1);
	test_rev_parse("r", "HEAD~3", c2);
	test_rev_parse("r", "HEAD~2", c3);
	test_rev_parse("r", "HEAD~1", c4);
	r = go("r", ARGS("history", "--format", "json"));
	cr_expect_eq(r.code, 0, "only a warning is present: %s",
		     buf_str(&r.out));
	f = finding(&r, "FK001", "db/001_fk.sql", 0);
	cr_assert(f, "%s", buf_str(&r.out));
	intro = cJSON_GetObjectItem(f, "introduced");
	res = cJSON_GetObjectItem(f, "resolved");
	cr_expect_str_eq(str(intro, "sha"), c1);
	cr_expect_str_eq(str(intro, "author"), "Alice");
	cr_expect_str_eq(str(intro, "subject"), "orders fk");
	cr_expect_str_eq(str(intro, "date"), "2023-05-01T10:00:00+00:00");
	cr_expect_str_eq(str(f, "state"), "fixed");
	cr_expect_str_eq(str(res, "sha"), c3);
	cr_expect_str_eq(str(res, "author"), "Carol");
	/* the edit of a committed migration */
	f = finding(&r, "FK012", "db/001_fk.sql", 0);
	cr_assert(f);
	cr_expect_str_eq(str(f, "state"), "present");
	cr_expect_str_eq(str(cJSON_GetObjectItem(f, "introduced"), "sha"), c3);
	/* the deleted file */
	f = finding(&r, "FK006", "db/002_idx.sql", 0);
	cr_assert(f);
	cr_expect_str_eq(str(f, "state"), "deleted");
	cr_expect_str_eq(str(cJSON_GetObjectItem(f, "introduced"), "author"),
			 "Bob");
	cr_expect_str_eq(str(cJSON_GetObjectItem(f, "resolved"), "sha"), c4);
	cr_expect_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(r.json, "history"),
					 "commits")
			     ->valueint,
		     5);
	done(&r);
	/* the text report: commits, the ended list, the summary */
	r = go("r", ARGS("history", "--color=never"));
	cr_expect(test_has(&r.out, "introduced in "), "%s", buf_str(&r.out));
	cr_expect(test_has(&r.out, "(2023-05-01, Alice): orders fk; fixed by "),
		  "%s", buf_str(&r.out));
	cr_expect(test_has(&r.out, "file deleted by "));
	cr_expect(test_has(&r.out, "audit summary: 5 commits walked"));
	cr_expect(test_has(&r.out, "  2023              "), "%s",
		  buf_str(&r.out));
	cr_expect(r.err.len == 0, "no progress when not a terminal: %s",
		  buf_str(&r.err));
	done(&r);
}

Test(git, history_sarif_leaves_out_what_github_cannot_place)
{
	struct run r;
	char path[4096];
	struct buf b = BUF_INIT;
	cJSON *sarif, *results, *x;

	story();
	snprintf(path, sizeof(path), "%s/h.sarif", test_dir);
	r = go("r", ARGS("history", "--sarif", path, "--junit", "../h.xml"));
	done(&r);
	cr_assert_eq(read_file(path, &b), 0);
	sarif = cJSON_Parse(buf_str(&b));
	cr_assert(sarif);
	results = cJSON_GetObjectItem(
		cJSON_GetArrayItem(cJSON_GetObjectItem(sarif, "runs"), 0),
		"results");
	/*
	 * present: FK012, and FK009 (the fix adds the key NOT VALID and no
	 * migration validates it); fixed and deleted are left out
	 */
	cr_expect_eq(cJSON_GetArraySize(results), 2, "%s", buf_str(&b));
	x = cJSON_GetArrayItem(results, 0);
	if (strcmp(str(x, "ruleId"), "FK012") != 0)
		x = cJSON_GetArrayItem(results, 1);
	cr_expect_str_eq(str(x, "ruleId"), "FK012");
	cr_expect(strstr(str(cJSON_GetObjectItem(x, "message"), "text"),
			 "Introduced in commit "));
	cr_expect(strlen(str(cJSON_GetObjectItem(x, "properties"),
			     "fkaudit/introducedInCommit")) == 40);
	cJSON_Delete(sarif);
	buf_reset(&b);
	/* JUnit keeps the deleted file's finding, in a history suite */
	snprintf(path, sizeof(path), "%s/h.xml", test_dir);
	cr_assert_eq(read_file(path, &b), 0);
	cr_expect(test_has(&b, "<testsuite name=\"history: db/002_idx.sql\""),
		  "%s", buf_str(&b));
	cr_expect(test_has(&b, "<property name=\"deleted_by\""));
	buf_release(&b);
	/* --sarif-fixed: fixed findings too, as passes */
	snprintf(path, sizeof(path), "%s/f.sarif", test_dir);
	r = go("r", ARGS("history", "--sarif-fixed", "--sarif", path));
	done(&r);
	cr_assert_eq(read_file(path, &b), 0);
	cr_expect(test_has(&b, "\"kind\":\t\"pass\""), "%s", buf_str(&b));
	cr_expect(test_has(&b, "fkaudit/fixedInCommit"));
	cr_expect(!test_has(&b, "db/002_idx.sql"));
	buf_release(&b);
}

Test(git, history_audits_each_file_version_once)
{
	struct run r;
	const cJSON *h;

	new_repo("r");
	put("r", "db/001.sql", unsafe_fk);
	commit("r", "Alice", "2024-01-01T10:00:00Z", "a");
	put("r", "db/001.sql", safe_fk);
	commit("r", "Alice", "2024-01-02T10:00:00Z", "b");
	put("r", "db/001.sql", unsafe_fk); /* back to the first version */
	commit("r", "Alice", "2024-01-03T10:00:00Z", "c");
	/*
	 * the same blob elsewhere, read alike (plain SQL there too), is not
	 * audited again; read otherwise it would be (another database's
	 * folder: see other_databases_are_left_out_…)
	 */
	put("r", "db/copy.sql", unsafe_fk);
	commit("r", "Alice", "2024-01-04T10:00:00Z", "d");
	r = go("r", ARGS("history", "--format", "json"));
	h = cJSON_GetObjectItem(r.json, "history");
	cr_assert(h, "%s", buf_str(&r.out));
	cr_expect_eq(cJSON_GetObjectItem(h, "file_versions")->valueint, 2);
	cr_expect_eq(cJSON_GetObjectItem(h, "commits")->valueint, 4);
	done(&r);
}

/*
 * "migrations" and "exclude" decide in diff and history which files
 * exist for the audit: the other folders' files are never read (so not
 * counted as versions audited), listed or reported.
 */
static void several_databases(void)
{
	new_repo("r");
	put("r", ".fkaudit.json",
	    "{\"migrations\": [\"db/pg\"], \"exclude\": [\"db/pg/legacy\"]}\n");
	put("r", "db/pg/001_a.sql", "CREATE TABLE a (id int PRIMARY KEY);\n");
	put("r", "db/mysql/001_a.sql",
	    "CREATE TABLE `m` (id int AUTO_INCREMENT) ENGINE=InnoDB;\n");
	put("r", "db/pg/legacy/002.sql", "CREATE INDEX i ON a (id);\n");
	commit("r", "Alice", "2024-01-01T10:00:00Z", "one");
	test_sh("cd r && git checkout -q -b feature");
	put("r", "db/pg/003.sql", "CREATE INDEX j ON a (id);\n");
	put("r", "db/mysql/002.sql", "CREATE INDEX `x` ON m (id);\n");
	put("r", "db/pg/legacy/004.sql", "CREATE INDEX k ON a (id);\n");
	commit("r", "Bob", "2024-01-02T10:00:00Z", "two");
}

static void expect_only_pg(const struct run *r, int nfiles)
{
	const cJSON *f;
	int n = 0;

	cr_assert(r->json, "%s / %s", buf_str(&r->out), buf_str(&r->err));
	cJSON_ArrayForEach (f, cJSON_GetObjectItem(r->json, "files")) {
		cr_expect(strncmp(str(f, "path"), "db/pg/", 6) == 0 &&
				  strncmp(str(f, "path"), "db/pg/legacy/", 13),
			  "%s", str(f, "path"));
		n++;
	}
	cr_expect_eq(n, nfiles, "%s", buf_str(&r->out));
	cr_expect_eq(count(r, "FK000", NULL), 0, "%s", buf_str(&r->out));
	cr_expect_eq(count(r, "FK006", NULL), 1, "%s", buf_str(&r->out));
	cr_expect_eq(count(r, "FK006", "db/pg/003.sql"), 1, "%s",
		     buf_str(&r->out));
}

Test(git, configured_folders_decide_in_diff_and_history)
{
	struct run r;
	const cJSON *h;

	several_databases();
	r = go("r", ARGS("history", "--format", "json"));
	cr_expect_eq(r.code, 1, "%s", buf_str(&r.err));
	expect_only_pg(&r, 2);
	h = cJSON_GetObjectItem(r.json, "history");
	cr_assert(h, "%s", buf_str(&r.out));
	cr_expect_eq(cJSON_GetObjectItem(h, "file_versions")->valueint, 2, "%s",
		     buf_str(&r.out));
	done(&r);
	r = go("r", ARGS("diff", "--format", "json", "main"));
	cr_expect_eq(r.code, 1, "%s", buf_str(&r.err));
	expect_only_pg(&r, 1);
	done(&r);
}

/*
 * Without a configuration, another database's files are left out by
 * their folder or their SQL, in diff and history as in check: no FK000
 * and no finding of theirs.
 */
Test(git, other_databases_are_left_out_in_diff_and_history)
{
	struct run r;
	const cJSON *sum;

	new_repo("r");
	put("r", "db/postgres/001_a.sql",
	    "CREATE TABLE a (id int PRIMARY KEY);\n");
	put("r", "db/mysql/001_a.sql",
	    "CREATE TABLE `a` (id int AUTO_INCREMENT) ENGINE=InnoDB;\n");
	commit("r", "Alice", "2024-01-01T10:00:00Z", "one");
	test_sh("cd r && git checkout -q -b feature");
	put("r", "db/postgres/002_i.sql", "CREATE INDEX i ON a (id);\n");
	put("r", "db/mysql/002_i.sql", "CREATE INDEX i ON a (id);\n");
	put("r", "dump.sql", "CREATE TABLE `t` (id int) ENGINE=InnoDB;\n");
	commit("r", "Bob", "2024-01-02T10:00:00Z", "two");
	r = go("r", ARGS("history", "--format", "json"));
	cr_expect_eq(r.code, 1, "%s", buf_str(&r.err));
	cr_expect_eq(count(&r, "FK000", NULL), 0, "%s", buf_str(&r.out));
	cr_expect_eq(count(&r, "FK006", NULL), 1, "%s", buf_str(&r.out));
	cr_expect_eq(count(&r, "FK006", "db/postgres/002_i.sql"), 1, "%s",
		     buf_str(&r.out));
	done(&r);
	r = go("r", ARGS("diff", "--format", "json", "main"));
	cr_expect_eq(r.code, 1, "%s", buf_str(&r.err));
	cr_expect_eq(count(&r, "FK000", NULL), 0, "%s", buf_str(&r.out));
	cr_expect_eq(count(&r, "FK006", NULL), 1, "%s", buf_str(&r.out));
	sum = cJSON_GetObjectItem(r.json, "summary");
	cr_expect_eq(
		cJSON_GetObjectItem(sum, "files_other_databases")->valueint, 2,
		"%s", buf_str(&r.out));
	done(&r);
	r = go("r", ARGS("diff", "main"));
	cr_expect(test_has(&r.out, "; 2 files of other databases left out "
				   "(fkaudit detect says why)\n"),
		  "%s", buf_str(&r.out));
	done(&r);
}

/*
 * A migration moved into another database's folder is no migration any
 * more: its findings end at its old path as deleted, and are not
 * reported at the new one (they were, "fixed", on a file left out).
 */
Test(git, history_ends_a_migration_moved_to_another_database)
{
	struct run r;
	const cJSON *f, *sum;

	new_repo("r");
	put("r", "db/001_fk.sql", unsafe_fk);
	commit("r", "Alice", "2024-01-01T10:00:00Z", "fk");
	test_sh("cd r && mkdir db/mysql && git mv db/001_fk.sql db/mysql/");
	commit("r", "Bob", "2024-01-02T10:00:00Z", "moved to mysql");
	r = go("r", ARGS("history", "--format", "json"));
	cr_expect_eq(r.code, 0, "%s", buf_str(&r.err));
	f = finding(&r, "FK001", NULL, 0);
	cr_assert(f, "%s", buf_str(&r.out));
	cr_expect_str_eq(str(f, "path"), "db/001_fk.sql");
	cr_expect_str_eq(str(f, "state"), "deleted");
	cr_expect_eq(count(&r, "FK001", "db/mysql/001_fk.sql"), 0, "%s",
		     buf_str(&r.out));
	sum = cJSON_GetObjectItem(r.json, "summary");
	cr_expect_eq(
		cJSON_GetObjectItem(sum, "files_other_databases")->valueint, 1,
		"%s", buf_str(&r.out));
	done(&r);
}

/* "RULE path:line" of every finding of a JSON report, one per line. */
static void finding_lines(const struct run *r, struct buf *out)
{
	const cJSON *f;

	cr_assert(r->json, "%s / %s", buf_str(&r->out), buf_str(&r->err));
	cJSON_ArrayForEach (f, cJSON_GetObjectItem(r->json, "findings")) {
		const cJSON *at = cJSON_GetObjectItem(f, "start");

		buf_addf(out, "%s %s:%d\n", str(f, "rule"), str(f, "path"),
			 cJSON_GetObjectItem(at, "line")->valueint);
	}
}

/* Whether every line of `part` is a line of `whole`. */
static bool lines_within(const char *part, const char *whole)
{
	char line[1024];
	const char *p = part, *nl;

	for (; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl || (size_t)(nl - p) + 2 > sizeof(line))
			return false;
		snprintf(line, sizeof(line), "\n%.*s\n", (int)(nl - p), p);
		if (!strstr(whole, line) &&
		    strncmp(whole, line + 1, strlen(line + 1)) != 0)
			return false;
	}
	return true;
}

/*
 * The discovery fixtures of testdata/frameworks (diesel's folder forms
 * and metadata.toml, golang-migrate beside an atlas.sum, several
 * databases side by side, a psql script, Go templates) in a repository,
 * one commit per migration in the order check runs them (everything else
 * first): history finds what check finds; diff of the whole change, one
 * deploy, finds no more (tables of earlier files are new there).
 */
Test(git, fixtures_audited_alike_by_check_diff_and_history)
{
	static const char *const names[] = { "diesel",	    "golang-migrate",
					     "atlas",	    "multi-database",
					     "psql-script", "pop" };
	char cwd[4096];
	size_t i;

	cr_assert(getcwd(cwd, sizeof(cwd)));
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct buf want = BUF_INIT, got = BUF_INIT;
		const cJSON *f;
		struct run r;
		int n = 0, pass;

		test_sh("rm -rf r src && git init -q -b main r && "
			"cp -R '%s/testdata/frameworks/%s' src",
			cwd, names[i]);
		r = go("src", ARGS("check", "--format", "json", "."));
		finding_lines(&r, &want);
		cr_expect(want.len > 0, "%s: no finding", names[i]);
		/* everything but the migrations check audited, then those */
		test_sh("cp -R src/. r/");
		cJSON_ArrayForEach (f, cJSON_GetObjectItem(r.json, "files"))
			test_sh("rm 'r/%s'", str(f, "path"));
		commit("r", "Alice", "2024-01-01T10:00:00Z", "the rest");
		/* rollbacks after the forward parts they are read against */
		for (pass = 0; pass < 2; pass++)
			cJSON_ArrayForEach (
				f, cJSON_GetObjectItem(r.json, "files")) {
				if ((strstr(str(f, "path"), "down.sql") !=
				     NULL) != (pass == 1))
					continue;
				test_sh("cp 'src/%s' 'r/%s'", str(f, "path"),
					str(f, "path"));
				commit("r", "Alice", "2024-01-02T10:00:00Z",
				       "one");
				n++;
			}
		done(&r);
		r = go("r", ARGS("history", "--format", "json"));
		finding_lines(&r, &got);
		cr_expect_str_eq(buf_str(&got), buf_str(&want), "%s: history",
				 names[i]);
		done(&r);
		buf_reset(&got);
		test_sh("cd r && git tag base HEAD~%d", n);
		r = go("r", ARGS("diff", "--format", "json", "base"));
		finding_lines(&r, &got);
		cr_expect(lines_within(buf_str(&got), buf_str(&want)),
			  "%s: diff found\n%s\nwhere check found\n%s", names[i],
			  buf_str(&got), buf_str(&want));
		done(&r);
		buf_release(&want);
		buf_release(&got);
	}
}

/*
 * Every <testcase> of a JUnit report has its own (classname, name): each
 * attribute pair, once. Returns how many test cases there are.
 */
static int expect_unique_cases(const char *xml)
{
	struct buf seen = BUF_INIT, key = BUF_INIT;
	const char *p = xml, *q;
	int n = 0;

	buf_adds(&seen, "\n"); /* "\nA\nB\n": each key between line breaks */
	while ((p = strstr(p, "<testcase classname=\""))) {
		p += strlen("<testcase ");
		q = strstr(p, "\" time=");
		cr_assert(q);
		buf_reset(&key);
		buf_addf(&key, "\n%.*s\n", (int)(q - p), p);
		cr_expect(!strstr(buf_str(&seen), buf_str(&key)),
			  "repeated: %s", buf_str(&key));
		buf_adds(&seen, buf_str(&key) + 1);
		n++;
	}
	buf_release(&seen);
	buf_release(&key);
	return n;
}

/*
 * Findings fixed at the same line and column of different versions (the
 * lines above them changed length) were two test cases of one name in
 * history's JUnit: GitLab keeps only the first of them.
 */
Test(git, history_junit_names_are_unique)
{
	struct run r;
	struct buf xml = BUF_INIT;
	char path[4200];

	new_repo("r");
	put("r", "db/001.sql", "CREATE TABLE t (x int);\n");
	commit("r", "Alice", "2024-01-01T10:00:00Z", "t");
	put("r", "db/002.sql", "-- a\nCREATE INDEX a ON t (x);\n");
	commit("r", "Alice", "2024-01-02T10:00:00Z", "a");
	put("r", "db/002.sql", "-- bb\nCREATE INDEX b ON t (x);\n");
	commit("r", "Alice", "2024-01-03T10:00:00Z", "b");
	put("r", "db/002.sql", "-- ccc\nCREATE INDEX c ON t (x);\n");
	commit("r", "Alice", "2024-01-04T10:00:00Z", "c");
	snprintf(path, sizeof(path), "%s/h.xml", test_dir);
	r = go("r", ARGS("history", "-q", "--junit", path));
	cr_expect_eq(r.code, 1, "%s", buf_str(&r.err));
	done(&r);
	cr_assert_eq(read_file(path, &xml), 0);
	cr_expect(test_has(&xml, "(fixed)\" time"), "%s", buf_str(&xml));
	cr_expect_geq(expect_unique_cases(buf_str(&xml)), 4, "%s",
		      buf_str(&xml));
	buf_release(&xml);
}

/* The state, introducing, resolving and suppressing commits of a finding. */
static void expect_story(const cJSON *f, const char *state, const char *intro,
			 const char *by)
{
	const cJSON *i = cJSON_GetObjectItem(f, "introduced");
	const cJSON *b = cJSON_GetObjectItem(f, "suppressed_by");

	cr_assert(f);
	cr_expect_str_eq(str(f, "state"), state);
	cr_expect_str_eq(str(i, "subject"), intro);
	if (by)
		cr_expect_str_eq(str(b, "subject"), by);
	else
		cr_expect(cJSON_IsNull(b) || !b);
}

/*
 * A migration with FK001, then a formatter's commit (case, spacing, line
 * breaks, a comment), then a suppression, then a changed constant: the
 * FK001 keeps its introducing commit and is suppressed from the third;
 * FK012 only for the constant, on its line.
 */
Test(git, history_reformatting_neither_fixes_nor_introduces)
{
	struct run r;
	const cJSON *f;

	new_repo("r");
	put("r", "db/001_init.sql",
	    "CREATE TABLE users (id bigint PRIMARY KEY);\n"
	    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, "
	    "qty int);\n");
	commit("r", "Alice", "2024-01-01T10:00:00Z", "init");
	put("r", "db/002_fk.sql",
	    "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY "
	    "(user_id) REFERENCES users (id);\n"
	    "UPDATE orders SET qty = 1 WHERE qty IS NULL;\n");
	commit("r", "Alice", "2024-01-02T10:00:00Z", "fk");
	put("r", "db/001_init.sql",
	    "create table users (\n    id bigint primary key\n);\n\n"
	    "create table orders (\n    id      bigint primary key,\n"
	    "    user_id bigint,\n    qty     int\n);\n");
	put("r", "db/002_fk.sql",
	    "-- the orders key\nalter table orders\n"
	    "    add constraint orders_user_fk\n"
	    "        foreign key (user_id) references users (id);\n"
	    "update orders\n   set qty = 1\n where qty is null;\n");
	commit("r", "Formatter", "2024-01-03T10:00:00Z", "pg_format");
	put("r", "db/002_fk.sql",
	    "-- the orders key\n"
	    "-- fkaudit:ignore FK001 reviewed: orders is empty\n"
	    "alter table orders\n"
	    "    add constraint orders_user_fk\n"
	    "        foreign key (user_id) references users (id);\n"
	    "update orders\n   set qty = 1\n where qty is null;\n");
	commit("r", "Bob", "2024-01-04T10:00:00Z", "suppress");
	put("r", "db/002_fk.sql",
	    "-- the orders key\n"
	    "-- fkaudit:ignore FK001 reviewed: orders is empty\n"
	    "alter table orders\n"
	    "    add constraint orders_user_fk\n"
	    "        foreign key (user_id) references users (id);\n"
	    "update orders\n   set qty = 2\n where qty is null;\n");
	commit("r", "Carol", "2024-01-05T10:00:00Z", "constant");
	r = go("r", ARGS("history", "--format", "json"));
	cr_expect_eq(r.code, 0, "%s", buf_str(&r.err));
	expect_story(finding(&r, "FK001", "db/002_fk.sql", 0), "suppressed",
		     "fk", "suppress");
	expect_story(finding(&r, "FK004", "db/002_fk.sql", 0), "present", "fk",
		     NULL);
	cr_expect_eq(count(&r, "FK012", NULL), 1, "%s", buf_str(&r.out));
	f = finding(&r, "FK012", "db/002_fk.sql", 0);
	expect_story(f, "present", "constant", NULL);
	cr_expect_eq(
		cJSON_GetObjectItem(cJSON_GetObjectItem(f, "start"), "line")
			->valueint,
		7, "the changed line");
	cr_expect(strstr(str(f, "message"), "(what runs changes at lines 6-8; "
					    "before: lines 6-8)"),
		  "%s", str(f, "message"));
	cr_expect(!test_has(&r.out, "\"subject\":\t\"pg_format\""), "%s",
		  buf_str(&r.out));
	done(&r);
}

/*
 * A Django migration reformatted as black does (quotes, trailing commas,
 * line wrapping) sends the same SQL: no FK012, and its findings keep
 * their introducing commit.
 */
Test(git, history_django_reformatting_is_no_edit)
{
	static const char head[] = "from django.db import migrations, models\n"
				   "\n"
				   "\n";
	char text[2048];
	struct run r;
	const cJSON *f;

	new_repo("dj");
	snprintf(text, sizeof(text),
		 "%sclass Migration(migrations.Migration):\n"
		 "    operations = [\n"
		 "        migrations.CreateModel('Team', [\n"
		 "            ('id', models.AutoField(primary_key=True)),\n"
		 "        ]),\n"
		 "        migrations.CreateModel('Profile', [\n"
		 "            ('id', models.AutoField(primary_key=True)),\n"
		 "        ]),\n"
		 "    ]\n",
		 head);
	put("dj", "accounts/migrations/0001_initial.py", text);
	commit("dj", "Alice", "2024-01-01T10:00:00Z", "initial");
	snprintf(text, sizeof(text),
		 "%sclass Migration(migrations.Migration):\n"
		 "    dependencies = [('accounts', '0001_initial')]\n"
		 "    operations = [\n"
		 "        migrations.AddField(model_name='profile', "
		 "name='team', field=models.ForeignKey(null=True, "
		 "on_delete=models.SET_NULL, to='accounts.team')),\n"
		 "    ]\n",
		 head);
	put("dj", "accounts/migrations/0002_profile_team.py", text);
	commit("dj", "Bob", "2024-01-02T10:00:00Z", "team");
	snprintf(text, sizeof(text),
		 "%sclass Migration(migrations.Migration):\n"
		 "    dependencies = [\n"
		 "        (\"accounts\", \"0001_initial\"),\n"
		 "    ]\n\n"
		 "    operations = [\n"
		 "        migrations.AddField(\n"
		 "            model_name=\"profile\",\n"
		 "            name=\"team\",\n"
		 "            field=models.ForeignKey(\n"
		 "                null=True,\n"
		 "                on_delete=models.SET_NULL,\n"
		 "                to=\"accounts.team\",\n"
		 "            ),\n"
		 "        ),\n"
		 "    ]\n",
		 head);
	put("dj", "accounts/migrations/0002_profile_team.py", text);
	commit("dj", "Formatter", "2024-01-03T10:00:00Z", "black");
	r = go("dj", ARGS("history", "--format", "json"));
	cr_expect_eq(count(&r, "FK012", NULL), 0, "%s", buf_str(&r.out));
	f = finding(&r, "FK002", "accounts/migrations/0002_profile_team.py", 0);
	expect_story(f, "present", "team", NULL);
	done(&r);
}

/*
 * A RemoveField migration reformatted after it ran: read against the
 * schema as it is now, the field is gone and it sends nothing, but so
 * does the version before when read the same way: no FK012.
 */
Test(git, history_django_removefield_reformatted_is_no_edit)
{
	static const char head[] = "from django.db import migrations, models\n"
				   "\n"
				   "\n";
	char text[2048];
	struct run r;

	new_repo("dj");
	snprintf(text, sizeof(text),
		 "%sclass Migration(migrations.Migration):\n"
		 "    operations = [\n"
		 "        migrations.CreateModel('Profile', [\n"
		 "            ('id', models.AutoField(primary_key=True)),\n"
		 "            ('nick', models.CharField(max_length=20)),\n"
		 "        ]),\n"
		 "    ]\n",
		 head);
	put("dj", "accounts/migrations/0001_initial.py", text);
	commit("dj", "Alice", "2024-01-01T10:00:00Z", "initial");
	snprintf(text, sizeof(text),
		 "%sclass Migration(migrations.Migration):\n"
		 "    dependencies = [('accounts', '0001_initial')]\n"
		 "    operations = [\n"
		 "        migrations.RemoveField(model_name='profile', "
		 "name='nick'),\n"
		 "    ]\n",
		 head);
	put("dj", "accounts/migrations/0002_remove_nick.py", text);
	commit("dj", "Bob", "2024-01-02T10:00:00Z", "remove nick");
	snprintf(text, sizeof(text),
		 "%sclass Migration(migrations.Migration):\n"
		 "    dependencies = [\n"
		 "        (\"accounts\", \"0001_initial\"),\n"
		 "    ]\n\n"
		 "    operations = [\n"
		 "        migrations.RemoveField(\n"
		 "            model_name=\"profile\",\n"
		 "            name=\"nick\",\n"
		 "        ),\n"
		 "    ]\n",
		 head);
	put("dj", "accounts/migrations/0002_remove_nick.py", text);
	commit("dj", "Formatter", "2024-01-03T10:00:00Z", "black");
	r = go("dj", ARGS("history", "--format", "json"));
	cr_expect_eq(count(&r, "FK012", NULL), 0, "%s", buf_str(&r.out));
	done(&r);
}

/*
 * An AlterField migration reformatted after it ran is read against the
 * project state as it was before the migration, not after it (where the
 * field is altered already and the new version would send nothing): its
 * findings stay present, and it is no edit.
 */
Test(git, history_django_alterfield_reformatted_keeps_its_findings)
{
	static const char head[] = "from django.db import migrations, models\n"
				   "\n"
				   "\n";
	const cJSON *f;
	char text[2048];
	struct run r;

	new_repo("dj");
	snprintf(text, sizeof(text),
		 "%sclass Migration(migrations.Migration):\n"
		 "    operations = [\n"
		 "        migrations.CreateModel('Profile', [\n"
		 "            ('id', models.AutoField(primary_key=True)),\n"
		 "            ('nick', models.CharField(max_length=20)),\n"
		 "        ]),\n"
		 "    ]\n",
		 head);
	put("dj", "accounts/migrations/0001_initial.py", text);
	commit("dj", "Alice", "2024-01-01T10:00:00Z", "initial");
	snprintf(text, sizeof(text),
		 "%sclass Migration(migrations.Migration):\n"
		 "    dependencies = [('accounts', '0001_initial')]\n"
		 "    operations = [\n"
		 "        migrations.AlterField(model_name='profile', "
		 "name='nick', field=models.CharField(max_length=40, "
		 "db_index=True)),\n"
		 "    ]\n",
		 head);
	put("dj", "accounts/migrations/0002_nick.py", text);
	commit("dj", "Bob", "2024-01-02T10:00:00Z", "index nick");
	snprintf(text, sizeof(text),
		 "%sclass Migration(migrations.Migration):\n"
		 "    dependencies = [\n"
		 "        (\"accounts\", \"0001_initial\"),\n"
		 "    ]\n\n"
		 "    operations = [\n"
		 "        migrations.AlterField(\n"
		 "            model_name=\"profile\",\n"
		 "            name=\"nick\",\n"
		 "            field=models.CharField(max_length=40, "
		 "db_index=True),\n"
		 "        ),\n"
		 "    ]\n",
		 head);
	put("dj", "accounts/migrations/0002_nick.py", text);
	commit("dj", "Formatter", "2024-01-03T10:00:00Z", "black");
	r = go("dj", ARGS("history", "--format", "json"));
	cr_expect_eq(count(&r, "FK012", NULL), 0, "%s", buf_str(&r.out));
	/* the index and its _like index */
	cr_expect_eq(count(&r, "FK006", NULL), 2, "%s", buf_str(&r.out));
	f = finding(&r, "FK006", "accounts/migrations/0002_nick.py", 0);
	expect_story(f, "present", "index nick", NULL);
	done(&r);
}

/* pg_format re-indents a function's body and lowers its keywords. */
Test(git, history_function_body_reformatted_is_no_edit)
{
	struct run r;

	new_repo("r");
	put("r", "db/001.sql",
	    "CREATE TABLE t (id int);\n"
	    "CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n"
	    "  IF NEW.id > 0 THEN\n    RETURN NEW; -- ok\n  END IF;\n"
	    "  RETURN NULL;\nEND\n$$ LANGUAGE plpgsql;\n");
	commit("r", "Alice", "2024-01-01T10:00:00Z", "one");
	put("r", "db/001.sql",
	    "create table t (id int);\n\ncreate function f ()\n"
	    "    returns trigger\n    as $$\nbegin\n"
	    "    if new.id > 0 then\n        return new;\n    end if;\n"
	    "    return null;\nend\n$$\nlanguage plpgsql;\n");
	commit("r", "Formatter", "2024-01-02T10:00:00Z", "pg_format");
	r = go("r", ARGS("history", "--format", "json"));
	cr_expect_eq(count(&r, "FK012", NULL), 0, "%s", buf_str(&r.out));
	done(&r);
	/* a changed literal in the body is an edit */
	put("r", "db/001.sql",
	    "create table t (id int);\n\ncreate function f ()\n"
	    "    returns trigger\n    as $$\nbegin\n"
	    "    if new.id > 1 then\n        return new;\n    end if;\n"
	    "    return null;\nend\n$$\nlanguage plpgsql;\n");
	commit("r", "Bob", "2024-01-03T10:00:00Z", "threshold");
	r = go("r", ARGS("history", "--format", "json"));
	cr_expect_eq(count(&r, "FK012", NULL), 1, "%s", buf_str(&r.out));
	done(&r);
}

/*
 * A migration renamed after a later one indexed its foreign key: the
 * renamed file is the same audit, settled by the walk's end (it was
 * audited again on its own, and its FK005 came back).
 */
Test(git, history_rename_keeps_what_the_walk_settled)
{
	struct run r;

	new_repo("r");
	put("r", "db/001_init.sql",
	    "CREATE TABLE users (id bigint PRIMARY KEY);\n"
	    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n");
	commit("r", "Alice", "2024-01-01T10:00:00Z", "init");
	put("r", "db/002_fk.sql", unsafe_fk);
	commit("r", "Alice", "2024-01-02T10:00:00Z", "fk");
	put("r", "db/003_idx.sql",
	    "CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders "
	    "(user_id);\n");
	commit("r", "Alice", "2024-01-03T10:00:00Z", "index");
	test_sh("cd r && git mv db/002_fk.sql db/002_orders_fk.sql");
	commit("r", "Bob", "2024-01-04T10:00:00Z", "rename");
	r = go("r", ARGS("history", "--format", "json"));
	cr_expect_eq(count(&r, "FK005", NULL), 0, "%s", buf_str(&r.out));
	cr_expect_eq(count(&r, "FK001", "db/002_orders_fk.sql"), 1, "%s",
		     buf_str(&r.out));
	done(&r);
}

/*
 * A foreign key without an index, its migration reformatted, then the
 * index added by a later migration: FK005 is settled by the walk's end
 * (it stayed present: the reformatted version, audited apart, knew no
 * foreign key to settle).
 */
Test(git, history_reformatted_fk_still_settled_by_a_later_index)
{
	struct run r;

	new_repo("r");
	put("r", "db/001_init.sql",
	    "CREATE TABLE users (id bigint PRIMARY KEY);\n");
	commit("r", "Alice", "2024-01-01T10:00:00Z", "init");
	put("r", "db/002_fk.sql",
	    "CREATE TABLE orders (id bigint PRIMARY KEY,\n"
	    "  user_id bigint REFERENCES users (id));\n");
	commit("r", "Alice", "2024-01-02T10:00:00Z", "fk");
	put("r", "db/002_fk.sql",
	    "create table orders (\n    id      bigint primary key,\n"
	    "    user_id bigint references users (id)\n);\n");
	commit("r", "Formatter", "2024-01-03T10:00:00Z", "pg_format");
	put("r", "db/003_idx.sql",
	    "CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders "
	    "(user_id);\n");
	commit("r", "Alice", "2024-01-04T10:00:00Z", "index");
	r = go("r", ARGS("history", "--format", "json"));
	cr_expect_eq(count(&r, "FK005", NULL), 0, "%s", buf_str(&r.out));
	done(&r);
}

/*
 * history's text report puts first what can still be acted on at the
 * revision (FK005: the index is still missing), then what the migrations
 * that already ran did (FK001: the lock was taken when it ran).
 */
Test(git, history_text_puts_what_to_act_on_first)
{
	struct run r;
	const char *act, *ran, *fk5, *fk1;

	new_repo("r");
	put("r", "db/001_init.sql",
	    "CREATE TABLE users (id bigint PRIMARY KEY);\n"
	    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n");
	commit("r", "Alice", "2024-01-01T10:00:00Z", "init");
	put("r", "db/002_fk.sql", unsafe_fk);
	commit("r", "Alice", "2024-01-02T10:00:00Z", "fk");
	r = go("r", ARGS("history", "--color=never"));
	act = strstr(buf_str(&r.out), "to act on at the revision (1)");
	ran = strstr(buf_str(&r.out), "already run (2)");
	fk5 = strstr(buf_str(&r.out), "[FK005 ");
	fk1 = strstr(buf_str(&r.out), "[FK001 ");
	cr_assert(act && ran && fk5 && fk1, "%s", buf_str(&r.out));
	cr_expect(act < fk5 && fk5 < ran && ran < fk1, "%s", buf_str(&r.out));
	done(&r);
}

/*
 * One branch adds a migration at a path, another renames a file onto it,
 * and they merge: one file at the revision (two file records, so two
 * JUnit suites of one name, came out: netbox's dcim 0208).
 */
Test(git, history_branches_adding_and_renaming_onto_one_path)
{
	struct run r;
	const cJSON *f;
	int n = 0;

	new_repo("r");
	put("r", "db/001.sql", "CREATE TABLE t (id int);\n");
	put("r", "db/003_y.sql", "CREATE INDEX y ON t (id);\n");
	commit("r", "Alice", "2024-01-01T10:00:00Z", "init");
	test_sh("cd r && git checkout -q -b b1 && git mv db/003_y.sql "
		"db/002_x.sql");
	put("r", "db/002_x.sql", "CREATE INDEX y ON t (id);\n-- moved\n");
	commit("r", "Bob", "2024-01-02T10:00:00Z", "rename");
	test_sh("cd r && git checkout -q main");
	put("r", "db/002_x.sql", "CREATE TABLE u (id int);\n");
	commit("r", "Alice", "2024-01-03T10:00:00Z", "add");
	test_sh("cd r && git merge -q -X ours b1 -m merge >/dev/null");
	r = go("r", ARGS("history", "--format", "json"));
	cJSON_ArrayForEach (f, cJSON_GetObjectItem(r.json, "files"))
		n += strcmp(str(f, "path"), "db/002_x.sql") == 0;
	cr_expect_eq(n, 1, "%s", buf_str(&r.out));
	done(&r);
}

Test(git, history_of_a_bare_repository_and_from_a_subfolder)
{
	struct run a, b;
	const cJSON *f;

	story();
	test_sh("git clone -q --bare r bare.git");
	a = go("r", ARGS("history", "--format", "json"));
	b = go("bare.git", ARGS("history", "--format", "json"));
	cr_expect_eq(a.code, b.code);
	cJSON_DeleteItemFromObject(a.json, "history");
	cJSON_DeleteItemFromObject(b.json, "history");
	cr_expect(cJSON_Compare(cJSON_GetObjectItem(a.json, "findings"),
				cJSON_GetObjectItem(b.json, "findings"), 1),
		  "bare: %s", buf_str(&b.out));
	done(&a);
	done(&b);
	/* from a subfolder, and with -C: paths from the root */
	a = go("r/db", ARGS("history", "--format", "json"));
	f = finding(&a, "FK012", NULL, 0);
	cr_assert(f);
	cr_expect_str_eq(str(f, "path"), "db/001_fk.sql");
	done(&a);
	a = go(".", ARGS("-C", "r/docs", "history", "--format", "json"));
	cr_expect(finding(&a, "FK012", "db/001_fk.sql", 0), "%s",
		  buf_str(&a.err));
	done(&a);
	/* check names files from the root too */
	put("r", "db/wip.sql", unsafe_fk);
	a = go("r/db", ARGS("check", "--color=never", "wip.sql"));
	cr_expect(test_has(&a.out, "\ndb/wip.sql:1:") ||
			  !strncmp(buf_str(&a.out), "db/wip.sql:1:", 13),
		  "%s", buf_str(&a.out));
	done(&a);
	/* diff on the bare repository: 001 was edited since HEAD~4 */
	a = go("bare.git", ARGS("diff", "--format", "json", "HEAD~4"));
	cr_expect_eq(count(&a, "FK012", "db/001_fk.sql"), 1, "%s",
		     buf_str(&a.err));
	done(&a);
}

Test(git, history_limits_since_max_commits_first_parent)
{
	struct run r;

	story();
	/* the newest two commits: the deletion and the docs */
	r = go("r", ARGS("history", "--format", "json", "--max-commits", "2"));
	cr_expect_eq(count(&r, "FK001", NULL), 0, "%s", buf_str(&r.out));
	cr_expect_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(r.json, "history"),
					 "commits")
			     ->valueint,
		     2);
	done(&r);
	r = go("r",
	       ARGS("history", "--format", "json", "--since", "2024-02-15"));
	/* Carol's edit is in; Alice's FK predates the window */
	cr_expect_eq(count(&r, "FK012", NULL), 1, "%s", buf_str(&r.out));
	cr_expect_eq(count(&r, "FK001", NULL), 0);
	done(&r);
	r = go("r", ARGS("history", "--since", "last tuesday"));
	cr_expect_eq(r.code, 2);
	done(&r);
	/* a merged branch: --first-parent credits the merge */
	test_sh("cd r && git checkout -q -b side HEAD");
	put("r", "db/010.sql", unsafe_fk);
	commit("r", "Frank", "2024-06-01T10:00:00Z", "side fk");
	test_sh("cd r && git checkout -q main && git merge -q --no-ff -m "
		"'merge "
		"side' side");
	r = go("r", ARGS("history", "--format", "json", "--first-parent"));
	cr_expect_str_eq(
		str(cJSON_GetObjectItem(finding(&r, "FK001", "db/010.sql", 0),
					"introduced"),
		    "subject"),
		"merge side");
	done(&r);
	r = go("r", ARGS("history", "--format", "json"));
	cr_expect_str_eq(
		str(cJSON_GetObjectItem(finding(&r, "FK001", "db/010.sql", 0),
					"introduced"),
		    "subject"),
		"side fk");
	done(&r);
}

Test(git, history_with_no_migrations)
{
	struct run r;

	new_repo("r");
	put("r", "README", "hello\n");
	commit("r", "Alice", "2024-01-01T10:00:00Z", "readme");
	r = go("r", ARGS("history", "--color=never"));
	cr_expect_eq(r.code, 0, "%s", buf_str(&r.err));
	cr_expect(test_has(&r.out, "no finding was ever introduced"), "%s",
		  buf_str(&r.out));
	done(&r);
	r = go("r", ARGS("diff", "HEAD"));
	cr_expect_eq(r.code, 0, "%s", buf_str(&r.err));
	cr_expect(test_has(&r.out,
			   "no migration file added or changed since the "
			   "merge base"),
		  "%s", buf_str(&r.out));
	done(&r);
}

Test(git, links_lfs_pointers_and_missing_objects)
{
	struct run r;
	char oid[41], path[4096];

	new_repo("r");
	put("r", "db/001.sql", unsafe_fk);
	put("r", "db/002_lfs.sql",
	    "version https://git-lfs.github.com/spec/v1\n"
	    "oid "
	    "sha256:"
	    "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
	    "size 12345\n");
	test_sh("cd r && ln -s 001.sql db/003_link.sql");
	commit("r", "Alice", "2024-01-01T10:00:00Z", "all");
	/* a submodule's commit: a gitlink entry, no repository behind it */
	test_sh("cd r && git update-index --add --cacheinfo "
		"160000,4b825dc642cb6eb9a060e54bf8d69288fbee4904,db/shared && "
		"git commit -qm submodule");
	r = go("r", ARGS("history", "--color=never"));
	cr_expect_eq(r.code, 3, "an LFS pointer at HEAD is not audited");
	cr_expect(test_has(&r.out, "db/002_lfs.sql: error: Git LFS pointer"),
		  "%s", buf_str(&r.out));
	cr_expect(test_has(&r.out, "db/003_link.sql: note: symbolic link"),
		  "%s", buf_str(&r.out));
	cr_expect(test_has(&r.out, "db/shared: note: submodule"), "%s",
		  buf_str(&r.out));
	cr_expect(test_has(&r.out, "db/001.sql:1:"), "the rest is audited");
	cr_expect(test_has(&r.out, "; 1 file not audited"), "%s",
		  buf_str(&r.out));
	done(&r);
	r = go("r", ARGS("diff", "--color=never", "HEAD~1"));
	cr_expect_eq(r.code, 0, "a submodule is a note: %s", buf_str(&r.err));
	cr_expect(test_has(&r.out, "db/shared: note: submodule"), "%s",
		  buf_str(&r.out));
	done(&r);
	r = go("r", ARGS("diff", "--color=never",
			 "4b825dc642cb6eb9a060e54bf8d69288fbee4904"));
	cr_expect_eq(r.code, 3, "not a commit: %s", buf_str(&r.err));
	done(&r);
	/* a blob missing from the object database */
	test_rev_parse("r", "HEAD:db/001.sql", oid);
	snprintf(path, sizeof(path), "r/.git/objects/%.2s/%s", oid, oid + 2);
	test_sh("chmod u+w %s; rm %s", path, path);
	r = go("r", ARGS("history", "--color=never"));
	cr_expect_eq(r.code, 3);
	cr_expect(test_has(&r.out, "db/001.sql: error: blob"), "%s",
		  buf_str(&r.out));
	cr_expect(test_has(&r.out, "missing or corrupt"));
	done(&r);
}

Test(git, history_progress_only_on_a_terminal)
{
	char cmd[8192], out[4096];
	struct buf b = BUF_INIT;
	const char *bin = getenv("FKAUDIT");

	story();
	cr_assert(bin);
	/* script(1) gives fkaudit a terminal; its stderr is the log */
	snprintf(out, sizeof(out), "%s/tty.log", test_dir);
	snprintf(cmd, sizeof(cmd),
		 "cd r && script -qec '%s history -o /dev/null' '%s'", bin,
		 out);
	test_sh("%s || test $? -le 1", cmd);
	cr_assert_eq(read_file(out, &b), 0);
	cr_expect(test_has(&b, "fkaudit history: 5/5 commits, ") &&
			  test_has(&b, " elapsed"),
		  "%s", buf_str(&b));
	buf_reset(&b);
	snprintf(cmd, sizeof(cmd),
		 "cd r && script -qec '%s history --quiet -o /dev/null' '%s'",
		 bin, out);
	test_sh("%s || test $? -le 1", cmd);
	cr_assert_eq(read_file(out, &b), 0);
	cr_expect(!test_has(&b, "commits, "), "--quiet: %s", buf_str(&b));
	buf_release(&b);
}

/*
 * Frameworks on real repositories: a Drizzle deploy shares one
 * transaction across the files a change adds; the files next to a
 * migration (Flyway's .sql.conf) are read from the revision; the base's
 * migrations seed the schema the change meets.
 */
Test(git, drizzle_deploy_is_one_transaction_across_files)
{
	struct run r;

	new_repo("d");
	put("d", "drizzle/meta/_journal.json", "{\"entries\":[]}\n");
	put("d", "drizzle/0000_init.sql",
	    "CREATE TABLE users (id bigint PRIMARY KEY);\n"
	    "--> statement-breakpoint\n"
	    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n");
	commit("d", "Alice", "2024-01-01T10:00:00Z", "init");
	test_sh("cd d && git checkout -q -b feature");
	put("d", "drizzle/0001_fk.sql",
	    "SET lock_timeout = '2s';\n"
	    "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY "
	    "(user_id) REFERENCES users (id) NOT VALID;\n");
	put("d", "drizzle/0002_validate.sql",
	    "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;\n");
	put("d", "drizzle/0003_idx.sql",
	    "CREATE INDEX orders_user_idx ON orders (user_id);\n");
	commit("d", "Bob", "2024-01-02T10:00:00Z", "fk");
	r = go("d", ARGS("diff", "--color=never", "main"));
	cr_expect_eq(r.code, 1, "%s%s", buf_str(&r.out), buf_str(&r.err));
	/* the VALIDATE runs in the deploy's one transaction, with the ADD */
	cr_expect(test_has(&r.out,
			   "drizzle/0002_validate.sql:1:20: error: [FK003 "
			   "fk-validate-same-transaction] VALIDATE "
			   "CONSTRAINT \"orders_user_fk\" runs in the same "
			   "transaction as its ADD … NOT VALID at "
			   "drizzle/0001_fk.sql:2 (the transaction that "
			   "Drizzle's migrate() puts around all pending "
			   "migrations)"),
		  "%s", buf_str(&r.out));
	/* validated and indexed later in the change: neither FK009 nor FK005 */
	cr_expect(!test_has(&r.out, "FK009") && !test_has(&r.out, "FK005"),
		  "%s", buf_str(&r.out));
	done(&r);
	/* in check, each file is a deploy of its own: no FK003 */
	r = go("d", ARGS("check", "--color=never", "drizzle"));
	cr_expect(!test_has(&r.out, "FK003"), "%s", buf_str(&r.out));
	done(&r);
}

Test(git, flyway_conf_is_read_from_the_revision)
{
	struct run r;

	new_repo("f");
	put("f", "db/migration/V1__init.sql",
	    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n");
	commit("f", "Alice", "2024-01-01T10:00:00Z", "init");
	put("f", "db/migration/V2__idx.sql",
	    "SET lock_timeout = '2s';\n"
	    "CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);\n");
	commit("f", "Alice", "2024-01-02T10:00:00Z", "index in a transaction");
	put("f", "db/migration/V2__idx.sql.conf",
	    "executeInTransaction=false\n");
	put("f", "db/migration/V3__idx.sql",
	    "SET lock_timeout = '2s';\n"
	    "CREATE INDEX CONCURRENTLY orders_id_idx ON orders (id);\n");
	put("f", "db/migration/V3__idx.sql.conf",
	    "executeInTransaction=false\n");
	commit("f", "Bob", "2024-01-03T10:00:00Z", "no transaction");
	/* the work tree has both .conf files: nothing to report */
	r = go("f", ARGS("check", "--color=never", "db"));
	cr_expect_eq(r.code, 0, "%s", buf_str(&r.out));
	done(&r);
	/*
	 * history: V3 came with its .conf, read from that commit's tree.
	 * (V2's .conf came later without V2 changing: history keeps what
	 * V2's first audit found, a limitation noted in the README.)
	 */
	r = go("f", ARGS("history", "--color=never"));
	cr_expect(!test_has(&r.out, "V3__idx.sql:"), "%s", buf_str(&r.out));
	cr_expect(test_has(&r.out, "V2__idx.sql:2:1: error: [FK007"), "%s",
		  buf_str(&r.out));
	done(&r);
	/* diff of the first two commits: V2 in Flyway's transaction */
	r = go("f", ARGS("diff", "--color=never", "HEAD~2", "HEAD~1"));
	cr_expect_eq(r.code, 1, "%s%s", buf_str(&r.out), buf_str(&r.err));
	cr_expect(test_has(&r.out,
			   "V2__idx.sql:2:1: error: [FK007 "
			   "concurrent-in-transaction] CREATE INDEX "
			   "CONCURRENTLY runs inside the transaction that "
			   "Flyway puts around the migration (Flyway refuses"),
		  "%s", buf_str(&r.out));
	done(&r);
}

Test(git, diff_meets_the_schema_of_the_base)
{
	struct run r;

	new_repo("s");
	put("s", "migrations/000001_init.up.sql",
	    "CREATE TABLE users (id integer PRIMARY KEY);\n"
	    "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE "
	    "(at);\n");
	commit("s", "Alice", "2024-01-01T10:00:00Z", "init");
	test_sh("cd s && git checkout -q -b feature");
	put("s", "migrations/000002_orders.up.sql",
	    "SET lock_timeout = '2s';\n"
	    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint "
	    "REFERENCES users (id));\n"
	    "CREATE INDEX orders_user_idx ON orders (user_id);\n"
	    "ALTER TABLE events ADD COLUMN user_id integer;\n"
	    "ALTER TABLE events ADD CONSTRAINT events_user_fk FOREIGN KEY "
	    "(user_id) REFERENCES users (id) NOT VALID;\n");
	commit("s", "Bob", "2024-01-02T10:00:00Z", "orders");
	r = go("s", ARGS("diff", "--color=never", "main"));
	/* users.id is an integer, from the base: FK008 */
	cr_expect(test_has(&r.out, "000002_orders.up.sql:2:60: warning: [FK008 "
				   "fk-type-mismatch]"),
		  "%s", buf_str(&r.out));
	/* events is partitioned, from the base: FK010 */
	cr_expect(test_has(&r.out, "[FK010 partitioned-unsupported]"), "%s",
		  buf_str(&r.out));
	done(&r);
}

/* Django: the apps' migrations in dependency order, in diff and history. */
Test(git, django_migrations_in_diff_and_history)
{
	static const char head[] = "from django.db import migrations, models\n"
				   "\n"
				   "\n";
	char text[2048];
	struct run r;

	new_repo("dj");
	/* "accounts" sorts first, but depends on "teams" */
	snprintf(text, sizeof(text),
		 "%sclass Migration(migrations.Migration):\n"
		 "    dependencies = [('teams', '0001_initial')]\n"
		 "    operations = [\n"
		 "        migrations.CreateModel('Profile', [\n"
		 "            ('id', models.AutoField(primary_key=True)),\n"
		 "            ('team', models.ForeignKey(on_delete=models."
		 "CASCADE, to='teams.Team')),\n"
		 "        ]),\n"
		 "    ]\n",
		 head);
	put("dj", "accounts/migrations/0001_initial.py", text);
	snprintf(text, sizeof(text),
		 "%sclass Migration(migrations.Migration):\n"
		 "    operations = [\n"
		 "        migrations.CreateModel('Team', [\n"
		 "            ('id', models.AutoField(primary_key=True)),\n"
		 "        ]),\n"
		 "    ]\n",
		 head);
	put("dj", "teams/migrations/0001_initial.py", text);
	commit("dj", "Alice", "2024-01-01T10:00:00Z", "initial");
	test_sh("cd dj && git checkout -q -b feature");
	snprintf(text, sizeof(text),
		 "%sclass Migration(migrations.Migration):\n"
		 "    dependencies = [('accounts', '0001_initial')]\n"
		 "    operations = [\n"
		 "        migrations.AddField(\n"
		 "            model_name='profile',\n"
		 "            name='coach',\n"
		 "            field=models.ForeignKey(null=True, on_delete="
		 "models.SET_NULL, to='teams.team'),\n"
		 "        ),\n"
		 "    ]\n",
		 head);
	put("dj", "accounts/migrations/0002_profile_coach.py", text);
	commit("dj", "Bob", "2024-01-02T10:00:00Z", "coach");

	/* the base's migrations give the schema: teams_team has an integer
	 * key, so the new column is an integer: no FK008 */
	r = go("dj", ARGS("diff", "--color=never", "main"));
	cr_expect_eq(r.code, 1, "%s%s", buf_str(&r.out), buf_str(&r.err));
	cr_expect(test_has(&r.out,
			   "accounts/migrations/0002_profile_coach.py:7:9: "
			   "warning: [FK002 fk-on-new-column] adding "
			   "column \"coach_id\" with REFERENCES "
			   "\"teams_team\" to existing table "
			   "\"accounts_profile\""),
		  "%s", buf_str(&r.out));
	cr_expect(test_has(&r.out,
			   "accounts/migrations/0002_profile_coach.py:7:9: "
			   "error: [FK006 index-not-concurrent]"),
		  "%s", buf_str(&r.out));
	cr_expect(!test_has(&r.out, "FK008") &&
			  !test_has(&r.out, "0001_initial"),
		  "%s", buf_str(&r.out));
	done(&r);

	/* history: the same findings, on the commit that added them */
	r = go("dj", ARGS("history", "--format", "json"));
	cr_expect_eq(count(&r, "FK002",
			   "accounts/migrations/"
			   "0002_profile_coach.py"),
		     1, "%s", buf_str(&r.out));
	cr_expect_eq(count(&r, "FK006", NULL), 1, "%s", buf_str(&r.out));
	cr_expect_eq(count(&r, "FK008", NULL) + count(&r, "FK001", NULL), 0,
		     "%s", buf_str(&r.out));
	done(&r);

	/* an applied Django migration edited: FK012 on its first changed
	 * line of Python */
	test_sh("cd dj && sed -i 's/coach/mentor/' "
		"accounts/migrations/0002_profile_coach.py");
	commit("dj", "Bob", "2024-01-03T10:00:00Z", "rename");
	r = go("dj", ARGS("diff", "--color=never", "HEAD~1"));
	cr_expect(test_has(&r.out,
			   "accounts/migrations/0002_profile_coach.py:9:1: "
			   "warning: [FK012 migration-modified]"),
		  "%s", buf_str(&r.out));
	done(&r);
}
