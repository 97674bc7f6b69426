/*
 * fkaudit diff and history on broken and unusual repositories, built by
 * the git command line in a fresh folder per test: missing and corrupt
 * objects, shallow and empty repositories, files the audit produces no
 * record for. Each test asserts the exit code, the message (naming the
 * path or the object), that the other files were still audited, and
 * that every report file (JSON, SARIF, JUnit) is complete and valid.
 */
#include <cJSON.h>
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run.h"

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static const char unsafe_fk[] =
	"ALTER TABLE orders ADD CONSTRAINT orders_user_fk\n"
	"  FOREIGN KEY (user_id) REFERENCES users (id);\n";

/* the source root (the tests' working folder): scripts/, tests/schemas/ */
static char root[4096];

static void setup(void)
{
	const char *home = getenv("HOME");
	char cache[4200];

	cr_assert(getcwd(root, sizeof(root)));
	/* the validators live in the user's cache, not in the test's HOME */
	if (home && !getenv("XDG_CACHE_HOME")) {
		snprintf(cache, sizeof(cache), "%s/.cache", home);
		setenv("XDG_CACHE_HOME", cache, 1);
	}
	test_git_setup();
}

TestSuite(robust_git, .init = setup, .fini = test_dir_teardown);

/* Writes test_dir/r/`path`. */
static void put(const char *path, const char *content)
{
	char name[4096];

	snprintf(name, sizeof(name), "r/%s", path);
	cr_assert_eq(put_test_file(name, content), 0);
}

static void commit(const char *msg)
{
	test_sh("cd r && git add -A && git commit -q --allow-empty -m '%s'",
		msg);
}

/* Deletes the loose object `oid` of repository test_dir/`repo`. */
static void drop_object(const char *repo, const char *oid)
{
	test_sh("f=%s/.git/objects/%.2s/%s; test -f $f && chmod u+w $f && rm "
		"$f",
		repo, oid, oid + 2);
}

struct run {
	int code;
	struct buf out, err;
	cJSON *json, *sarif;
	struct buf junit;
	char sarif_path[4200];
};

static cJSON *parse_report(const char *path, struct buf *b)
{
	cJSON *j;

	cr_assert_eq(read_file(path, b), 0, "no report %s", path);
	j = cJSON_Parse(buf_str(b));
	cr_assert(j, "%s is not JSON: %s", path, buf_str(b));
	return j;
}

/*
 * fkaudit `args` in test_dir/`cwd`, with every report file: each must be
 * there, complete and valid (JSON and SARIF parse and carry the run's
 * exit code, the JUnit report passes xmllint against our XSD).
 */
static struct run audit(const char *cwd, const char *const *args)
{
	struct run r = { 0 };
	const char *argv[64];
	char dir[4200], json[4200], xml[4200], cmd[16384], lsan[8192];
	const char *env[] = { test_lsan_full_stacks(lsan, sizeof(lsan)), NULL };
	struct buf b = BUF_INIT;
	const cJSON *inv;
	size_t n = 0;

	snprintf(dir, sizeof(dir), "%s/%s", test_dir, cwd);
	snprintf(json, sizeof(json), "%s/report.json", test_dir);
	snprintf(r.sarif_path, sizeof(r.sarif_path), "%s/report.sarif",
		 test_dir);
	snprintf(xml, sizeof(xml), "%s/report.xml", test_dir);
	unlink(json);
	unlink(r.sarif_path);
	unlink(xml);
	for (; *args; args++)
		argv[n++] = *args;
	argv[n++] = "--color=never";
	argv[n++] = "--json";
	argv[n++] = json;
	argv[n++] = "--sarif";
	argv[n++] = r.sarif_path;
	argv[n++] = "--junit";
	argv[n++] = xml;
	argv[n] = NULL;
	/* full stacks: libgit2 leaks at a corrupt commit (tests/lsan.supp) */
	r.code = run_fkaudit(argv, dir, NULL, env, &r.out, &r.err);
	r.json = parse_report(json, &b);
	cr_expect(cJSON_GetObjectItem(r.json, "findings") &&
			  cJSON_GetObjectItem(r.json, "files"),
		  "incomplete JSON: %s", buf_str(&b));
	cr_expect_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(r.json, "summary"),
					 "exit_code")
			     ->valueint,
		     r.code);
	buf_reset(&b);
	r.sarif = parse_report(r.sarif_path, &b);
	inv = cJSON_GetArrayItem(
		cJSON_GetObjectItem(
			cJSON_GetArrayItem(cJSON_GetObjectItem(r.sarif, "runs"),
					   0),
			"invocations"),
		0);
	cr_expect(inv && cJSON_GetObjectItem(inv, "exitCode")->valueint ==
				  r.code,
		  "SARIF invocation: %s", buf_str(&b));
	buf_release(&b);
	cr_assert_eq(read_file(xml, &r.junit), 0, "no JUnit report");
	snprintf(cmd, sizeof(cmd),
		 "xmllint --noout --schema '%s/tests/schemas/junit.xsd' '%s'",
		 root, xml);
	cr_expect_eq(system(cmd), 0, "JUnit is not valid: %s",
		     buf_str(&r.junit));
	return r;
}

