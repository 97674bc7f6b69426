/*
 * GitHub Actions workflow commands: one annotation per finding,
 *   ::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message
 * errors first, with GitHub's escaping (message: % CR LF; properties:
 * also : and ,). GitHub shows only 10 annotations of each level per
 * step, so the full list also goes, as a Markdown table, to the file
 * named by $GITHUB_STEP_SUMMARY when it is set.
 */
#include "reporter.h"

#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "utf8.h"

#define SUMMARY_MAX (900 * 1024) /* GitHub refuses summaries over 1 MiB */

static void put_escaped(FILE *out, const char *s, bool property)
{
	char *clean = utf8_clean(s, strlen(s), 0);
	const char *p;

	for (p = clean ? clean : ""; *p; p++) {
		if (*p == '%')
			fputs("%25", out);
		else if (*p == '\r')
			fputs("%0D", out);
		else if (*p == '\n')
			fputs("%0A", out);
		else if (property && *p == ':')
			fputs("%3A", out);
		else if (property && *p == ',')
			fputs("%2C", out);
		else
			fputc(*p, out);
	}
	free(clean);
}

static const char *command(enum level level)
{
	return level == LEVEL_ERROR	? "error"
	       : level == LEVEL_WARNING ? "warning"
					: "notice";
}

static void put_file_prop(FILE *out, const struct report_opts *opts,
			  const char *path)
{
	struct buf rel = BUF_INIT;

	report_repo_path(opts, path, &rel);
	fputs("file=", out);
	put_escaped(out, buf_str(&rel), true);
	buf_release(&rel);
}

static void put_annotation(FILE *out, const struct result *res,
			   const struct report_opts *opts,
			   const struct finding *f)
{
	struct buf title = BUF_INIT, msg = BUF_INIT;

	fprintf(out, "::%s ", command(f->level));
	put_file_prop(out, opts, res->files[f->file].path);
	fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=", f->line,
		f->col, f->end_line, f->end_col);
	buf_addf(&title, "%s %s", f->rule->id, f->rule->name);
	put_escaped(out, buf_str(&title), true);
	fputs("::", out);
	buf_addf(&msg, "%s\nhelp: %s", f->message, f->help);
	put_escaped(out, buf_str(&msg), false);
	fputc('\n', out);
	buf_release(&title);
	buf_release(&msg);
}

static void put_file_problems(FILE *out, const struct result *res,
			      const struct report_opts *opts)
{
	size_t i;

	for (i = 0; i < res->nfiles; i++) {
		const struct file_result *fr = &res->files[i];

		if (fr->status == FILE_AUDITED || fr->gone)
			continue;
		fputs(fr->status == FILE_SKIPPED ? "::warning " : "::error ",
		      out);
		put_file_prop(out, opts, fr->path);
		fputs(",title=fkaudit: file not audited::", out);
		put_escaped(out, fr->problem ? fr->problem : "not audited",
			    false);
		fputc('\n', out);
	}
}

/* What a framework reader left out: a notice each. */
static void put_notices(FILE *out, const struct result *res,
			const struct report_opts *opts)
{
	struct buf msg = BUF_INIT;
	size_t i, k;

	for (i = 0; i < res->nfiles; i++) {
		const struct file_result *fr = &res->files[i];

		for (k = 0; !fr->gone && k < fr->nnotices; k++) {
			fputs("::notice ", out);
			put_file_prop(out, opts, fr->path);
			fprintf(out,
				",line=%u,col=%u,title=fkaudit: not "
				"audited::",
				fr->notices[k].line, fr->notices[k].col);
			buf_reset(&msg);
			buf_adds(&msg, fr->notices[k].message);
			put_escaped(out, buf_str(&msg), false);
			fputc('\n', out);
		}
	}
	buf_release(&msg);
}

/* A table cell: no newlines, no unescaped '|'. */
static void cell(struct buf *b, const char *s)
{
	char *clean = utf8_clean(s, strlen(s), 0);
	const char *p;

	for (p = clean ? clean : ""; *p; p++) {
		if (*p == '|')
			buf_adds(b, "\\|");
		else if (*p == '\n' || *p == '\r')
			buf_addc(b, ' ');
		else
			buf_addc(b, *p);
	}
	free(clean);
}

static void summary_table(struct buf *b, const struct result *res,
			  const struct report_opts *opts)
{
	size_t i, shown = 0, total = 0;
	int pass;

	buf_adds(b, "| Level | Rule | Location | Message |\n"
		    "|---|---|---|---|\n");
	for (pass = LEVEL_ERROR; pass >= LEVEL_NOTE; pass--)
		for (i = 0; i < res->nfindings; i++) {
			const struct finding *f = &res->findings[i];
			struct buf rel = BUF_INIT;

			if (f->suppressed || (int)f->level != pass ||
			    !report_placeable(res, f, false))
				continue;
			total++;
			if (b->len > SUMMARY_MAX)
				continue;
			shown++;
			report_repo_path(opts, res->files[f->file].path, &rel);
			buf_addf(b, "| %s | %s %s | `", level_name(f->level),
				 f->rule->id, f->rule->name);
			cell(b, buf_str(&rel));
			buf_addf(b, ":%u:%u` | ", f->line, f->col);
			cell(b, f->message);
			buf_adds(b, " |\n");
			buf_release(&rel);
		}
	if (shown < total)
		buf_addf(b, "\n%zu more findings are not shown here.\n",
			 total - shown);
}

static int write_summary(const struct result *res,
			 const struct report_opts *opts)
{
	struct result_counts c;
	struct buf b = BUF_INIT;
	FILE *f;
	int err = 0;

	result_count(res, &c);
	buf_adds(&b, "### fkaudit: ");
	report_count_levels(&b, &c);
	buf_addf(&b, " in %zu file%s\n\n", c.files_audited,
		 c.files_audited == 1 ? "" : "s");
	if (c.files_failed)
		buf_addf(&b, "%zu file%s could not be audited.\n\n",
			 c.files_failed, c.files_failed == 1 ? "" : "s");
	if (c.walk_problems)
		buf_addf(&b,
			 "%zu folder%s or commit%s of the history could not "
			 "be read.\n\n",
			 c.walk_problems, c.walk_problems == 1 ? "" : "s",
			 c.walk_problems == 1 ? "" : "s");
	if (c.by_level[LEVEL_ERROR] + c.by_level[LEVEL_WARNING] +
	    c.by_level[LEVEL_NOTE])
		summary_table(&b, res, opts);
	if (c.suppressed)
		buf_addf(&b, "\n%zu finding%s suppressed in the source.\n",
			 c.suppressed, c.suppressed == 1 ? "" : "s");
	if (b.failed || !(f = fopen(opts->step_summary, "a")))
		err = -1;
	else {
		fwrite(b.ptr, 1, b.len, f);
		err = fclose(f) == 0 ? 0 : -1;
	}
	buf_release(&b);
	return err;
}

int report_github(const struct result *res, const struct report_opts *opts,
		  FILE *out)
{
	size_t i;
	int pass;

	put_file_problems(out, res, opts);
	put_notices(out, res, opts);
	for (pass = LEVEL_ERROR; pass >= LEVEL_NOTE; pass--)
		for (i = 0; i < res->nfindings; i++)
			if (!res->findings[i].suppressed &&
			    (int)res->findings[i].level == pass &&
			    report_placeable(res, &res->findings[i], false))
				put_annotation(out, res, opts,
					       &res->findings[i]);
	if (opts->step_summary && *opts->step_summary &&
	    write_summary(res, opts) < 0)
		return -1;
	return ferror(out) ? -1 : 0;
}
