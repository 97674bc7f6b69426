#include "reporter.h"

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

/* Appends path segment [s, s+n) to `out`, resolving "." and "..". */
static bool push_segment(struct buf *out, const char *s, size_t n)
{
	char *slash;

	if (n == 0 || (n == 1 && s[0] == '.'))
		return true;
	if (n == 2 && s[0] == '.' && s[1] == '.') {
		if (out->len == 0)
			return false;
		out->ptr[out->len - 1] = '\0'; /* drop the trailing '/' */
		slash = strrchr(out->ptr, '/');
		out->len = slash ? (size_t)(slash - out->ptr) + 1 : 0;
		out->ptr[out->len] = '\0';
		return true;
	}
	buf_add(out, s, n);
	buf_addc(out, '/');
	return true;
}

bool report_repo_path(const struct report_opts *opts, const char *path,
		      struct buf *out)
{
	struct buf tmp = BUF_INIT;
	const char *p;
	bool ok = path[0] != '/';

	if (ok && opts->vcs && opts->vcs->found && opts->vcs->prefix)
		buf_adds(&tmp, opts->vcs->prefix);
	if (ok) {
		struct buf joined = BUF_INIT;

		buf_adds(&joined, buf_str(&tmp));
		buf_adds(&joined, path);
		buf_reset(&tmp);
		for (p = buf_str(&joined); ok && *p;) {
			size_t n = strcspn(p, "/");

			ok = push_segment(&tmp, p, n);
			p += n;
			if (*p == '/')
				p++;
		}
		buf_release(&joined);
	}
	if (ok && tmp.len > 0)
		tmp.len--; /* the trailing '/' */
	if (ok && tmp.len > 0)
		buf_add(out, tmp.ptr, tmp.len);
	else
		buf_adds(out, path);
	ok = ok && tmp.len > 0;
	buf_release(&tmp);
	return ok;
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