static void done(struct run *r)
{
	cJSON_Delete(r->json);
	cJSON_Delete(r->sarif);
	buf_release(&r->out);
	buf_release(&r->err);
	buf_release(&r->junit);
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : "";
}

static int num(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valueint : -1;
}

/* The JSON report's entry for file `path`, or NULL. */
static const cJSON *file_entry(const struct run *r, const char *path)
{
	const cJSON *f;

	cJSON_ArrayForEach (f, cJSON_GetObjectItem(r->json, "files"))
		if (strcmp(str(f, "path"), path) == 0)
			return f;
	return NULL;
}

static int nfiles(const struct run *r)
{
	return cJSON_GetArraySize(cJSON_GetObjectItem(r->json, "files"));
}

/* How many findings of `rule` the JSON report has in `path`. */
static int count(const struct run *r, const char *rule, const char *path)
{
	const cJSON *f;
	int n = 0;

	cJSON_ArrayForEach (f, cJSON_GetObjectItem(r->json, "findings"))
		n += strcmp(str(f, "rule"), rule) == 0 &&
		     strcmp(str(f, "path"), path) == 0;
	return n;
}

/*
 * The SARIF tool execution notification whose text holds `text`, or
 * NULL.
 */
static const cJSON *notification(const struct run *r, const char *text)
{
	const cJSON *inv = cJSON_GetArrayItem(
		cJSON_GetObjectItem(
			cJSON_GetArrayItem(
				cJSON_GetObjectItem(r->sarif, "runs"), 0),
			"invocations"),
		0);
	const cJSON *n;

	cJSON_ArrayForEach (
		n, cJSON_GetObjectItem(inv, "toolExecutionNotifications"))
		if (strstr(str(cJSON_GetObjectItem(n, "message"), "text"),
			   text))
			return n;
	return NULL;
}

/* The real validators on the SARIF report (scripts/validate-reports). */
static void validate_sarif(const struct run *r)
{
	char cmd[16384];
	int rc;

	snprintf(cmd, sizeof(cmd), "'%s/scripts/validate-reports' --setup",
		 root);
	if (system(cmd) != 0) {
		const char *skip = getenv("FKAUDIT_ALLOW_SKIP_VALIDATION");

		cr_assert(skip && strcmp(skip, "1") == 0,
			  "the SARIF validators could not be set up; set "
			  "FKAUDIT_ALLOW_SKIP_VALIDATION=1 to skip them");
		cr_log_warn("SARIF validators unavailable: not validated");
		return;
	}
	snprintf(cmd, sizeof(cmd), "'%s/scripts/validate-reports' '%s'", root,
		 r->sarif_path);
	rc = system(cmd);
	cr_expect_eq(rc, 0, "scripts/validate-reports %s failed",
		     r->sarif_path);
}

/*
 * Defect 2: the first file a commit touches produces no file record (a
 * down file, a schema dump, a file the configuration leaves out). The
 * walk must neither read before the files nor give one file another's
 * record.
 */
Test(robust_git, history_golang_migrate_up_and_down_in_one_commit)
{
	struct run r;
	const cJSON *f;

	test_sh("git init -q -b main r");
	put("db/000001_users.up.sql", "CREATE TABLE users (id bigint);\n");
	put("db/000001_users.down.sql", "DROP TABLE users;\n");
	commit("users");
	put("db/000002_fk.up.sql", unsafe_fk);
	put("db/000002_fk.down.sql",
	    "ALTER TABLE orders DROP CONSTRAINT orders_user_fk;\n");
	commit("fk");
	/* a rollback that drops what its migration never made: FK013 */
	put("db/000003_idx.up.sql",
	    "CREATE INDEX CONCURRENTLY users_a ON users (id);\n");
	put("db/000003_idx.down.sql", "DROP INDEX users_b;\n");
	commit("idx");
	r = audit("r", ARGS("history"));
	cr_expect_eq(r.code, 1, "FK001 is present: %s", buf_str(&r.err));
	cr_expect_eq(count(&r, "FK001", "db/000002_fk.up.sql"), 1, "%s",
		     buf_str(&r.out));
	cr_expect_eq(count(&r, "FK013", "db/000003_idx.down.sql"), 1, "%s",
		     buf_str(&r.out));
	/* up files and the down file with a finding; no other record */
	cr_expect_eq(nfiles(&r), 4, "%s", buf_str(&r.out));
	cr_expect_null(file_entry(&r, "db/000001_users.down.sql"));
	cr_expect_null(file_entry(&r, "db/000002_fk.down.sql"));
	f = file_entry(&r, "db/000003_idx.down.sql");
	cr_assert(f);
	cr_expect_str_eq(str(f, "status"), "audited");
	cr_expect_eq(num(f, "statements"), 1);
	f = file_entry(&r, "db/000002_fk.up.sql");
	cr_assert(f);
	cr_expect_eq(num(f, "statements"), 1);
	done(&r);
}

