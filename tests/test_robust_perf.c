/*
 * Positions of many findings, end to end: one long line holding hundreds
 * of findings, many CRLF lines with statements across them, a byte order
 * mark, and a Django migration whose SQL is one long Python string. Tabs,
 * two-, three- and four-byte characters and invalid UTF-8 (stray
 * continuation bytes, truncated sequences, overlong forms, surrogates)
 * sit before the findings at every alignment. Every finding's start and
 * end (line, column, offset), snippet, line hash and underline are
 * compared with testdata/positions/expected.<case>, which the binary
 * wrote before positions were computed in one pass
 * (FKAUDIT_UPDATE_GOLDEN=1 rewrites them; review the diff). SARIF's
 * regions must agree with the JSON report. Speed is scripts/bench's
 * business, not this test's.
 */
#include <cJSON.h>
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

TestSuite(robust_perf, .init = test_dir_setup, .fini = test_dir_teardown);

/* What comes before a statement: layout, comments, odd bytes. */
static const char *const pads[] = {
	" ",
	"\t",
	" /* \xc3\xa9 */ ",		     /* é: two bytes */
	" /* \xe4\xb8\xad\xe6\x96\x87 */\t", /* 中文: three bytes each */
	" /* \xf0\x9f\x98\x80 */ ",	     /* an emoji: four bytes */
	" /* \xff */ ",			     /* never valid */
	" /* \x80\x80 */ ",		     /* stray continuation bytes */
	" /* \xe4\xb8 */ ",		     /* a truncated sequence */
	" /* \xf0\x9f\x98 */\t",	     /* a truncated four-byte one */
	" /* \xc0\xaf */ ",		     /* an overlong '/' */
	" /* \xed\xa0\x80 */ ",		     /* a surrogate */
	" \t /* \t */ \t",
};

#define NPADS (sizeof(pads) / sizeof(pads[0]))

/* Statement i of a long line, after a pad: findings of several rules. */
static void add_piece(struct buf *b, unsigned i)
{
	unsigned k;

	buf_adds(b, pads[i % NPADS]);
	/* ASCII of every length, so that characters fall at every offset */
	if (i % 3 == 0) {
		buf_adds(b, "/*");
		for (k = 0; k < i % 17; k++)
			buf_addc(b, 'x');
		buf_adds(b, "*/ ");
	}
	switch (i % 5) {
	case 0:
		buf_addf(b, "CREATE INDEX i%u ON t (a);", i);
		break;
	case 1:
		buf_adds(b, "ALTER TABLE t ADD FOREIGN KEY (b) REFERENCES p "
			    "(id);");
		break;
	case 2:
		buf_addf(b, "CREATE INDEX \"\xc3\xa9%u\" ON \"t\xc3\xa4\" (a);",
			 i);
		break;
	case 3:
		buf_addf(b,
			 "ALTER TABLE t ADD COLUMN c%u bigint REFERENCES "
			 "p (id);",
			 i);
		break;
	default:
		buf_adds(b, "SELECT '\xc3\xbc\t\xf0\x9f\x98\x80';");
		break;
	}
}

static void put(const char *name, const struct buf *b)
{
	cr_assert(!b->failed);
	cr_assert_eq(put_test_file(name, buf_str(b)), 0, "cannot write %s",
		     name);
}

static void long_line(void)
{
	struct buf b = BUF_INIT;
	unsigned i;

	buf_adds(&b, "-- one long line\n");
	for (i = 0; i < 700; i++)
		add_piece(&b, i);
	buf_adds(&b, "\nCREATE INDEX last ON t (a);\n");
	put("long_line.sql", &b);
	buf_release(&b);
}

/* Blocks of CRLF lines; a lone CR; no final line break. */
static void many_lines(void)
{
	struct buf b = BUF_INIT;
	unsigned i;

	buf_adds(&b, "-- header \xc3\xa9\r\n");
	for (i = 0; i < 60; i++) {
		buf_addf(&b,
			 "CREATE INDEX a%u ON t (a);\tCREATE INDEX "
			 "\"\xe4\xb8\xad%u\" ON t (a);\r\n",
			 i, i);
		buf_addf(&b,
			 "ALTER TABLE t\r\n\t ADD FOREIGN KEY (b%u)\r\n"
			 "\tREFERENCES p (id);%s\r\n",
			 i, pads[i % NPADS]);
		buf_adds(&b, "-- fkaudit:ignore FK006 known\r\n"
			     "CREATE INDEX s ON t (a);\r\n"
			     "-- fkaudit:ignore FK001 nothing to suppress\r\n"
			     "SELECT 1;\r\n");
		buf_addf(&b,
			 "/* \xff\xfe */ CREATE INDEX b%u ON t (\r\n"
			 "\xf0\x9f\x98\x80"
			 "a);\n\r\n",
			 i);
		buf_addf(&b,
			 "SELECT 2;\rCREATE INDEX c%u ON t (a);%s"
			 "ALTER TABLE t ADD COLUMN d%u int REFERENCES p "
			 "(id);\r\n",
			 i, pads[(i + 5) % NPADS], i);
	}
	buf_adds(&b, "CREATE INDEX z ON t (a);");
	put("many_lines.sql", &b);
	buf_release(&b);
}

