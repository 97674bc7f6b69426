/*
 * `check` and `detect` on awkward file systems: symbolic links, loops,
 * submodules, odd names, deep trees, missing paths and long
 * configuration values. Each case asserts the exit status, the message,
 * that the other files were still audited, and that the reports parse.
 */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run.h"
#include "utf8.h"

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static const char unsafe[] =
	"ALTER TABLE messages ADD CONSTRAINT fk FOREIGN KEY (user_id) "
	"REFERENCES users (id);\n";

static const char skip_link[] = "symbolic link: not followed; the file it "
				"points to is audited where it lives";
static const char skip_sub[] = "submodule: fkaudit does not look for "
			       "migrations inside submodules; audit that "
			       "repository on its own";

TestSuite(robust_walk, .init = test_git_setup, .fini = test_dir_teardown);

/* Parses test_dir/`name` (a JSON or SARIF report); the caller frees it. */
static cJSON *parse_report(const char *name)
{
	char path[PATH_MAX];
	struct buf b = BUF_INIT;
	cJSON *j;

	snprintf(path, sizeof(path), "%s/%s", test_dir, name);
	cr_assert(read_file(path, &b) == 0, "no report %s", name);
	cr_assert(test_valid_utf8(&b), "%s is not valid UTF-8", name);
	j = cJSON_ParseWithLength(b.ptr, b.len);
	cr_assert(j, "%s does not parse", name);
	buf_release(&b);
	return j;
}

/* The JSON report's files entry for `path`, or NULL. */
static const cJSON *json_file(const cJSON *report, const char *path)
{
	const cJSON *f;

	cJSON_ArrayForEach (f, cJSON_GetObjectItem(report, "files"))
		if (strcmp(cJSON_GetObjectItem(f, "path")->valuestring, path) ==
		    0)
			return f;
	return NULL;
}

static size_t json_count(const cJSON *report, const char *key)
{
	return (size_t)cJSON_GetArraySize(cJSON_GetObjectItem(report, key));
}

static void expect_file(const cJSON *report, const char *path,
			const char *status, const char *problem)
{
	const cJSON *f = json_file(report, path);
	const cJSON *p;

	cr_assert(f, "no files entry for %s", path);
	cr_expect_str_eq(cJSON_GetObjectItem(f, "status")->valuestring, status,
			 "%s", path);
	p = cJSON_GetObjectItem(f, "problem");
	if (problem)
		cr_expect(cJSON_IsString(p) &&
				  strcmp(p->valuestring, problem) == 0,
			  "%s: problem %s", path,
			  cJSON_IsString(p) ? p->valuestring : "null");
}

/* The SARIF report's notifications, as one string for searching. */
static char *sarif_notes(const cJSON *sarif)
{
	const cJSON *runs = cJSON_GetObjectItem(sarif, "runs");
	const cJSON *run = cJSON_GetArrayItem(runs, 0);
	const cJSON *inv =
		cJSON_GetArrayItem(cJSON_GetObjectItem(run, "invocations"), 0);
	const cJSON *notes =
		cJSON_GetObjectItem(inv, "toolExecutionNotifications");

	cr_assert(notes, "no toolExecutionNotifications");
	return cJSON_PrintUnformatted(notes);
}

/* The JUnit report is whole and has `path` among its skipped cases. */
static void expect_junit_skipped(const char *path)
{
	char file[PATH_MAX];
	struct buf b = BUF_INIT;
	const char *c;

	snprintf(file, sizeof(file), "%s/r.xml", test_dir);
	cr_assert(read_file(file, &b) == 0, "no JUnit report");
	cr_expect(strstr(b.ptr, "</testsuites>"), "JUnit cut: %s", b.ptr);
	c = strstr(b.ptr, path);
	cr_expect(c && strstr(c, "<skipped"), "%s not skipped: %s", path,
		  b.ptr);
	buf_release(&b);
}

