#include "props.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "reporter.h"
#include "rule.h"

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: property violated: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/*
 * Length of the well-formed sequence at s[0..n), else 0: the byte
 * ranges of Unicode's Table 3-7, second byte first.
 */
static size_t seq_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t need, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		need = 2;
	else if (c >= 0xe0 && c <= 0xef)
		need = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		need = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (n < need || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < need; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return need;
}

bool fuzz_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		if (!(k = seq_len(p + i, n - i)))
			return false;
		i += k;
	}
	return true;
}

void fuzz_locate(const char *text, size_t len, size_t off, uint32_t *line,
		 uint32_t *col)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t i, start = 0, k;
	uint32_t l = 1, c = 1;

	if (off > len)
		fuzz_fail("offset %zu past the end (%zu)", off, len);
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		start = 3;
	for (i = 0; i < off; i++)
		if (p[i] == '\n') {
			l++;
			start = i + 1;
		}
	for (i = start; i < off; i += k, c++) {
		k = seq_len(p + i, off - i);
		if (!k)
			k = 1;
		if (p[i] == '\r' && i + 1 < len && p[i + 1] == '\n')
			c--;
	}
	*line = l;
	*col = c;
}

/* Bytes [start, end) of 1-based line `line`, without "\r\n" or "\n". */
static void line_bytes(const char *text, size_t len, uint32_t line,
		       size_t *start, size_t *end)
{
	size_t i = 0, s = 0;
	uint32_t l = 1;

	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		s = 3;
	for (; i < len && l < line; i++)
		if (text[i] == '\n') {
			l++;
			s = i + 1;
		}
	if (l < line)
		fuzz_fail("line %u past the last line (%u)", line, l);
	for (i = s; i < len && text[i] != '\n'; i++)
		;
	if (i > s && text[i - 1] == '\r' && i < len)
		i--;
	*start = s;
	*end = i;
}

/* Source offsets of the finding's span. */
static void source_span(const struct finding *f, const struct fuzz_file *file,
			size_t *start, size_t *end)
{
	size_t limit = file->map ? file->built_len : file->len;

	if (f->span.start > f->span.end || f->span.end > limit)
		fuzz_fail("%s: span [%u, %u) outside the %s (%zu bytes)",
			  f->rule->id, f->span.start, f->span.end,
			  file->map ? "built SQL" : "file", limit);
	*start = f->span.start;
	*end = f->span.end;
	if (file->map) {
		uint32_t s, e;

		srcmap_span(file->map, f->span.start, f->span.end, &s, &e);
		*start = s;
		*end = e;
	}
	if (*start > file->len || *end > file->len)
		fuzz_fail("%s: source span [%zu, %zu) outside the file (%zu)",
			  f->rule->id, *start, *end, file->len);
}

static void check_position(const struct finding *f,
			   const struct fuzz_file *file)
{
	size_t start, end;
	uint32_t line, col, eline, ecol;

	source_span(f, file, &start, &end);
	fuzz_locate(file->text, file->len, start, &line, &col);
	fuzz_locate(file->text, file->len, end, &eline, &ecol);
	if (eline == line && ecol <= col)
		ecol = col + 1; /* an empty span underlines one column */
	if (f->line != line || f->col != col)
		fuzz_fail("%s: reported at %u:%u, offset %zu is %u:%u",
			  f->rule->id, f->line, f->col, start, line, col);
	if (f->end_line != eline || f->end_col != ecol)
		fuzz_fail("%s: ends at %u:%u, offset %zu is %u:%u", f->rule->id,
			  f->end_line, f->end_col, end, eline, ecol);
}

static void check_snippet(const struct finding *f, const struct fuzz_file *file)
{
	size_t ls, le, n = f->snippet_len, i;

	line_bytes(file->text, file->len, f->line, &ls, &le);
	if (!f->snippet || n > le - ls)
		fuzz_fail("%s: snippet of %u bytes, line %u has %zu",
			  f->rule->id, f->snippet_len, f->line, le - ls);
	for (i = ls; i + n <= le; i++)
		if (memcmp(file->text + i, f->snippet, n) == 0)
			break;
	if (i + n > le)
		fuzz_fail("%s: the snippet is not a piece of line %u",
			  f->rule->id, f->line);
	if (f->mark_start > f->mark_end || f->mark_end > n)
		fuzz_fail("%s: underline [%u, %u) outside the snippet (%zu)",
			  f->rule->id, f->mark_start, f->mark_end, n);
}

void fuzz_check_finding(const struct finding *f, const struct fuzz_file *file)
{
	if (!f->rule || !f->message || !f->help || !f->line_hash)
		fuzz_fail("a finding without rule, message, help or line hash");
	check_position(f, file);
	check_snippet(f, file);
	if (f->stmt_line > f->stmt_end_line)
		fuzz_fail("%s: statement lines %u-%u", f->rule->id,
			  f->stmt_line, f->stmt_end_line);
}

/* Renders `res` in format `name` into memory and checks it. */
static void check_format(const struct result *res, const char *name)
{
	const struct reporter *rep = reporter_find(name);
	struct report_opts ro = { 0 };
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	int rc;

	if (!rep || !out)
		fuzz_fail("cannot render the %s report", name);
	ro.execution_successful = true;
	rc = rep->emit(res, &ro, out);
	if (fclose(out) != 0 || rc < 0)
		fuzz_fail("the %s reporter failed", name);
	if (!fuzz_utf8_valid(text, len))
		fuzz_fail("the %s report is not valid UTF-8", name);
	if (strcmp(name, "json") == 0 || strcmp(name, "sarif") == 0) {
		cJSON *doc = cJSON_ParseWithLength(text, len);

		if (!doc)
			fuzz_fail("the %s report is not JSON", name);
		cJSON_Delete(doc);
	}
	free(text);
}

void fuzz_check_reports(const struct result *res, bool all_formats)
{
	size_t i;

	for (i = 0; i < res->nfindings; i++)
		if (res->findings[i].file >= res->nfiles ||
		    !res->findings[i].rule)
			fuzz_fail("finding %zu names no file or rule", i);
	check_format(res, "text");
	if (!all_formats)
		return;
	check_format(res, "json");
	check_format(res, "sarif");
	check_format(res, "junit");
}
