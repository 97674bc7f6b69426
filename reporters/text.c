/*
 * The human report:
 *
 *   path:line:col: level: [FK001 fk-validating-add] message
 *      3 | ALTER TABLE orders ADD CONSTRAINT …
 *        |                    ^~~~~~~~~~~~~~
 *     help: the fix
 *
 * then one summary line. A history run adds, under each finding, the
 * commit that introduced it; lists the findings that later commits
 * fixed or deleted, one line each; and ends with an audit summary per
 * rule and per year. Source text is printed as UTF-8 whatever the
 * file holds: invalid bytes and control characters become U+FFFD, one
 * column each, so that the underline stays aligned. File names are
 * escaped as in every message (utf8_escape(): a\nb.sql, U+FFFD).
 */
#include "reporter.h"

#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "utf8.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_YELLOW "\033[1;33m"
#define C_CYAN "\033[1;36m"
#define C_BLUE "\033[1;34m"
#define C_GREEN "\033[1;32m"

struct style {
	bool on;
};

static const char *sgr(const struct style *s, const char *code)
{
	return s->on ? code : "";
}

static const char *level_color(enum level level)
{
	switch (level) {
	case LEVEL_ERROR:
		return C_RED;
	case LEVEL_WARNING:
		return C_YELLOW;
	default:
		return C_CYAN;
	}
}

/* Writes s[0..len) as clean UTF-8; tabs kept when `keep_tabs`. */
static void put_clean(FILE *out, const char *s, size_t len, bool keep_tabs)
{
	char *clean = utf8_clean(s, len,
				 UTF8_CLEAN_CONTROLS |
					 (keep_tabs ? UTF8_CLEAN_KEEP_TAB : 0));

	if (clean)
		fputs(clean, out);
	free(clean);
}

/* A file's name, escaped as in every message (utf8_escape()). */
static void put_path(FILE *out, const char *path)
{
	char *shown = utf8_escape(path);

	if (shown)
		fputs(shown, out);
	else
		put_clean(out, path, strlen(path), false);
	free(shown);
}

