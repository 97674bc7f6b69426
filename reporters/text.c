/*
 * The human report:
 *
 *   path:line:col: level: [FK001 fk-validating-add] message
 *      3 | ALTER TABLE orders ADD CONSTRAINT …
 *        |                    ^~~~~~~~~~~~~~
 *     help: the fix
 *
 * then one summary line. Source text is printed as UTF-8 whatever the
 * file holds: invalid bytes and control characters become U+FFFD, one
 * column each, so that the underline stays aligned.
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

	fprintf(out, "%s%s:%u:%u:%s %s%s:%s %s[%s %s]%s ", sgr(s, C_BOLD),
		res->files[f->file].path, f->line, f->col, sgr(s, C_RESET),
		sgr(s, level_color(f->level)), level_name(f->level),
		sgr(s, C_RESET), sgr(s, C_BOLD), f->rule->id, f->rule->name,
		sgr(s, C_RESET));
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
}

static void put_file_problem(FILE *out, const struct file_result *fr,
			     const struct style *s)
{
	fprintf(out, "%s%s:%s %serror:%s ", sgr(s, C_BOLD), fr->path,
		sgr(s, C_RESET), sgr(s, C_RED), sgr(s, C_RESET));
	put_clean(out, fr->problem ? fr->problem : "not audited",
		  strlen(fr->problem ? fr->problem : "not audited"), false);
	fputc('\n', out);
}

static void put_summary(FILE *out, const struct result *res)
{
	struct result_counts c;
	struct buf b = BUF_INIT;

	if (res->nfiles == 0) {
		fputs("fkaudit: no SQL files found\n", out);
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
	buf_addf(&b, " in %zu file%s (%zu statement%s)", c.files_audited,
		 c.files_audited == 1 ? "" : "s", c.statements,
		 c.statements == 1 ? "" : "s");
	if (c.suppressed)
		buf_addf(&b, "; %zu suppressed", c.suppressed);
	if (c.files_failed)
		buf_addf(&b, "; %zu file%s not audited", c.files_failed,
			 c.files_failed == 1 ? "" : "s");
	fprintf(out, "%s\n", buf_str(&b));
	buf_release(&b);
}

int report_text(const struct result *res, const struct report_opts *opts,
		FILE *out)
{
	struct style s = { opts->color };
	size_t i, k = 0;

	for (i = 0; i < res->nfiles; i++) {
		if (res->files[i].status != FILE_AUDITED)
			put_file_problem(out, &res->files[i], &s);
		for (; k < res->nfindings && res->findings[k].file == i; k++)
			if (!res->findings[k].suppressed)
				put_finding(out, res, &res->findings[k], &s);
	}
	put_summary(out, res);
	return ferror(out) ? -1 : 0;
}