/* check db with every report; the exit status; text in out, err. */
static int check_all(const char *dir, struct buf *out, struct buf *err)
{
	int code =
		run_fkaudit(ARGS("check", "--color=never", "--json", "r.json",
				 "--sarif", "r.sarif", "--junit", "r.xml", dir),
			    test_dir, NULL, NULL, out, err);

	cr_expect(code < 128, "killed by signal %d", code - 128);
	return code;
}

Test(robust_walk, symlinks_are_noted_not_followed)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	cJSON *j, *s;
	char *notes;

	cr_assert(put_test_file("db/001.sql", unsafe) == 0);
	cr_assert(put_test_file("db/folder/003.sql", unsafe) == 0);
	test_sh("ln -s 001.sql db/002_link.sql && ln -s nowhere.sql "
		"db/004_broken.sql && ln -s 005_loop.sql db/005_loop.sql && "
		"ln -s folder db/006_dirlink && ln -s .. db/folder/up");
	cr_expect_eq(check_all("db", &out, &err), 1, "%s", err.ptr);
	j = parse_report("r.json");
	cr_expect_eq(json_count(j, "findings"), 4, "each file once: 2 x 2");
	expect_file(j, "db/001.sql", "audited", NULL);
	expect_file(j, "db/folder/003.sql", "audited", NULL);
	expect_file(j, "db/002_link.sql", "skipped", skip_link);
	expect_file(j, "db/004_broken.sql", "skipped", skip_link);
	expect_file(j, "db/005_loop.sql", "skipped", skip_link);
	expect_file(j, "db/006_dirlink", "skipped", skip_link);
	expect_file(j, "db/folder/up", "skipped", skip_link);
	cr_expect_eq(json_count(j, "files"), 7);
	cr_expect(strstr(out.ptr, "db/002_link.sql: note: symbolic link"), "%s",
		  out.ptr);
	s = parse_report("r.sarif");
	notes = sarif_notes(s);
	cr_expect(strstr(notes, "db/005_loop.sql"), "%s", notes);
	cr_expect(strstr(notes, "\"level\":\"warning\""), "%s", notes);
	free(notes);
	expect_junit_skipped("db/006_dirlink");
	cJSON_Delete(j);
	cJSON_Delete(s);
	buf_release(&out);
	buf_release(&err);
}

Test(robust_walk, symlink_named_on_the_command_line_is_audited)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	cJSON *j;

	cr_assert(put_test_file("real/001.sql", unsafe) == 0);
	test_sh("ln -s real/001.sql 001_link.sql && ln -s real linked");
	cr_expect_eq(run_fkaudit(ARGS("check", "--json", "r.json",
				      "001_link.sql", "linked"),
				 test_dir, NULL, NULL, &out, &err),
		     1, "%s", err.ptr);
	j = parse_report("r.json");
	expect_file(j, "001_link.sql", "audited", NULL);
	expect_file(j, "linked/001.sql", "audited", NULL);
	cJSON_Delete(j);
	buf_release(&out);
	buf_release(&err);
}

/* A broken link named on the command line: a path that does not exist. */
Test(robust_walk, broken_symlink_named_on_the_command_line)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	cJSON *j;

	cr_assert(put_test_file("001.sql", unsafe) == 0);
	test_sh("ln -s gone.sql 002_broken.sql");
	cr_expect_eq(run_fkaudit(ARGS("check", "--color=never", "--json",
				      "r.json", "002_broken.sql", "001.sql"),
				 test_dir, NULL, NULL, &out, &err),
		     2, "%s", err.ptr);
	cr_expect(strstr(out.ptr, "002_broken.sql: error: broken symbolic "
				  "link: it points to gone.sql, which does "
				  "not exist\n"),
		  "%s", out.ptr);
	j = parse_report("r.json");
	expect_file(j, "001.sql", "audited", NULL);
	expect_file(j, "002_broken.sql", "not_found", NULL);
	cr_expect_eq(json_count(j, "findings"), 2);
	cJSON_Delete(j);
	buf_release(&out);
	buf_release(&err);
}