Test(robust_git, history_schema_dump_and_excluded_file_first)
{
	struct run r;

	test_sh("git init -q -b main r");
	put(".fkaudit.json", "{ \"exclude\": [\"db/000_legacy.sql\"],"
			     " \"seed\": [\"db/structure.sql\"] }\n");
	put("db/000_legacy.sql", "CREATE INDEX legacy ON users (id);\n");
	put("db/structure.sql", "CREATE TABLE users (id bigint);\n"
				"CREATE TABLE orders (user_id bigint);\n");
	commit("dump and legacy");
	put("db/001_fk.sql", unsafe_fk);
	put("db/000_legacy.sql", "CREATE INDEX legacy2 ON users (id);\n");
	put("db/structure.sql", "CREATE TABLE users (id bigint);\n");
	commit("fk, and the dump and legacy file edited");
	r = audit("r", ARGS("history"));
	cr_expect_eq(r.code, 1, "%s", buf_str(&r.err));
	cr_expect_eq(count(&r, "FK001", "db/001_fk.sql"), 1, "%s",
		     buf_str(&r.out));
	cr_expect_eq(nfiles(&r), 1, "only db/001_fk.sql: %s", buf_str(&r.out));
	cr_expect_null(file_entry(&r, "db/structure.sql"));
	cr_expect_null(file_entry(&r, "db/000_legacy.sql"));
	cr_expect_eq(count(&r, "FK006", "db/000_legacy.sql"), 0);
	done(&r);
	/* diff reads the configuration too */
	test_sh("cd r && git checkout -q -b feature");
	put("db/000_legacy.sql", "CREATE INDEX legacy3 ON users (id);\n");
	put("db/002_idx.sql", "CREATE INDEX CONCURRENTLY i ON users (id);\n");
	commit("more");
	r = audit("r", ARGS("diff", "main"));
	cr_expect_eq(r.code, 0, "%s%s", buf_str(&r.out), buf_str(&r.err));
	cr_expect_eq(nfiles(&r), 1, "only db/002_idx.sql: %s", buf_str(&r.out));
	cr_expect(file_entry(&r, "db/002_idx.sql"));
	done(&r);
}

/* A rollback added after its migration used to get that migration's record. */
Test(robust_git, history_rollback_added_later_gets_no_record)
{
	struct run r;

	test_sh("git init -q -b main r");
	put("db/000001_users.up.sql", "CREATE TABLE users (id bigint);\n");
	commit("users");
	put("db/000001_users.down.sql", "DROP TABLE users;\n");
	commit("rollback");
	r = audit("r", ARGS("history"));
	cr_expect_eq(r.code, 0, "%s", buf_str(&r.err));
	cr_expect_eq(nfiles(&r), 1, "%s", buf_str(&r.out));
	cr_expect_null(file_entry(&r, "db/000001_users.down.sql"));
	done(&r);
}

/*
 * Defect 6: a partial clone (--filter=blob:none) lacks the merge-base
 * version of an edited migration. The new version is still audited,
 * and FK012 says what could not be decided.
 */
