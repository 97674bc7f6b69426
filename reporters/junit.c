/*
 * JUnit XML, in the mapping that GitLab, Jenkins and the GitHub JUnit
 * actions all read: one <testsuite> per file (name = file = its path),
 * one <testcase> per finding (classname = put_classname(), name =
 * "FK001 fk-validating-add @ 5:9", numbered when it repeats), a passing
 * testcase for a clean file. Errors and warnings are <failure>s, notes
 * pass with their message in <system-out>, a statement the grammar
 * rejects (FK000) and a file that could not be audited are <error>s, a
 * suppressed finding is <skipped>. Text is valid UTF-8 with the
 * characters XML 1.0 forbids replaced.
 */
#include "reporter.h"

#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "utf8.h"

enum outcome { PASS, FAILURE, ERROR, SKIPPED };

struct counts {
	size_t tests, failures, errors, skipped;
};

static void put_escaped(FILE *out, const char *s, bool attr)
{
	char *clean = utf8_clean(s, strlen(s), UTF8_CLEAN_XML);
	const char *p;

	for (p = clean ? clean : ""; *p; p++) {
		switch (*p) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs(attr ? "&quot;" : "\"", out);
			break;
		case '\n':
			fputs(attr ? "&#10;" : "\n", out);
			break;
		case '\r':
			fputs("&#13;", out);
			break;
		case '\t':
			fputs(attr ? "&#9;" : "\t", out);
			break;
		default:
			fputc(*p, out);
		}
	}
	free(clean);
}

static enum outcome outcome_of(const struct finding *f)
{
	if (f->suppressed)
		return SKIPPED;
	if (f->state != FINDING_CURRENT) /* history: fixed since */
		return PASS;
	if (f->level == LEVEL_NOTE) /* FK000 too, when configured so */
		return PASS;
	return strcmp(f->rule->id, "FK000") == 0 ? ERROR : FAILURE;
}

/* Counts file k's cases from findings[i] on; returns the next file's. */
static size_t count_file(const struct result *res, size_t k, size_t i,
			 struct counts *c)
{
	const struct file_result *fr = &res->files[k];

	memset(c, 0, sizeof(*c));
	for (; i < res->nfindings && res->findings[i].file == k; i++) {
		enum outcome o = outcome_of(&res->findings[i]);

		c->tests++;
		c->failures += o == FAILURE;
		c->errors += o == ERROR;
		c->skipped += o == SKIPPED;
	}
	if (fr->status == FILE_SKIPPED ||
	    (fr->status != FILE_AUDITED && fr->gone)) {
		c->tests++;
		c->skipped++;
	} else if (fr->status != FILE_AUDITED) {
		c->tests++;
		c->errors++;
	} else if (c->tests == 0) {
		c->tests = 1; /* the passing "all rules passed" case */
	}
	return i;
}

/*
 * The class of a file's test cases, as JUnit consumers split it (Jenkins
 * takes the part after the last dot as the class, the rest as the
 * package): its folders are the package, joined by dots, and its name
 * without the extension (".sql", ".sql.postgres", ".py") is the class;
 * dots inside a folder or file name become "_".
 * "db/v1.1/001_init.up.sql" is "db.v1_1.001_init_up".
 */
static void put_classname(FILE *out, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	const char *dot = strrchr(name, '.');
	char *cls, *p;
	size_t n = strlen(path);

	if (dot && dot != name) {
		n = (size_t)(dot - path);
		if (n >= 4 && n - 4 > (size_t)(name - path) &&
		    strncmp(path + n - 4, ".sql", 4) == 0)
			n -= 4; /* x.sql.postgres */
	}
	if (!(cls = strndup(path, n))) {
		put_escaped(out, path, true);
		return;
	}
	for (p = cls; *p; p++)
		*p = *p == '.' ? '_' : *p == '/' ? '.' : *p;
	put_escaped(out, cls, true);
	free(cls);
}

/*
 * A file gone from the revision has no file attribute, so that CI tools
 * do not annotate a path that is not there.
 */
