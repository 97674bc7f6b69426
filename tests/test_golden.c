/*
 * Golden tests: every testdata/rules/<RULE>/<case>.sql is audited by the
 * binary and its text report (plus the exit status) compared with
 * <case>.expected. Beyond the golden text, a fire_* case must report its
 * rule and a nofire_* case must not. FKAUDIT_UPDATE_GOLDEN=1 rewrites
 * the .expected files instead (review the diff).
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run.h"

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void check_case(const char *rule, const char *name)
{
	char sql[512], expected[512], tag[32];
	struct buf out = BUF_INIT, want = BUF_INIT;
	const char *args[6];
	size_t n = 0;
	int code;

	snprintf(sql, sizeof(sql), "testdata/rules/%s/%s", rule, name);
	snprintf(expected, sizeof(expected), "%.*s.expected",
		 (int)(strlen(sql) - 4), sql);
	args[n++] = "check";
	args[n++] = "--color=never";
	if (ends_with(name, ".assume-tx.sql"))
		args[n++] = "--assume-transaction";
	args[n++] = sql;
	args[n] = NULL;
	code = run_fkaudit(args, NULL, NULL, NULL, &out, NULL);
	buf_addf(&out, "exit status: %d\n", code);
	if (getenv("FKAUDIT_UPDATE_GOLDEN")) {
		cr_expect(write_file(expected, out.ptr, out.len) == 0,
			  "cannot write %s", expected);
	} else {
		cr_expect(read_file(expected, &want) == 0,
			  "%s has no .expected file", sql);
		cr_expect(
			strcmp(buf_str(&out), buf_str(&want)) == 0,
			"%s: output differs from %s:\n--- got\n%s--- want\n%s",
			sql, expected, buf_str(&out), buf_str(&want));
	}
	snprintf(tag, sizeof(tag), "[%s ", rule);
	if (strncmp(name, "fire_", 5) == 0)
		cr_expect(strstr(buf_str(&out), tag) != NULL,
			  "%s must report %s", sql, rule);
	else if (strncmp(name, "nofire_", 7) == 0)
		cr_expect(strstr(buf_str(&out), tag) == NULL,
			  "%s must not report %s", sql, rule);
	cr_expect(code == 0 || code == 1, "%s: exit status %d", sql, code);
	buf_release(&out);
	buf_release(&want);
}

static size_t list(const char *dir, char **names, size_t max, bool dirs)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	cr_assert(d != NULL, "cannot open %s (run from the source root)", dir);
	while ((de = readdir(d)) && n < max) {
		/* rule folders are "FK001"; cases are "<name>.sql" */
		if (dirs ? strchr(de->d_name, '.') != NULL
			 : !ends_with(de->d_name, ".sql"))
			continue;
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), name_cmp);
	return n;
}

Test(golden, rules)
{
	char *rules[64], *cases[256], dir[256];
	size_t nr = list("testdata/rules", rules, 64, true), i, k, total = 0;

	cr_assert(nr >= 8, "expected a folder per rule in testdata/rules");
	for (i = 0; i < nr; i++) {
		size_t nc;

		snprintf(dir, sizeof(dir), "testdata/rules/%s", rules[i]);
		nc = list(dir, cases, 256, false);
		cr_expect(nc >= 6,
			  "%s: want at least 3 fire and 3 nofire "
			  "cases",
			  rules[i]);
		for (k = 0; k < nc; k++) {
			check_case(rules[i], cases[k]);
			free(cases[k]);
		}
		total += nc;
		free(rules[i]);
	}
	cr_assert(total > 50);
}

/*
 * Every report format over one fixed input (testdata/reports/input: a
 * suppression, an unused one, newer syntax, a path with a space, a
 * non-ASCII letter and a '%', a clean file, a binary one), compared with
 * testdata/reports/expected.<format>. Run from the input folder with git
 * discovery stopped above it, so that the output does not depend on the
 * checkout.
 */
static void check_format(const char *format, const char *const *extra)
{
	char cwd[4096], ceiling[4200], expected[256], env[4300];
	struct buf out = BUF_INIT, want = BUF_INIT;
	const char *args[12];
	const char *envs[3] = { env, "GITHUB_STEP_SUMMARY=", NULL };
	size_t n = 0;
	int code;

	cr_assert(getcwd(cwd, sizeof(cwd)) != NULL);
	snprintf(ceiling, sizeof(ceiling), "%s/testdata/reports", cwd);
	snprintf(env, sizeof(env), "GIT_CEILING_DIRECTORIES=%s", ceiling);
	args[n++] = "check";
	args[n++] = "--color=never";
	args[n++] = "--format";
	args[n++] = format;
	for (; extra && *extra; extra++)
		args[n++] = *extra;
	args[n] = NULL;
	code = run_fkaudit(args, "testdata/reports/input", NULL, envs, &out,
			   NULL);
	buf_addf(&out, "exit status: %d\n", code);
	snprintf(expected, sizeof(expected), "testdata/reports/expected.%s%s",
		 format, extra ? "-suppressed" : "");
	if (getenv("FKAUDIT_UPDATE_GOLDEN")) {
		cr_expect(write_file(expected, out.ptr, out.len) == 0);
	} else {
		cr_expect(read_file(expected, &want) == 0, "no %s", expected);
		cr_expect(strcmp(buf_str(&out), buf_str(&want)) == 0,
			  "%s differs:\n--- got\n%s--- want\n%s", expected,
			  buf_str(&out), buf_str(&want));
	}
	cr_expect_eq(code, 3, "a binary file is among the inputs");
	buf_release(&out);
	buf_release(&want);
}

Test(golden, every_format)
{
	static const char *const formats[] = { "text", "sarif", "junit", "json",
					       "github" };
	static const char *const with_suppressed[] = { "--include-suppressed",
						       NULL };
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		check_format(formats[i], NULL);
	check_format("sarif", with_suppressed);
}