Test(robust_git, diff_partial_clone_without_the_merge_base_blob)
{
	struct run r;
	const cJSON *f;

	test_sh("git init -q -b main src");
	test_sh("mkdir src/db && printf 'CREATE TABLE users (id bigint);\\n' > "
		"src/db/001.sql && cd src && git add -A && git commit -qm "
		"users");
	test_sh("cd src && git checkout -q -b feature && "
		"printf 'CREATE TABLE users (id bigint);\\n"
		"ALTER TABLE orders ADD CONSTRAINT f FOREIGN KEY (user_id) "
		"REFERENCES users (id);\\n' > db/001.sql && "
		"printf 'CREATE INDEX CONCURRENTLY i ON users (id);\\n' > "
		"db/002.sql && git add -A && git commit -qm edit && "
		"git config uploadpack.allowFilter true");
	test_sh("git clone -q --filter=blob:none \"file://$PWD/src\" r");
	/* the merge-base blob of db/001.sql is not in the clone */
	test_sh("cd r && git rev-list --objects --missing=print --all | "
		"grep -q \"^?$(git rev-parse origin/main:db/001.sql)\"");
	r = audit("r", ARGS("diff", "origin/main"));
	cr_expect_eq(r.code, 1, "FK001 in the new version: %s%s",
		     buf_str(&r.out), buf_str(&r.err));
	cr_expect_eq(count(&r, "FK001", "db/001.sql"), 1, "%s",
		     buf_str(&r.out));
	f = file_entry(&r, "db/001.sql");
	cr_assert(f, "%s", buf_str(&r.out));
	cr_expect_str_eq(str(f, "status"), "audited");
	cr_expect_eq(num(f, "statements"), 2);
	cr_expect_eq(count(&r, "FK012", "db/001.sql"), 1);
	cr_expect(test_has(&r.out, "db/001.sql:1:1: warning: [FK012 "
				   "migration-modified] migration db/001.sql "
				   "already existed at the merge base"),
		  "%s", buf_str(&r.out));
	cr_expect(test_has(&r.out,
			   "so environments diverge; which lines it edits "
			   "could not be decided: its merge-base version "
			   "could not be read (blob bf04568227e3 is missing "
			   "or corrupt in the object database"),
		  "%s", buf_str(&r.out));
	cr_expect(test_has(&r.out, "), so FK012 is on line 1\n"), "%s",
		  buf_str(&r.out));
	cr_expect(file_entry(&r, "db/002.sql"), "the other file is audited");
	done(&r);
	/* --changed-lines cannot tell the changed lines: it keeps them all */
	r = audit("r", ARGS("diff", "--changed-lines", "origin/main"));
	cr_expect_eq(r.code, 1, "%s", buf_str(&r.err));
	cr_expect_eq(count(&r, "FK001", "db/001.sql"), 1, "%s",
		     buf_str(&r.out));
	cr_expect(test_has(&r.out, "--changed-lines keeps every statement"),
		  "%s", buf_str(&r.out));
	done(&r);
}

/* A line of `b` that starts with `start` and holds `part`. */
static bool has_line(const struct buf *b, const char *start, const char *part)
{
	const char *p = buf_str(b);

	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		char *line = strndup(p, len);
		bool hit = line && strncmp(line, start, strlen(start)) == 0 &&
			   strstr(line, part);

		free(line);
		if (hit)
			return true;
	}
	return false;
}

/*
 * A problem the history walk went past: in the text report and on
 * standard error, as a files entry in JSON, a notification in SARIF and
 * an <error> case in JUnit; the run exits 3.
 */
static void expect_problem(const struct run *r, const char *path,
			   const char *text)
{
	const cJSON *f = file_entry(r, path);
	char start[4200];

	cr_expect_eq(r->code, 3, "exit 3: %s", buf_str(&r->err));
	snprintf(start, sizeof(start), "%s: error: ", path);
	cr_expect(has_line(&r->out, start, text), "text report: %s",
		  buf_str(&r->out));
	snprintf(start, sizeof(start), "fkaudit history: %s: ", path);
	cr_expect(has_line(&r->err, start, text), "standard error: %s",
		  buf_str(&r->err));
	cr_assert(f, "a files entry for %s", path);
	cr_expect_str_eq(str(f, "status"), "unreadable");
	cr_expect(strstr(str(f, "problem"), text), "%s", str(f, "problem"));
	/* a folder or commit, not a file: counted apart from the files */
	cr_expect(cJSON_IsTrue(cJSON_GetObjectItem(f, "history_problem")));
	cr_expect_eq(num(cJSON_GetObjectItem(r->json, "history"), "unreadable"),
		     1);
	cr_expect(test_has(&r->out, "; 1 folder or commit could not be read\n"),
		  "%s", buf_str(&r->out));
	cr_expect(!test_has(&r->out, "not audited"), "%s", buf_str(&r->out));
	cr_expect(notification(r, text), "a SARIF notification");
	cr_expect(test_has(&r->junit, "<error message=\""), "%s",
		  buf_str(&r->junit));
}

/* 001: FK001; 002: an index; 003: another table (db/ changes each time) */
static void three_migrations(void)
{
	test_sh("git init -q -b main r");
	put("db/001_fk.sql", unsafe_fk);
	put("docs/a/x.txt", "one\n");
	commit("fk");
	put("db/002_idx.sql", "CREATE INDEX i ON users (id);\n");
	put("docs/a/x.txt", "two\n");
	commit("index");
	put("db/003_t.sql", "CREATE TABLE t (id bigint);\n");
	commit("table");
}