Test(robust_walk, folder_with_a_git_file_is_a_submodule)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	cJSON *j;

	cr_assert(put_test_file("db/001.sql", unsafe) == 0);
	cr_assert(put_test_file("db/vendor/.git", "gitdir: ../x\n") == 0);
	cr_assert(put_test_file("db/vendor/002.sql", unsafe) == 0);
	cr_expect_eq(check_all("db", &out, &err), 1, "%s", err.ptr);
	j = parse_report("r.json");
	expect_file(j, "db/001.sql", "audited", NULL);
	expect_file(j, "db/vendor", "skipped", skip_sub);
	cr_expect_null(json_file(j, "db/vendor/002.sql"));
	cr_expect_eq(json_count(j, "findings"), 2);
	cJSON_Delete(j);
	buf_release(&out);
	buf_release(&err);
}

Test(robust_walk, git_submodule_is_noted_not_walked)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	char app[PATH_MAX];
	cJSON *j, *s;
	char *notes;

	cr_assert(put_test_file("lib/001.sql", unsafe) == 0);
	test_sh("cd lib && git init -q && git add . && git commit -qm lib");
	test_sh("mkdir app && cd app && git init -q && mkdir db && "
		"cp ../lib/001.sql db/001.sql && git add . && git commit -qm a "
		"&& "
		"git -c protocol.file.allow=always submodule -q add ../lib "
		"db/lib && git commit -qm sub");
	snprintf(app, sizeof(app), "%s/app", test_dir);
	cr_expect_eq(
		run_fkaudit(ARGS("check", "--color=never", "--json",
				 "../r.json", "--sarif", "../r.sarif", "db"),
			    app, NULL, NULL, &out, &err),
		1, "%s", err.ptr);
	j = parse_report("r.json");
	expect_file(j, "db/001.sql", "audited", NULL);
	expect_file(j, "db/lib", "skipped", skip_sub);
	cr_expect_null(json_file(j, "db/lib/001.sql"));
	cr_expect_eq(json_count(j, "findings"), 2);
	cr_expect(strstr(out.ptr, "db/lib: note: submodule"), "%s", out.ptr);
	s = parse_report("r.sarif");
	notes = sarif_notes(s);
	cr_expect(strstr(notes, "db/lib"), "%s", notes);
	free(notes);
	cJSON_Delete(j);
	cJSON_Delete(s);
	buf_release(&out);
	buf_release(&err);
}

/* A submodule not checked out: the index's gitlink says what it is. */
Test(robust_walk, gitlink_in_the_index_is_a_submodule)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	cJSON *j;

	cr_assert(put_test_file("db/001.sql", unsafe) == 0);
	cr_assert(put_test_file("db/ext/002.sql", unsafe) == 0);
	test_sh("git init -q && git add db/001.sql && git update-index --add "
		"--cacheinfo "
		"160000,1111111111111111111111111111111111111111,db/ext "
		"&& git commit -qm gitlink");
	cr_expect_eq(check_all("db", &out, &err), 1, "%s", err.ptr);
	j = parse_report("r.json");
	expect_file(j, "db/001.sql", "audited", NULL);
	expect_file(j, "db/ext", "skipped", skip_sub);
	cr_expect_null(json_file(j, "db/ext/002.sql"));
	cJSON_Delete(j);
	buf_release(&out);
	buf_release(&err);
}

/* Odd names are audited; the reports stay valid UTF-8. */
Test(robust_walk, odd_file_names)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	char longname[300];
	cJSON *j;

	memset(longname, 'a', sizeof(longname));
	memcpy(longname, "db/", 3);
	strcpy(longname + 3 + 251, ".sql"); /* a name of 255 bytes: NAME_MAX */
	cr_assert(put_test_file("db/001 with space.sql", unsafe) == 0);
	cr_assert(put_test_file("db/002_new\nline.sql", unsafe) == 0);
	cr_assert(put_test_file("db/003_bad\xff\xfe.sql", unsafe) == 0);
	cr_assert(put_test_file("db/-004_dash.sql", unsafe) == 0);
	cr_assert(put_test_file(longname, unsafe) == 0);
	cr_expect_eq(check_all("db", &out, &err), 1, "%s", err.ptr);
	j = parse_report("r.json");
	cr_expect_eq(json_count(j, "files"), 5);
	cr_expect_eq(json_count(j, "findings"), 10);
	expect_file(j, "db/001 with space.sql", "audited", NULL);
	expect_file(j, "db/002_new\nline.sql", "audited", NULL);
	expect_file(j, "db/-004_dash.sql", "audited", NULL);
	expect_file(j, longname, "audited", NULL);
	cJSON_Delete(j);
	cJSON_Delete(parse_report("r.sarif"));
	buf_release(&out);
	buf_release(&err);
}