static void put_case_open(FILE *out, const struct file_result *fr,
			  const char *name, uint32_t line)
{
	fputs("    <testcase classname=\"", out);
	put_classname(out, fr->path);
	fputs("\" name=\"", out);
	put_escaped(out, name, true);
	fputs("\" time=\"0\"", out);
	if (!fr->gone) {
		fputs(" file=\"", out);
		put_escaped(out, fr->path, true);
		fputs("\"", out);
	}
	fprintf(out, " line=\"%u\"", line ? line : 1);
}

/*
 * "path:line:col: level: [ID name] message", snippet, help, and for a
 * history finding the commits.
 */
static void put_details(FILE *out, const struct result *res, const char *path,
			const struct finding *f)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "%s:%u:%u: %s: [%s %s] %s\n    %.*s\nhelp: %s\n", path,
		 f->line, f->col, level_name(f->level), f->rule->id,
		 f->rule->name, f->message, (int)f->snippet_len, f->snippet,
		 f->help);
	if (f->introduced != NO_COMMIT) {
		buf_adds(&b, "introduced in ");
		report_commit(&b, res, f->introduced);
		buf_addc(&b, '\n');
	}
	if (f->state != FINDING_CURRENT) {
		buf_adds(&b,
			 f->state == FINDING_FIXED ? "fixed" : "file deleted");
		if (f->resolved != NO_COMMIT) {
			buf_adds(&b, " by ");
			report_commit(&b, res, f->resolved);
		}
		buf_addc(&b, '\n');
	}
	put_escaped(out, buf_str(&b), false);
	buf_release(&b);
}

static void put_property(FILE *out, const char *name, const char *value)
{
	fprintf(out, "        <property name=\"%s\" value=\"", name);
	put_escaped(out, value, true);
	fputs("\"/>\n", out);
}

/* The commits of a history finding, for tools that read properties. */
static void put_commits(FILE *out, const struct result *res,
			const struct finding *f)
{
	const char *baseline = report_baseline_name(f);

	if (f->introduced == NO_COMMIT && !baseline)
		return;
	fputs("      <properties>\n", out);
	if (baseline)
		put_property(out, "baseline", baseline);
	if (f->introduced == NO_COMMIT) {
		fputs("      </properties>\n", out);
		return;
	}
	put_property(out, "state", report_finding_state(f));
	put_property(out, "commit", res->commits[f->introduced].sha);
	if (f->suppressed_in != NO_COMMIT)
		put_property(out, "suppressed_by",
			     res->commits[f->suppressed_in].sha);
	if (f->resolved != NO_COMMIT)
		put_property(out,
			     f->state == FINDING_FIXED ? "fixed_by"
						       : "deleted_by",
			     res->commits[f->resolved].sha);
	fputs("      </properties>\n", out);
}

/* A test case's name before numbering: "FK001 fk-validating-add @ 5:9". */
static void base_name(struct buf *name, const struct finding *f)
{
	buf_addf(name, "%s %s @ %u:%u", f->rule->id, f->rule->name, f->line,
		 f->col);
	if (f->state != FINDING_CURRENT)
		buf_addf(name, " (%s)", report_state_name(f->state));
}

static void put_finding(FILE *out, const struct result *res,
			const struct file_result *fr, const struct finding *f,
			unsigned dup)
{
	enum outcome o = outcome_of(f);
	struct buf name = BUF_INIT, msg = BUF_INIT;

	base_name(&name, f);
	if (dup > 1)
		buf_addf(&name, " #%u", dup);
	put_case_open(out, fr, buf_str(&name), f->line);
	fputs(">\n", out);
	buf_addf(&msg, "%s: %s", f->rule->id, f->message);
	if (o == SKIPPED) {
		fputs("      <skipped message=\"suppressed: ", out);
		put_escaped(out,
			    *f->suppression ? f->suppression : "(no reason)",
			    true);
		fputs("\"/>\n", out);
	} else if (o != PASS) {
		const char *tag = o == ERROR ? "error" : "failure";

		fprintf(out, "      <%s message=\"", tag);
		put_escaped(out, buf_str(&msg), true);
		fprintf(out, "\" type=\"%s\">",
			o == ERROR ? f->rule->id : level_name(f->level));
		put_details(out, res, fr->path, f);
		fprintf(out, "</%s>\n", tag);
	}
	put_commits(out, res, f);
	if (o == PASS) {
		fputs("      <system-out>", out);
		put_details(out, res, fr->path, f);
		fputs("</system-out>\n", out);
	}
	fputs("    </testcase>\n", out);
	buf_release(&name);
	buf_release(&msg);
}