/* Defect 10: every migration is still audited and reported. */
static void expect_all_audited(const struct run *r)
{
	cr_expect_eq(count(r, "FK001", "db/001_fk.sql"), 1, "%s",
		     buf_str(&r->out));
	cr_expect_eq(count(r, "FK006", "db/002_idx.sql"), 1, "%s",
		     buf_str(&r->out));
	cr_expect_str_eq(str(file_entry(r, "db/001_fk.sql"), "status"),
			 "audited");
	cr_expect_str_eq(str(file_entry(r, "db/002_idx.sql"), "status"),
			 "audited");
	cr_expect_str_eq(str(file_entry(r, "db/003_t.sql"), "status"),
			 "audited");
}

Test(robust_git, history_missing_tree_in_a_folder_without_migrations)
{
	struct run r;
	char tree[41], c2[41], text[200];

	three_migrations();
	test_rev_parse("r", "HEAD~1:docs/a", tree);
	test_rev_parse("r", "HEAD~1", c2);
	drop_object("r", tree);
	r = audit("r", ARGS("history"));
	snprintf(text, sizeof(text),
		 "tree 'docs/a' (%.12s) of commit %.7s is missing or corrupt",
		 tree, c2);
	expect_problem(&r, "docs/a", text);
	expect_all_audited(&r);
	validate_sarif(&r);
	done(&r);
}

/*
 * With "migrations" naming the migration folder, the walk does not read
 * the folders beside it: a tree missing there (a partial clone) is no
 * problem, and the run is as if the tree were there.
 */
Test(robust_git, history_missing_tree_outside_the_configured_folders)
{
	struct run r;
	char tree[41];

	three_migrations();
	put(".fkaudit.json", "{\"migrations\": [\"db\"]}\n");
	commit("config");
	test_rev_parse("r", "HEAD~2:docs/a", tree);
	drop_object("r", tree);
	r = audit("r", ARGS("history"));
	cr_expect_eq(r.code, 1, "%s", buf_str(&r.err));
	cr_expect(!test_has(&r.out, "missing or corrupt"), "%s",
		  buf_str(&r.out));
	cr_expect(!test_has(&r.out, "could not be read"), "%s",
		  buf_str(&r.out));
	expect_all_audited(&r);
	validate_sarif(&r);
	done(&r);
}

Test(robust_git, history_missing_tree_in_the_migration_folder)
{
	struct run r;
	char tree[41], c2[41], c3[41], text[200];
	const cJSON *f;

	three_migrations();
	test_rev_parse("r", "HEAD~1:db", tree);
	test_rev_parse("r", "HEAD~1", c2);
	test_rev_parse("r", "HEAD", c3);
	drop_object("r", tree);
	r = audit("r", ARGS("history"));
	snprintf(text, sizeof(text),
		 "tree 'db' (%.12s) of commit %.7s is missing or corrupt", tree,
		 c2);
	expect_problem(&r, "db", text);
	expect_all_audited(&r);
	/* what commit 2 added is seen in the next commit that can be read */
	cJSON_ArrayForEach (f, cJSON_GetObjectItem(r.json, "findings"))
		if (strcmp(str(f, "rule"), "FK006") == 0)
			cr_expect_str_eq(
				str(cJSON_GetObjectItem(f, "introduced"),
				    "sha"),
				c3);
	done(&r);
}

Test(robust_git, history_missing_root_tree)
{
	struct run r;
	char tree[41], c2[41], text[200];

	three_migrations();
	test_rev_parse("r", "HEAD~1^{tree}", tree);
	test_rev_parse("r", "HEAD~1", c2);
	drop_object("r", tree);
	r = audit("r", ARGS("history"));
	snprintf(text, sizeof(text),
		 "tree '.' (%.12s) of commit %.7s is missing or corrupt", tree,
		 c2);
	expect_problem(&r, ".", text);
	expect_all_audited(&r);
	done(&r);
}

Test(robust_git, history_missing_commit)
{
	struct run r;
	char c2[41], c3[41], text[200];

	three_migrations();
	test_rev_parse("r", "HEAD~1", c2);
	test_rev_parse("r", "HEAD", c3);
	drop_object("r", c2);
	r = audit("r", ARGS("history"));
	snprintf(text, sizeof(text),
		 "commit %s, a parent of commit %.7s, is missing or corrupt",
		 c2, c3);
	expect_problem(&r, ".", text);
	/* the history behind it is not walked: commit 3 adds every file */
	expect_all_audited(&r);
	cr_expect_eq(num(cJSON_GetObjectItem(r.json, "history"), "commits"), 1);
	validate_sarif(&r);
	done(&r);
}