/* Deeper than the walk goes: said so, with the folder and the limit. */
Test(robust_walk, deep_folder_tree)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	char path[PATH_MAX] = "db/001.sql";
	size_t n = 0;
	int i;
	cJSON *j;
	const cJSON *f;
	bool said = false;

	cr_assert(put_test_file(path, unsafe) == 0);
	n = (size_t)snprintf(path, sizeof(path), "db");
	for (i = 0; i < 70; i++)
		n += (size_t)snprintf(path + n, sizeof(path) - n, "/d");
	snprintf(path + n, sizeof(path) - n, "/deep.sql");
	cr_assert(put_test_file(path, unsafe) == 0);
	cr_expect_eq(check_all("db", &out, &err), 3, "%s", err.ptr);
	j = parse_report("r.json");
	expect_file(j, "db/001.sql", "audited", NULL);
	cJSON_ArrayForEach (f, cJSON_GetObjectItem(j, "files")) {
		const cJSON *p = cJSON_GetObjectItem(f, "problem");

		if (cJSON_IsString(p) && strstr(p->valuestring, "64 levels")) {
			said = true;
			cr_expect(strstr(p->valuestring, "deeper than"), "%s",
				  p->valuestring);
		}
		cr_expect(!cJSON_IsString(p) ||
				  !strstr(p->valuestring, "symbolic links"),
			  "%s", p->valuestring);
	}
	cr_expect(said, "no file names the depth limit");
	cJSON_Delete(j);
	buf_release(&out);
	buf_release(&err);
}

Test(robust_walk, detect_missing_path)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	cJSON *j;

	cr_assert(put_test_file("db/001.sql", unsafe) == 0);
	cr_expect_eq(run_fkaudit(ARGS("detect", "missing.sql", "db"), test_dir,
				 NULL, NULL, &out, &err),
		     2, "%s", out.ptr);
	cr_expect(strstr(out.ptr, "db/001.sql"), "db still detected: %s",
		  out.ptr);
	cr_expect_str_eq(err.ptr ? err.ptr : "",
			 "missing.sql: error: no such file or folder\n");
	buf_reset(&out);
	buf_reset(&err);
	cr_expect_eq(run_fkaudit(ARGS("detect", "--format", "json",
				      "missing.sql", "db"),
				 test_dir, NULL, NULL, &out, &err),
		     2, "%s", out.ptr);
	cr_expect(err.ptr &&
			  strstr(err.ptr, "missing.sql: error: no such file"),
		  "%s", err.ptr);
	j = cJSON_Parse(out.ptr);
	cr_expect_eq(cJSON_GetArraySize(j), 1, "db/001.sql: %s", out.ptr);
	cJSON_Delete(j);
	buf_release(&out);
	buf_release(&err);
}

/* A long invalid value in the configuration: cut whole, with "…". */
Test(robust_walk, config_long_multibyte_value)
{
	struct buf out = BUF_INIT, err = BUF_INIT, cfg = BUF_INIT;
	int i;

	cr_assert(put_test_file("db/001.sql", unsafe) == 0);
	buf_adds(&cfg, "{ \"framework\": \"x");
	for (i = 0; i < 2000; i++)
		buf_adds(&cfg, "\xc3\xa9"); /* é */
	buf_adds(&cfg, "\" }\n");
	cr_assert(put_test_file(".fkaudit.json", cfg.ptr) == 0);
	cr_expect_eq(run_fkaudit(ARGS("check", "--json", "r.json", "db"),
				 test_dir, NULL, NULL, &out, &err),
		     2, "%s", err.ptr);
	cr_expect(test_valid_utf8(&err), "not valid UTF-8: %s", err.ptr);
	cr_expect(strstr(err.ptr, ".fkaudit.json: $.framework: "), "%s",
		  err.ptr);
	cr_expect(strstr(err.ptr, "\xc3\xa9\xe2\x80\xa6"), "no \"…\": %s",
		  err.ptr);
	buf_release(&cfg);
	buf_release(&out);
	buf_release(&err);
}