static void bom(void)
{
	struct buf b = BUF_INIT;
	unsigned i;

	buf_adds(&b, "\xef\xbb\xbf");
	for (i = 0; i < 120; i++)
		add_piece(&b, i + 1);
	buf_adds(&b, "\n");
	put("bom.sql", &b);
	buf_release(&b);
}

/* The SQL of RunSQL in one Python string on one line, with escapes. */
static void django(void)
{
	struct buf b = BUF_INIT;
	unsigned i;

	buf_adds(&b, "from django.db import migrations\n\n\n"
		     "class Migration(migrations.Migration):\n\n"
		     "    dependencies = []\n\n"
		     "    operations = [\n"
		     "        migrations.RunSQL(\"");
	for (i = 0; i < 200; i++) {
		switch (i % 4) {
		case 0:
			buf_addf(&b, "CREATE INDEX d%u ON t (a); ", i);
			break;
		case 1:
			buf_addf(&b,
				 "CREATE INDEX \\\"\\u00e9%u\\\" ON t (a);"
				 "\\t",
				 i);
			break;
		case 2:
			buf_addf(&b,
				 "/* \xe4\xb8\xad */ ALTER TABLE t ADD "
				 "FOREIGN KEY (b%u) REFERENCES p (id); ",
				 i);
			break;
		default:
			buf_addf(&b,
				 "SELECT '\\U0001F600\xc3\xa9'; CREATE "
				 "INDEX e%u ON t (a); ",
				 i);
			break;
		}
	}
	buf_adds(&b, "\"\n"
		     "            \"CREATE INDEX tail ON t (a);\"),\n"
		     "    ]\n");
	put("app/migrations/__init__.py", &(struct buf)BUF_INIT);
	put("app/migrations/0001_long.py", &b);
	buf_release(&b);
}

static uint32_t fnv(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int num(const cJSON *o, const char *a, const char *b)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, a);

	if (b)
		v = cJSON_GetObjectItemCaseSensitive(v, b);
	cr_assert(cJSON_IsNumber(v), "no number %s.%s", a, b ? b : "");
	return v->valueint;
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	cr_assert(cJSON_IsString(v), "no string %s", key);
	return v->valuestring;
}

static cJSON *load(const char *name)
{
	char path[4200];
	struct buf b = BUF_INIT;
	cJSON *json;

	snprintf(path, sizeof(path), "%s/%s", test_dir, name);
	cr_assert_eq(read_file(path, &b), 0, "no %s", name);
	json = cJSON_Parse(buf_str(&b));
	cr_assert(json != NULL, "%s is not JSON", name);
	buf_release(&b);
	return json;
}

/* One line per finding of the JSON report; SARIF must agree with it. */
static size_t json_lines(struct buf *out, const cJSON *json, const cJSON *sarif)
{
	const cJSON *fs = cJSON_GetObjectItemCaseSensitive(json, "findings");
	const cJSON *runs = cJSON_GetObjectItemCaseSensitive(sarif, "runs");
	const cJSON *results = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetArrayItem(runs, 0), "results");
	const cJSON *f, *r = results ? results->child : NULL;
	size_t n = 0;

	cr_assert(cJSON_IsArray(fs) && cJSON_IsArray(results));
	cJSON_ArrayForEach (f, fs) {
		const cJSON *loc, *reg;
		const char *snippet = str(f, "snippet");

		buf_addf(out, "%s %s %d:%d+%d %d:%d+%d %s%s snippet %zu:%08x\n",
			 str(f, "path"), str(f, "rule"),
			 num(f, "start", "line"), num(f, "start", "column"),
			 num(f, "start", "offset"), num(f, "end", "line"),
			 num(f, "end", "column"), num(f, "end", "offset"),
			 str(f, "fingerprint"),
			 cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
				 f, "suppressed"))
				 ? " suppressed"
				 : "",
			 strlen(snippet), fnv(snippet));
		cr_assert(r != NULL, "SARIF has fewer results than JSON");
		loc = cJSON_GetObjectItemCaseSensitive(
			cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(
						   r, "locations"),
					   0),
			"physicalLocation");
		reg = cJSON_GetObjectItemCaseSensitive(loc, "region");
		cr_expect(num(reg, "startLine", NULL) ==
					  num(f, "start", "line") &&
				  num(reg, "startColumn", NULL) ==
					  num(f, "start", "column") &&
				  num(reg, "endLine", NULL) ==
					  num(f, "end", "line") &&
				  num(reg, "endColumn", NULL) ==
					  num(f, "end", "column"),
			  "SARIF result %zu's region differs from JSON's", n);
		cr_expect_str_eq(str(cJSON_GetObjectItemCaseSensitive(
					     r, "partialFingerprints"),
				     "primaryLocationLineHash"),
				 str(f, "fingerprint"));
		r = r->next;
		n++;
	}
	cr_expect(r == NULL, "SARIF has more results than JSON");
	return n;
}