Test(robust_git, history_corrupt_commit)
{
	struct run r;
	char c2[41], c3[41], text[200];

	three_migrations();
	test_rev_parse("r", "HEAD~1", c2);
	test_rev_parse("r", "HEAD", c3);
	/*
	 * a loose object that inflates to no commit. (One cut short makes
	 * libgit2 1.5 loop for ever in inflate(): libgit2 issue 7342, fixed
	 * upstream by pull request 7346.)
	 */
	test_sh("f=r/.git/objects/%.2s/%s; chmod u+w $f; python3 -c 'import "
		"sys, "
		"zlib; sys.stdout.buffer.write(zlib.compress(b\"commit 9\\0"
		"garbage!!\"))' > $f",
		c2, c2 + 2);
	r = audit("r", ARGS("history"));
	snprintf(text, sizeof(text),
		 "commit %s, a parent of commit %.7s, is missing or corrupt",
		 c2, c3);
	expect_problem(&r, ".", text);
	expect_all_audited(&r);
	done(&r);
}

/* A data file renamed with an edit: rename detection reads both blobs. */
Test(robust_git, history_missing_blob_of_a_renamed_data_file)
{
	struct run r;
	char blob[41];
	const cJSON *f;

	three_migrations();
	test_sh("cd r && mkdir data && seq 1 50 | sed 's/.*/INSERT INTO t "
		"VALUES "
		"(&);/' > data/rows.sql && git add -A && git commit -qm rows");
	test_rev_parse("r", "HEAD:data/rows.sql", blob);
	test_sh("cd r && git mv data/rows.sql data/rows2.sql && echo 'INSERT "
		"INTO "
		"t VALUES (51);' >> data/rows2.sql && git add -A && "
		"git commit -qm 'more rows'");
	drop_object("r", blob);
	r = audit("r", ARGS("history"));
	/* exit 1 for the findings: the version at HEAD was audited */
	cr_expect_eq(r.code, 1, "%s%s", buf_str(&r.out), buf_str(&r.err));
	expect_all_audited(&r);
	f = file_entry(&r, "data/rows2.sql");
	cr_assert(f, "%s", buf_str(&r.out));
	cr_expect_str_eq(str(f, "status"), "audited");
	f = file_entry(&r, "data/rows.sql");
	cr_assert(f, "the old version is noted: %s", buf_str(&r.out));
	cr_expect_str_eq(str(f, "status"), "unreadable");
	cr_expect(strstr(str(f, "problem"), blob), "%s", str(f, "problem"));
	done(&r);
}

/*
 * Cuts the loose object `oid` of test_dir/r to half its length. libgit2
 * 1.5 alone loops for ever reading one (its issue 7342): core/source/git_loose.c
 * reads loose objects first.
 */
static void truncate_object(const char *oid)
{
	test_sh("f=r/.git/objects/%.2s/%s; chmod u+w $f && n=$(wc -c < $f) && "
		"head -c $((n / 2)) $f > $f.cut && mv $f.cut $f",
		oid, oid + 2);
}

/* The JSON files entry of `path`: unreadable, for `why` about `oid`. */
static void expect_unreadable(const struct run *r, const char *path,
			      const char *oid, const char *why)
{
	const cJSON *f = file_entry(r, path);
	char text[200];

	snprintf(text, sizeof(text), "loose object %.12s is corrupt: %s", oid,
		 why);
	cr_assert(f, "a files entry for %s: %s", path, buf_str(&r->out));
	cr_expect_str_eq(str(f, "status"), "unreadable");
	cr_expect(strstr(str(f, "problem"), text), "%s", str(f, "problem"));
}

Test(robust_git, history_truncated_loose_blob)
{
	struct run r;
	char blob[41];

	three_migrations();
	test_rev_parse("r", "HEAD:db/002_idx.sql", blob);
	truncate_object(blob);
	r = audit("r", ARGS("history"));
	cr_expect_eq(r.code, 3, "%s%s", buf_str(&r.out), buf_str(&r.err));
	expect_unreadable(&r, "db/002_idx.sql", blob,
			  "it is shorter than its header says (truncated?)");
	cr_expect_eq(count(&r, "FK001", "db/001_fk.sql"), 1, "%s",
		     buf_str(&r.out));
	cr_expect_str_eq(str(file_entry(&r, "db/003_t.sql"), "status"),
			 "audited");
	validate_sarif(&r);
	done(&r);
}