/*
 * A foreign key over many long multibyte column names: the names are
 * cut in the message's fixed buffers at a character, with "…", never
 * into a replacement character.
 */
Test(robust_walk, long_multibyte_column_list)
{
	struct buf out = BUF_INIT, err = BUF_INIT, sql = BUF_INIT;
	const char *const sides[2] = { "\xc3\xbc", "\xc3\xa9" }; /* ü, é */
	const cJSON *f;
	cJSON *j;
	int side, i, k;

	for (side = 0; side < 2; side++) {
		buf_adds(&sql, side ? "CREATE TABLE t (" : "CREATE TABLE u (");
		for (i = 0; i < 20; i++) {
			for (k = 0; k < 30; k++)
				buf_adds(&sql, sides[side]);
			buf_addf(&sql, "%d int, ", i);
		}
		buf_adds(&sql, side ? "FOREIGN KEY (" : "PRIMARY KEY (");
		for (i = 0; i < 20; i++) {
			for (k = 0; k < 30; k++)
				buf_adds(&sql, sides[side]);
			buf_addf(&sql, "%d%s", i, i < 19 ? ", " : ")");
		}
		if (side) {
			buf_adds(&sql, " REFERENCES u (");
			for (i = 0; i < 20; i++) {
				for (k = 0; k < 30; k++)
					buf_adds(&sql, sides[0]);
				buf_addf(&sql, "%d%s", i, i < 19 ? ", " : ")");
			}
		}
		buf_adds(&sql, ");\n");
	}
	cr_assert(put_test_file("001.sql", sql.ptr) == 0);
	cr_expect_eq(run_fkaudit(ARGS("check", "--json", "r.json", "001.sql"),
				 test_dir, NULL, NULL, &out, &err),
		     0, "%s", err.ptr);
	j = parse_report("r.json");
	cr_assert_eq(json_count(j, "findings"), 1);
	f = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "findings"), 0);
	cr_expect_str_eq(cJSON_GetObjectItem(f, "rule")->valuestring, "FK005");
	cr_expect(!strstr(cJSON_GetObjectItem(f, "message")->valuestring,
			  "\xef\xbf\xbd"),
		  "a character cut: %s",
		  cJSON_GetObjectItem(f, "message")->valuestring);
	cr_expect(strstr(cJSON_GetObjectItem(f, "message")->valuestring,
			 "\xe2\x80\xa6"),
		  "no \"…\": %s",
		  cJSON_GetObjectItem(f, "message")->valuestring);
	cJSON_Delete(j);
	buf_release(&sql);
	buf_release(&out);
	buf_release(&err);
}

/* What is noted and not followed does not change the exit status. */
Test(robust_walk, notes_keep_a_clean_run_clean)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	cJSON *j;

	cr_assert(put_test_file("db/001.sql", "SELECT 1;\n") == 0);
	cr_assert(put_test_file("db/vendor/.git", "gitdir: ../x\n") == 0);
	test_sh("ln -s gone.sql db/002_broken.sql");
	cr_expect_eq(check_all("db", &out, &err), 0, "%s", err.ptr);
	j = parse_report("r.json");
	expect_file(j, "db/001.sql", "audited", NULL);
	expect_file(j, "db/002_broken.sql", "skipped", skip_link);
	expect_file(j, "db/vendor", "skipped", skip_sub);
	cJSON_Delete(j);
	cJSON_Delete(parse_report("r.sarif"));
	expect_junit_skipped("db/vendor");
	buf_release(&out);
	buf_release(&err);
}