static int digits(uint32_t n)
{
	int d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static size_t step(const struct finding *f, size_t i)
{
	size_t n = utf8_seq_len((const unsigned char *)f->snippet + i,
				f->snippet_len - i);

	return n ? n : 1;
}

/* The underline: the snippet's tabs are kept so that it lines up. */
static void put_marker(FILE *out, const struct finding *f)
{
	size_t i = 0;

	for (; i < f->mark_start; i += step(f, i))
		fputc(f->snippet[i] == '\t' ? '\t' : ' ', out);
	fputc('^', out);
	if (i < f->mark_end)
		i += step(f, i);
	for (; i < f->mark_end; i += step(f, i))
		fputc('~', out);
}

static void put_finding(FILE *out, const struct result *res,
			const struct finding *f, const struct style *s)
{
	int w = digits(f->line);

	fputs(sgr(s, C_BOLD), out);
	put_path(out, res->files[f->file].path);
	fprintf(out, ":%u:%u:%s %s%s:%s %s[%s %s]%s ", f->line, f->col,
		sgr(s, C_RESET), sgr(s, level_color(f->level)),
		level_name(f->level), sgr(s, C_RESET), sgr(s, C_BOLD),
		f->rule->id, f->rule->name, sgr(s, C_RESET));
	put_clean(out, f->message, strlen(f->message), false);
	fprintf(out, "\n%s %*u |%s ", sgr(s, C_BLUE), w, f->line,
		sgr(s, C_RESET));
	put_clean(out, f->snippet, f->snippet_len, true);
	fprintf(out, "\n%s %*s |%s ", sgr(s, C_BLUE), w, "", sgr(s, C_RESET));
	fputs(sgr(s, level_color(f->level)), out);
	put_marker(out, f);
	fprintf(out, "%s\n %*s %shelp:%s ", sgr(s, C_RESET), w, "",
		sgr(s, C_GREEN), sgr(s, C_RESET));
	put_clean(out, f->help, strlen(f->help), false);
	fputc('\n', out);
	if (f->introduced != NO_COMMIT) {
		struct buf b = BUF_INIT;

		report_commit(&b, res, f->introduced);
		fprintf(out, " %*s %sintroduced in%s ", w, "", sgr(s, C_GREEN),
			sgr(s, C_RESET));
		put_clean(out, buf_str(&b), b.len, false);
		fputc('\n', out);
		buf_release(&b);
	}
}

/* One line for a finding a later commit fixed or deleted. */
static void put_ended(FILE *out, const struct result *res,
		      const struct finding *f, const struct style *s)
{
	struct buf b = BUF_INIT;

	put_path(out, res->files[f->file].path);
	buf_addf(&b, ":%u:%u: %s: [%s %s] introduced in ", f->line, f->col,
		 level_name(f->level), f->rule->id, f->rule->name);
	report_commit(&b, res, f->introduced);
	buf_adds(&b, f->state == FINDING_FIXED ? "; fixed" : "; file deleted");
	if (f->resolved != NO_COMMIT) {
		buf_adds(&b, " by ");
		report_commit(&b, res, f->resolved);
	} else {
		buf_adds(&b, " on another branch");
	}
	put_clean(out, buf_str(&b), b.len, false);
	fprintf(out, "\n    %s", sgr(s, C_BLUE));
	put_clean(out, f->message, strlen(f->message), false);
	fprintf(out, "%s\n", sgr(s, C_RESET));
	buf_release(&b);
}

enum { COL_INTRODUCED, COL_FIXED, COL_DELETED, COL_PRESENT, NCOLS };

/* A row of the audit summary: a rule, or a year. */
struct tally {
	char label[16];
	size_t n[NCOLS];
};

static struct tally *tally_row(struct tally *rows, size_t *nrows, size_t max,
			       const char *label)
{
	size_t i;

	for (i = 0; i < *nrows; i++)
		if (strcmp(rows[i].label, label) == 0)
			return &rows[i];
	if (*nrows == max)
		return NULL;
	memset(&rows[*nrows], 0, sizeof(rows[0]));
	snprintf(rows[*nrows].label, sizeof(rows[0].label), "%s", label);
	return &rows[(*nrows)++];
}

static void year_of(const struct result *res, size_t commit, char *buf,
		    size_t size)
{
	struct buf b = BUF_INIT;

	if (commit == NO_COMMIT) {
		snprintf(buf, size, "unknown");
		return;
	}
	report_date(&b, res->commits[commit].time, res->commits[commit].offset);
	snprintf(buf, size, "%.4s", buf_str(&b));
	buf_release(&b);
}

static int label_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tally *)a)->label,
		      ((const struct tally *)b)->label);
}

static void put_table(FILE *out, const char *title, struct tally *rows,
		      size_t n, bool deleted_col)
{
	size_t i, total[NCOLS] = { 0 }, c;

	qsort(rows, n, sizeof(*rows), label_cmp);
	fprintf(out, "  %-8s %10s %7s %s%7s\n", title, "introduced", "fixed",
		deleted_col ? "deleted " : "", "present");
	for (i = 0; i < n; i++) {
		fprintf(out, "  %-8s %10zu %7zu ", rows[i].label,
			rows[i].n[COL_INTRODUCED], rows[i].n[COL_FIXED]);
		if (deleted_col)
			fprintf(out, "%7zu ", rows[i].n[COL_DELETED]);
		fprintf(out, "%7zu\n", rows[i].n[COL_PRESENT]);
		for (c = 0; c < NCOLS; c++)
			total[c] += rows[i].n[c];
	}
	fprintf(out, "  %-8s %10zu %7zu ", "total", total[COL_INTRODUCED],
		total[COL_FIXED]);
	if (deleted_col)
		fprintf(out, "%7zu ", total[COL_DELETED]);
	fprintf(out, "%7zu\n", total[COL_PRESENT]);
}

/*
 * Introduced, fixed and still present, per rule and per year: a
 * finding counts in the year of the commit that introduced it, a fix in
 * the year of the fixing commit.
 */