/*
 * 1 + how many findings of the file before `i` have the name it gets
 * (base_name()): names are unique in a file's test suite by
 * construction, as GitLab keeps only the first of a repeated name.
 */
static unsigned dup_index(const struct result *res, size_t first, size_t i)
{
	const struct finding *f = &res->findings[i], *g;
	unsigned n = 1;
	size_t k;

	/* what base_name() writes: the rule, the place, the state */
	for (k = first; k < i; k++) {
		g = &res->findings[k];
		n += g->rule == f->rule && g->line == f->line &&
		     g->col == f->col && g->state == f->state;
	}
	return n;
}

static void put_file(FILE *out, const struct result *res, size_t k,
		     size_t *first)
{
	const struct file_result *fr = &res->files[k];
	struct counts c;
	size_t i;

	count_file(res, k, *first, &c);
	fprintf(out, "  <testsuite name=\"%s", fr->gone ? "history: " : "");
	put_escaped(out, fr->path, true);
	fprintf(out,
		"\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
		"skipped=\"%zu\" time=\"0\"",
		c.tests, c.failures, c.errors, c.skipped);
	if (!fr->gone) {
		fputs(" file=\"", out);
		put_escaped(out, fr->path, true);
		fputs("\"", out);
	}
	fputs(">\n", out);
	if (fr->status != FILE_AUDITED) {
		/* a link, a submodule, an old version: noted, not failed */
		bool note = fr->status == FILE_SKIPPED || fr->gone;

		put_case_open(out, fr, "fkaudit: file audited", 1);
		fprintf(out, ">\n      <%s message=\"",
			note ? "skipped" : "error");
		put_escaped(out, fr->problem ? fr->problem : "not audited",
			    true);
		fprintf(out, "\"%s/>\n    </testcase>\n",
			note ? "" : " type=\"FKN001\"");
	}
	for (i = *first; i < res->nfindings && res->findings[i].file == k; i++)
		put_finding(out, res, fr, &res->findings[i],
			    dup_index(res, *first, i));
	if (fr->status == FILE_AUDITED && i == *first) {
		put_case_open(out, fr, "fkaudit: all rules passed", 1);
		fputs("/>\n", out);
	}
	*first = i;
	fputs("  </testsuite>\n", out);
}

int report_junit(const struct result *res, const struct report_opts *opts,
		 FILE *out)
{
	struct counts total = { 0 }, c;
	size_t k, first = 0;

	for (k = 0; k < res->nfiles; k++) {
		first = count_file(res, k, first, &c);
		total.tests += c.tests;
		total.failures += c.failures;
		total.errors += c.errors;
		total.skipped += c.skipped;
	}
	if (res->nfiles == 0)
		total.tests = 1;
	fprintf(out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"fkaudit\" tests=\"%zu\" failures=\"%zu\" "
		"errors=\"%zu\" skipped=\"%zu\" time=\"0\">\n",
		total.tests, total.failures, total.errors, total.skipped);
	if (res->nfiles ==
	    0) /* keep tests > 0: CI tools reject empty reports */
		fputs("  <testsuite name=\"fkaudit\" tests=\"1\" "
		      "failures=\"0\" "
		      "errors=\"0\" skipped=\"0\" time=\"0\">\n"
		      "    <testcase classname=\"fkaudit\" name=\"fkaudit: no "
		      "SQL files found\" time=\"0\"/>\n  </testsuite>\n",
		      out);
	for (k = 0, first = 0; k < res->nfiles; k++)
		put_file(out, res, k, &first);
	fputs("</testsuites>\n", out);
	(void)opts;
	return ferror(out) ? -1 : 0;
}
