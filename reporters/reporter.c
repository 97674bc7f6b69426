#include "reporter.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const struct reporter text = { "text", report_text };
static const struct reporter sarif = { "sarif", report_sarif };
static const struct reporter junit = { "junit", report_junit };
static const struct reporter json = { "json", report_json };
static const struct reporter github = { "github", report_github };

const struct reporter *const reporter_registry[] = {
	&text, &sarif, &junit, &json, &github,
};

const size_t reporter_count =
	sizeof(reporter_registry) / sizeof(reporter_registry[0]);

const struct reporter *reporter_find(const char *name)
{
	size_t i;

	for (i = 0; i < reporter_count; i++)
		if (strcmp(reporter_registry[i]->name, name) == 0)
			return reporter_registry[i];
	return NULL;
}

bool report_repo_path(const struct report_opts *opts, const char *path,
		      struct buf *out)
{
	(void)opts; /* result paths are already relative to the root */
	return path_normalize("", path, out);
}

void report_uri_encode(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~' || *p == '/') {
			buf_addc(out, (char)*p);
		} else {
			buf_addc(out, '%');
			buf_addc(out, hex[*p >> 4]);
			buf_addc(out, hex[*p & 15]);
		}
	}
}

void report_count_levels(struct buf *out, const struct result_counts *c)
{
	size_t e = c->by_level[LEVEL_ERROR], w = c->by_level[LEVEL_WARNING];
	size_t n = c->by_level[LEVEL_NOTE];

	buf_addf(out, "%zu error%s, %zu warning%s, %zu note%s", e,
		 e == 1 ? "" : "s", w, w == 1 ? "" : "s", n, n == 1 ? "" : "s");
}

void report_date(struct buf *out, int64_t time, int offset)
{
	char s[40];

	commit_date(s, sizeof(s), time, offset, false);
	buf_adds(out, s);
}

void report_datetime(struct buf *out, int64_t time, int offset)
{
	char s[40];

	commit_date(s, sizeof(s), time, offset, true);
	buf_adds(out, s);
}

void report_commit(struct buf *out, const struct result *res, size_t index)
{
	const struct commit_info *c;

	if (index == NO_COMMIT || index >= res->ncommits)
		return;
	c = &res->commits[index];
	buf_addf(out, "%.7s (", c->sha);
	report_date(out, c->time, c->offset);
	buf_addf(out, ", %s): %s", c->author, c->subject);
}

void report_key(char buf[17], const struct finding *f)
{
	snprintf(buf, 17, "%016" PRIx64, f->key);
}

const char *report_baseline_name(const struct finding *f)
{
	switch (f->baseline) {
	case BASELINE_NEW:
		return "new";
	case BASELINE_UNCHANGED:
		return "unchanged";
	default:
		return NULL;
	}
}

const char *report_finding_state(const struct finding *f)
{
	if (f->state == FINDING_CURRENT && f->suppressed &&
	    f->suppressed_in != NO_COMMIT)
		return "suppressed";
	return report_state_name(f->state);
}

const char *report_state_name(enum finding_state state)
{
	switch (state) {
	case FINDING_FIXED:
		return "fixed";
	case FINDING_DELETED:
		return "deleted";
	default:
		return "present";
	}
}

bool report_placeable(const struct result *res, const struct finding *f,
		      bool fixed_too)
{
	if (res->files[f->file].gone)
		return false;
	return f->state == FINDING_CURRENT ||
	       (fixed_too && f->state == FINDING_FIXED);
}