static void put_history_summary(FILE *out, const struct result *res)
{
	struct tally rules[32], years[128];
	size_t nrules = 0, nyears = 0, i;
	char y[16];

	for (i = 0; i < res->nfindings; i++) {
		const struct finding *f = &res->findings[i];
		struct tally *r, *yi, *yf;
		int col = f->state == FINDING_FIXED	? COL_FIXED
			  : f->state == FINDING_DELETED ? COL_DELETED
							: COL_PRESENT;

		if (f->suppressed || f->introduced == NO_COMMIT)
			continue;
		r = tally_row(rules, &nrules, 32, f->rule->id);
		year_of(res, f->introduced, y, sizeof(y));
		yi = tally_row(years, &nyears, 128, y);
		if (!r || !yi)
			continue;
		r->n[COL_INTRODUCED]++;
		r->n[col]++;
		yi->n[COL_INTRODUCED]++;
		if (col == COL_PRESENT)
			yi->n[COL_PRESENT]++;
		if (col == COL_FIXED) {
			year_of(res, f->resolved, y, sizeof(y));
			if ((yf = tally_row(years, &nyears, 128, y)))
				yf->n[COL_FIXED]++;
		}
	}
	fprintf(out,
		"\naudit summary: %zu commit%s walked, %zu file version%s "
		"audited\n",
		res->history_commits, res->history_commits == 1 ? "" : "s",
		res->history_blobs, res->history_blobs == 1 ? "" : "s");
	if (nrules == 0) {
		fputs("  no finding was ever introduced\n", out);
		return;
	}
	put_table(out, "rule", rules, nrules, true);
	fputc('\n', out);
	put_table(out, "year", years, nyears, false);
	fputc('\n', out);
}

static void put_file_problem(FILE *out, const struct file_result *fr,
			     const struct style *s)
{
	/* a skipped link, or a version before the revision: a note */
	bool note = fr->status == FILE_SKIPPED || fr->gone;

	fputs(sgr(s, C_BOLD), out);
	put_path(out, fr->path);
	fprintf(out, ":%s %s%s:%s ", sgr(s, C_RESET),
		sgr(s, note ? C_CYAN : C_RED), note ? "note" : "error",
		sgr(s, C_RESET));
	if (fr->gone && fr->status != FILE_SKIPPED)
		fputs("an earlier version: ", out);
	put_clean(out, fr->problem ? fr->problem : "not audited",
		  strlen(fr->problem ? fr->problem : "not audited"), false);
	fputc('\n', out);
}

/* What the framework reader left out of the file: a note each. */
static void put_notices(FILE *out, const struct file_result *fr,
			const struct style *s)
{
	size_t k;

	for (k = 0; !fr->gone && k < fr->nnotices; k++) {
		const char *m = fr->notices[k].message;

		fputs(sgr(s, C_BOLD), out);
		put_path(out, fr->path);
		fprintf(out, ":%u:%u:%s %snote:%s not audited: ",
			fr->notices[k].line, fr->notices[k].col,
			sgr(s, C_RESET), sgr(s, C_CYAN), sgr(s, C_RESET));
		put_clean(out, m, strlen(m), false);
		fputc('\n', out);
	}
}

/* The files left out as another database's, when there are some. */
static void put_other_databases(FILE *out, const struct result *res)
{
	if (res->other_db_files)
		fprintf(out,
			"; %zu file%s of other databases left out (fkaudit "
			"detect says why)",
			res->other_db_files,
			res->other_db_files == 1 ? "" : "s");
}