/*
 * One line per finding of the text report: its header's position and
 * rule, and where its underline is (characters before it, tabs among
 * them, its width).
 */
static size_t text_lines(struct buf *out, const char *text)
{
	const char *p = text;
	size_t n = 0;

	while (*p) {
		const char *nl = strchr(p, '\n');
		const char *e = nl ? nl : p + strlen(p);
		size_t sp = strspn(p, " ");

		if (strstr(p, ": [FK") && strstr(p, ": [FK") < e) {
			const char *colon = strstr(p, ": ");

			buf_addf(out, "%.*s\n", (int)(colon - p), p);
			n++;
		} else if (sp >= 2 && p[sp] == '|' && p[sp + 1] == ' ') {
			const char *c = p + sp + 2;
			size_t lead = 0, tabs = 0, marks = 0;

			for (; c < e && (*c == ' ' || *c == '\t'); c++) {
				lead++;
				tabs += *c == '\t';
			}
			for (; c < e && (*c == '^' || *c == '~'); c++)
				marks++;
			if (marks)
				buf_addf(out,
					 "  underline %zu (%zu tabs) %zu\n",
					 lead, tabs, marks);
		}
		p = nl ? nl + 1 : e;
	}
	return n;
}

static void check_positions(const char *name, const char *target,
			    size_t min_findings)
{
	const char *const args[] = { "check",
				     "--color=never",
				     "--json",
				     "r.json",
				     "--sarif",
				     "r.sarif",
				     "--include-suppressed",
				     target,
				     NULL };
	char expected[256];
	struct buf out = BUF_INIT, got = BUF_INIT, want = BUF_INIT;
	cJSON *json, *sarif;
	size_t nj, nt;
	int code;

	code = run_test_dir(args, &out);
	cr_assert_eq(code, 1, "exit status %d:\n%s", code, buf_str(&out));
	json = load("r.json");
	sarif = load("r.sarif");
	nj = json_lines(&got, json, sarif);
	nt = text_lines(&got, buf_str(&out));
	cr_expect(nj >= min_findings, "%s: only %zu findings", name, nj);
	cr_expect(nt > 0 && nt <= nj, "%s: %zu in the text, %zu in JSON", name,
		  nt, nj);
	snprintf(expected, sizeof(expected), "testdata/positions/expected.%s",
		 name);
	if (getenv("FKAUDIT_UPDATE_GOLDEN")) {
		cr_expect(write_file(expected, got.ptr, got.len) == 0,
			  "cannot write %s", expected);
	} else {
		cr_assert(read_file(expected, &want) == 0, "no %s", expected);
		cr_expect(strcmp(buf_str(&got), buf_str(&want)) == 0,
			  "%s: positions differ from %s:\n--- got\n%s", name,
			  expected, buf_str(&got));
	}
	cJSON_Delete(json);
	cJSON_Delete(sarif);
	buf_release(&out);
	buf_release(&got);
	buf_release(&want);
}

Test(robust_perf, many_findings_on_one_long_line)
{
	long_line();
	check_positions("long_line", "long_line.sql", 500);
}

Test(robust_perf, many_findings_across_crlf_lines)
{
	many_lines();
	check_positions("many_lines", "many_lines.sql", 300);
}

Test(robust_perf, long_line_after_a_byte_order_mark)
{
	bom();
	check_positions("bom", "bom.sql", 90);
}

Test(robust_perf, django_sql_on_one_long_python_line)
{
	django();
	check_positions("django", "app", 150);
}

/* Characters (UTF-8 sequences) in s. */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/*
 * A snippet is the part of its line around the finding, not a run of
 * invalid bytes next to it: findings before and after 100,000 stray
 * continuation bytes each get 240 bytes of the line (and at most three
 * more at either end, to finish a character).
 */
Test(robust_perf, snippet_stops_in_a_run_of_invalid_bytes)
{
	const char *const args[] = { "check",  "--color=never", "--json",
				     "r.json", "run.sql",	NULL };
	struct buf b = BUF_INIT, out = BUF_INIT;
	const cJSON *f;
	cJSON *json;
	size_t n = 0, i;

	buf_adds(&b, "CREATE INDEX i1 ON t (a); /* ");
	for (i = 0; i < 100000; i++)
		buf_addc(&b, '\x80');
	buf_adds(&b, " */ CREATE INDEX i2 ON t (a);\n");
	put("run.sql", &b);
	cr_assert_eq(run_test_dir(args, &out), 1, "%s", buf_str(&out));
	json = load("r.json");
	cJSON_ArrayForEach (
		f, cJSON_GetObjectItemCaseSensitive(json, "findings")) {
		cr_expect(chars(str(f, "snippet")) <= 246,
			  "%s at column %d: a snippet of %zu characters",
			  str(f, "rule"), num(f, "start", "column"),
			  chars(str(f, "snippet")));
		n++;
	}
	cr_expect_eq(n, 2);
	cr_expect(out.len < 2000, "a text report of %zu bytes", out.len);
	cJSON_Delete(json);
	buf_release(&b);
	buf_release(&out);
}