Test(robust_git, diff_truncated_loose_blob)
{
	struct run r;
	char blob[41];

	three_migrations();
	test_rev_parse("r", "HEAD:db/002_idx.sql", blob);
	truncate_object(blob);
	r = audit("r", ARGS("diff", "HEAD~2"));
	cr_expect_eq(r.code, 3, "%s%s", buf_str(&r.out), buf_str(&r.err));
	expect_unreadable(&r, "db/002_idx.sql", blob,
			  "it is shorter than its header says (truncated?)");
	cr_expect_str_eq(str(file_entry(&r, "db/003_t.sql"), "status"),
			 "audited");
	done(&r);
}

Test(robust_git, history_truncated_loose_tree)
{
	struct run r;
	char tree[41], c2[41], text[200];

	three_migrations();
	test_rev_parse("r", "HEAD~1:db", tree);
	test_rev_parse("r", "HEAD~1", c2);
	truncate_object(tree);
	r = audit("r", ARGS("history"));
	snprintf(text, sizeof(text),
		 "tree 'db' (%.12s) of commit %.7s is missing or corrupt", tree,
		 c2);
	expect_problem(&r, "db", text);
	snprintf(text, sizeof(text), "loose object %.12s is corrupt", tree);
	cr_expect(test_has(&r.err, text), "the reason: %s", buf_str(&r.err));
	expect_all_audited(&r);
	done(&r);
}

Test(robust_git, history_truncated_loose_commit)
{
	struct run r;
	char c2[41], c3[41], text[200];

	three_migrations();
	test_rev_parse("r", "HEAD~1", c2);
	test_rev_parse("r", "HEAD", c3);
	truncate_object(c2);
	r = audit("r", ARGS("history"));
	snprintf(text, sizeof(text),
		 "commit %s, a parent of commit %.7s, is missing or corrupt",
		 c2, c3);
	expect_problem(&r, ".", text);
	expect_all_audited(&r);
	done(&r);
}

/* A revision named by a prefix: libgit2 asks every backend to read it. */
Test(robust_git, history_of_a_truncated_commit_named_by_prefix)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	char dir[4200], c3[41], prefix[8], text[200];
	int code;

	three_migrations();
	test_rev_parse("r", "HEAD", c3);
	truncate_object(c3);
	snprintf(dir, sizeof(dir), "%s/r", test_dir);
	snprintf(prefix, sizeof(prefix), "%.7s", c3);
	code = run_fkaudit(ARGS("history", prefix), dir, NULL, NULL, &out,
			   &err);
	snprintf(text, sizeof(text),
		 "fkaudit history: cannot read revision '%s' (loose object "
		 "%.12s is corrupt: it is shorter than its header says",
		 prefix, c3);
	cr_expect_eq(code, 3, "%s", buf_str(&err));
	cr_expect(test_has(&err, text), "%s", buf_str(&err));
	buf_release(&out);
	buf_release(&err);
}

/* libgit2 1.5 alone writes past its buffer here (its issue 7177). */
Test(robust_git, history_loose_blob_longer_than_its_header)
{
	struct run r;
	char blob[41];

	three_migrations();
	test_rev_parse("r", "HEAD:db/002_idx.sql", blob);
	test_sh("f=r/.git/objects/%.2s/%s; chmod u+w $f; python3 -c 'import "
		"sys, "
		"zlib; sys.stdout.buffer.write(zlib.compress(b\"blob 3\\0"
		"CREATE INDEX i ON users (id);\\n\"))' > $f",
		blob, blob + 2);
	r = audit("r", ARGS("history"));
	cr_expect_eq(r.code, 3, "%s%s", buf_str(&r.out), buf_str(&r.err));
	expect_unreadable(&r, "db/002_idx.sql", blob,
			  "it holds more than its header says");
	done(&r);
}

/* How many findings of a JSON report have "baseline": `mark`. */
static int marked(const struct run *r, const char *mark)
{
	const cJSON *f;
	int n = 0;

	cJSON_ArrayForEach (f, cJSON_GetObjectItem(r->json, "findings"))
		n += strcmp(str(f, "baseline"), mark) == 0;
	return n;
}

/* How many SARIF results have baselineState `mark`. */
static int sarif_marked(const struct run *r, const char *mark)
{
	const cJSON *res;
	int n = 0;

	cJSON_ArrayForEach (
		res, cJSON_GetObjectItem(
			     cJSON_GetArrayItem(
				     cJSON_GetObjectItem(r->sarif, "runs"), 0),
			     "results"))
		n += strcmp(str(res, "baselineState"), mark) == 0;
	return n;
}