static void put_summary(FILE *out, const struct result *res)
{
	struct result_counts c;
	struct buf b = BUF_INIT;

	if (res->nfiles == 0) {
		fprintf(out, "fkaudit: %s",
			res->no_files ? res->no_files : "no SQL files found");
		put_other_databases(out, res);
		fputc('\n', out);
		return;
	}
	result_count(res, &c);
	buf_adds(&b, "fkaudit: ");
	if (c.by_level[LEVEL_ERROR] + c.by_level[LEVEL_WARNING] +
		    c.by_level[LEVEL_NOTE] ==
	    0)
		buf_adds(&b, "no findings");
	else
		report_count_levels(&b, &c);
	if (res->history && res->ncommits == 0 && c.files_audited == 0)
		buf_adds(&b, " (no migration file in the history walked)");
	else if (res->history)
		buf_addf(&b, " present at the revision, in %zu file%s",
			 c.files_audited, c.files_audited == 1 ? "" : "s");
	else
		buf_addf(&b, " in %zu file%s (%zu statement%s)",
			 c.files_audited, c.files_audited == 1 ? "" : "s",
			 c.statements, c.statements == 1 ? "" : "s");
	if (c.suppressed)
		buf_addf(&b, "; %zu suppressed", c.suppressed);
	if (c.files_failed)
		buf_addf(&b, "; %zu file%s not audited", c.files_failed,
			 c.files_failed == 1 ? "" : "s");
	if (c.walk_problems)
		buf_addf(&b, "; %zu folder%s or commit%s could not be read",
			 c.walk_problems, c.walk_problems == 1 ? "" : "s",
			 c.walk_problems == 1 ? "" : "s");
	if (c.not_audited)
		buf_addf(&b,
			 "; %zu part%s of migrations not audited (noted above)",
			 c.not_audited, c.not_audited == 1 ? "" : "s");
	fprintf(out, "%s", buf_str(&b));
	put_other_databases(out, res);
	fputc('\n', out);
	if (res->baseline)
		fprintf(out,
			"fkaudit: against the baseline: %zu new, %zu "
			"unchanged, "
			"%zu absent (only new findings fail the run)\n",
			res->baseline_new, res->baseline_unchanged,
			res->baseline_absent);
	buf_release(&b);
}

/*
 * History's findings at the revision: `part` 1 is those that can still
 * be acted on there (rule.at_revision), 2 the others (what the
 * migrations that already ran did). Returns how many it wrote.
 */
static size_t put_current(FILE *out, const struct result *res,
			  const struct style *s, int part)
{
	size_t i, n = 0;

	for (i = 0; i < res->nfindings; i++) {
		const struct finding *f = &res->findings[i];

		if (f->suppressed || f->state != FINDING_CURRENT ||
		    (part == 1 && !f->rule->at_revision) ||
		    (part == 2 && f->rule->at_revision))
			continue;
		put_finding(out, res, f, s);
		n++;
	}
	return n;
}

static size_t count_current(const struct result *res, bool at_revision)
{
	size_t i, n = 0;

	for (i = 0; i < res->nfindings; i++)
		n += !res->findings[i].suppressed &&
		     res->findings[i].state == FINDING_CURRENT &&
		     res->findings[i].rule->at_revision == at_revision;
	return n;
}

int report_text(const struct result *res, const struct report_opts *opts,
		FILE *out)
{
	struct style s = { opts->color };
	size_t i, k = 0, ended = 0, now, ran;

	for (i = 0; i < res->nfiles; i++) {
		if (res->files[i].status != FILE_AUDITED)
			put_file_problem(out, &res->files[i], &s);
		for (; k < res->nfindings && res->findings[k].file == i; k++) {
			const struct finding *f = &res->findings[k];

			if (!f->suppressed && f->state != FINDING_CURRENT)
				ended++;
			else if (!f->suppressed && !res->history)
				put_finding(out, res, f, &s);
		}
		put_notices(out, &res->files[i], &s);
	}
	/* history: what can still be fixed at the revision comes first */
	if (res->history && (now = count_current(res, true)) > 0) {
		fprintf(out,
			"\n%sto act on at the revision (%zu): still true "
			"there, and fixable by a new migration%s\n",
			sgr(&s, C_BOLD), now, sgr(&s, C_RESET));
		put_current(out, res, &s, 1);
	}
	if (res->history && (ran = count_current(res, false)) > 0) {
		fprintf(out,
			"\n%salready run (%zu): what these migrations did when "
			"they ran; editing them changes nothing where they "
			"ran (FK012)%s\n",
			sgr(&s, C_BOLD), ran, sgr(&s, C_RESET));
		put_current(out, res, &s, 2);
	}
	if (ended) {
		fprintf(out,
			"\n%sfixed later, or gone with their file (%zu):%s\n",
			sgr(&s, C_BOLD), ended, sgr(&s, C_RESET));
		for (i = 0; i < res->nfindings; i++)
			if (!res->findings[i].suppressed &&
			    res->findings[i].state != FINDING_CURRENT)
				put_ended(out, res, &res->findings[i], &s);
	}
	if (res->history)
		put_history_summary(out, res);
	put_summary(out, res);
	return ferror(out) ? -1 : 0;
}