/*
 * --baseline, for check, diff and history, from a JSON and from a SARIF
 * report: lines inserted above a finding keep it (and a formatter's case
 * changes), a new finding alone fails the run, a removed one is absent;
 * every report says so, and the SARIF passes the validators.
 */
Test(robust_git, baseline_for_each_command_and_format)
{
	static const char *const cmds[][4] = {
		{ "check", "--baseline", NULL, "." },
		{ "diff", "--baseline", NULL, "base" },
		{ "history", "--baseline", NULL, NULL },
	};
	static const char *const kinds[] = { "json", "sarif" };
	/* history also finds the edit of 003 (FK012: it changed the SQL) */
	static const int fresh[] = { 1, 1, 2 };
	char baseline[4300];
	size_t c, k;

	test_sh("git init -q -b main r");
	put("db/001_init.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n"
			       "CREATE TABLE orders (id bigint, user_id "
			       "bigint, a int, b int);\n");
	commit("init");
	test_sh("cd r && git tag base");
	put("db/002_fk.sql", unsafe_fk);
	put("db/003_idx.sql", "CREATE INDEX orders_a_idx ON orders (a);\n");
	commit("fk and index");
	for (c = 0; c < 3; c++) {
		for (k = 0; k < 2; k++) {
			struct run r;
			const char *args[8];
			size_t n = 0;
			const cJSON *sum;

			test_sh("cd r && git checkout -q -f main && git reset "
				"-q --hard HEAD && git tag -f now >/dev/null");
			/* the baseline: the reports of the run before */
			args[n++] = cmds[c][0];
			if (cmds[c][3])
				args[n++] = cmds[c][3];
			args[n] = NULL;
			r = audit("r", args);
			cr_expect_eq(r.code, 1, "%s", buf_str(&r.err));
			done(&r);
			snprintf(baseline, sizeof(baseline), "%s/baseline.%s",
				 test_dir, kinds[k]);
			test_sh("cp '%s/report.%s' '%s'", test_dir, kinds[k],
				baseline);
			/* lines above the FK, case changed; a new index; the
			   old one made safe */
			put("db/002_fk.sql",
			    "-- a comment\n\n"
			    "alter table orders add constraint orders_user_fk\n"
			    "  foreign key (user_id) references users (id);\n");
			put("db/003_idx.sql", "CREATE INDEX CONCURRENTLY "
					      "orders_a_idx ON orders (a);\n");
			put("db/004_idx.sql",
			    "CREATE INDEX orders_b_idx ON orders (b);\n");
			commit("edit");
			n = 0;
			args[n++] = cmds[c][0];
			args[n++] = "--baseline";
			args[n++] = baseline;
			if (cmds[c][3])
				args[n++] = cmds[c][3];
			args[n] = NULL;
			r = audit("r", args);
			cr_expect_eq(r.code, 1, "%s %s: %s", cmds[c][0],
				     kinds[k], buf_str(&r.err));
			sum = cJSON_GetObjectItem(
				cJSON_GetObjectItem(r.json, "summary"),
				"baseline");
			cr_expect_eq(num(sum, "new"), fresh[c], "%s %s: %s",
				     cmds[c][0], kinds[k], buf_str(&r.out));
			cr_expect_eq(num(sum, "unchanged"), 3, "%s %s: %s",
				     cmds[c][0], kinds[k], buf_str(&r.out));
			cr_expect_eq(num(sum, "absent"), 1, "%s %s", cmds[c][0],
				     kinds[k]);
			cr_expect_eq(marked(&r, "new"), fresh[c]);
			cr_expect_eq(sarif_marked(&r, "new"), fresh[c]);
			cr_expect_eq(sarif_marked(&r, "unchanged"), 3);
			cr_expect(test_has(&r.junit, "name=\"baseline\" "
						     "value=\"new\""),
				  "%s", buf_str(&r.junit));
			snprintf(baseline, sizeof(baseline),
				 "against the baseline: %d new, 3 unchanged, 1 "
				 "absent",
				 fresh[c]);
			cr_expect(test_has(&r.out, baseline), "%s",
				  buf_str(&r.out));
			snprintf(baseline, sizeof(baseline), "%s/baseline.%s",
				 test_dir, kinds[k]);
			validate_sarif(&r);
			done(&r);
			/* the new one made safe too: nothing new fails */
			put("db/004_idx.sql", "CREATE INDEX CONCURRENTLY "
					      "orders_b_idx ON orders (b);\n");
			commit("safe");
			r = audit("r", args);
			cr_expect_eq(r.code, 0, "%s %s: %s", cmds[c][0],
				     kinds[k], buf_str(&r.out));
			done(&r);
			test_sh("cd r && git reset -q --hard now && rm -f "
				"db/004_idx.sql");
		}
	}
}
