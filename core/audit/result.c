#include "result.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "array.h"
#include "error.h"
#include "rule.h"

static const char *const level_names[] = {
	[LEVEL_NONE] = "none",
	[LEVEL_NOTE] = "note",
	[LEVEL_WARNING] = "warning",
	[LEVEL_ERROR] = "error",
};

const char *level_name(enum level level)
{
	return level <= LEVEL_ERROR ? level_names[level] : "?";
}

int level_parse(const char *s, enum level *out)
{
	int i;

	for (i = LEVEL_NONE; i <= LEVEL_ERROR; i++)
		if (strcmp(s, level_names[i]) == 0) {
			*out = (enum level)i;
			return 0;
		}
	return -1;
}

void result_init(struct result *res)
{
	memset(res, 0, sizeof(*res));
}

void result_release(struct result *res)
{
	arena_release(&res->arena);
	free(res->files);
	free(res->findings);
	free(res->commits);
	memset(res, 0, sizeof(*res));
}

struct file_result *result_add_file(struct result *res, const char *path)
{
	struct file_result *f;

	if (array_grow((void **)&res->files, &res->files_cap, res->nfiles,
		       sizeof(*f)) < 0)
		return NULL;
	f = &res->files[res->nfiles];
	memset(f, 0, sizeof(*f));
	if (!(f->path = arena_strdup(&res->arena, path)))
		return NULL;
	res->nfiles++;
	return f;
}

int result_add_problem(struct result *res, const char *path,
		       enum file_status status, const char *problem)
{
	struct file_result *f = result_add_file(res, path);

	if (!f || !(f->problem = arena_strdup(&res->arena, problem)))
		return FK_ENOMEM;
	f->status = status;
	return 0;
}

const char *result_skip_reason(enum skip_kind kind)
{
	if (kind == SKIP_SUBMODULE)
		return "submodule: fkaudit does not look for migrations inside "
		       "submodules; audit that repository on its own";
	return "symbolic link: not followed; the file it points to is "
	       "audited where it lives";
}

struct file_result *result_copy_file(struct result *res,
				     const struct file_result *src,
				     const char *path)
{
	struct file_result *f = result_add_file(res, path);
	const char *p;

	if (!f)
		return NULL;
	p = f->path;
	*f = *src;
	f->path = p;
	if (src->problem &&
	    !(f->problem = arena_strdup(&res->arena, src->problem)))
		return NULL;
	if (src->nnotices &&
	    result_set_notices(res, f, src->notices, src->nnotices) < 0)
		return NULL;
	return f;
}

int result_set_notices(struct result *res, struct file_result *f,
		       const struct file_notice *v, size_t n)
{
	struct file_notice *copy = arena_alloc(&res->arena, n * sizeof(*copy));
	size_t i;

	if (!copy)
		return FK_ENOMEM;
	for (i = 0; i < n; i++) {
		copy[i] = v[i];
		if (!(copy[i].message =
			      arena_strdup(&res->arena, v[i].message)))
			return FK_ENOMEM;
	}
	f->notices = copy;
	f->nnotices = n;
	return 0;
}

struct finding *result_add_finding(struct result *res)
{
	struct finding *f;

	if (array_grow((void **)&res->findings, &res->findings_cap,
		       res->nfindings, sizeof(*f)) < 0)
		return NULL;
	f = &res->findings[res->nfindings++];
	memset(f, 0, sizeof(*f));
	f->introduced = NO_COMMIT;
	f->resolved = NO_COMMIT;
	f->suppressed_in = NO_COMMIT;
	return f;
}

/* A copy of `s` in the arena; NULL stays NULL. false when out of memory. */
static bool copy_str(struct arena *a, const char **s)
{
	if (!*s)
		return true;
	*s = arena_strdup(a, *s);
	return *s != NULL;
}

struct finding *result_copy_finding(struct result *res, size_t file,
				    const struct finding *src)
{
	struct finding *f = result_add_finding(res);
	char *snippet;

	if (!f)
		return NULL;
	*f = *src;
	f->file = file;
	if (!copy_str(&res->arena, &f->message) ||
	    !copy_str(&res->arena, &f->help) ||
	    !copy_str(&res->arena, &f->suppression) ||
	    !copy_str(&res->arena, &f->line_hash))
		return NULL;
	if (src->snippet) {
		snippet = arena_strndup(&res->arena, src->snippet,
					src->snippet_len);
		if (!snippet)
			return NULL;
		f->snippet = snippet;
	}
	return f;
}

size_t result_add_commit(struct result *res, const struct commit_info *c)
{
	struct commit_info *d;

	if (array_grow((void **)&res->commits, &res->commits_cap, res->ncommits,
		       sizeof(*d)) < 0)
		return NO_COMMIT;
	d = &res->commits[res->ncommits];
	*d = *c;
	if (!copy_str(&res->arena, &d->author) ||
	    !copy_str(&res->arena, &d->email) ||
	    !copy_str(&res->arena, &d->subject))
		return NO_COMMIT;
	return res->ncommits++;
}

bool finding_counts(const struct finding *f)
{
	return !f->suppressed && f->state == FINDING_CURRENT;
}

static int finding_cmp(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c;

	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	if (a->span.start != b->span.start)
		return a->span.start < b->span.start ? -1 : 1;
	if ((c = strcmp(a->rule->id, b->rule->id)) != 0)
		return c;
	if (a->span.end != b->span.end)
		return a->span.end < b->span.end ? -1 : 1;
	/* history: versions of a file may share positions */
	if (a->state != b->state)
		return a->state < b->state ? -1 : 1;
	if (a->introduced != b->introduced)
		return a->introduced < b->introduced ? -1 : 1;
	return strcmp(a->message, b->message);
}

void result_sort(struct result *res)
{
	if (res->nfindings > 1)
		qsort(res->findings, res->nfindings, sizeof(*res->findings),
		      finding_cmp);
}

void result_count(const struct result *res, struct result_counts *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < res->nfindings; i++) {
		const struct finding *f = &res->findings[i];

		if (f->state != FINDING_CURRENT)
			continue;
		if (f->suppressed)
			out->suppressed++;
		else
			out->by_level[f->level]++;
	}
	for (i = 0; i < res->nfiles; i++) {
		/* not in the revision (history), or a link: not a failure */
		if (res->files[i].gone || res->files[i].status == FILE_SKIPPED)
			continue;
		if (res->files[i].walk_problem)
			out->walk_problems++;
		else if (res->files[i].status == FILE_AUDITED)
			out->files_audited++;
		else
			out->files_failed++;
		out->statements += res->files[i].nstmts;
		out->not_audited += res->files[i].nnotices;
	}
}

enum level result_max_level(const struct result *res)
{
	enum level max = LEVEL_NONE;
	size_t i;

	/* against a baseline, only new findings fail the run */
	for (i = 0; i < res->nfindings; i++)
		if (finding_counts(&res->findings[i]) &&
		    res->findings[i].baseline != BASELINE_UNCHANGED &&
		    res->findings[i].level > max)
			max = res->findings[i].level;
	return max;
}

void commit_date(char *buf, size_t size, int64_t time, int offset,
		 bool time_of_day)
{
	time_t local = (time_t)(time + (int64_t)offset * 60);
	int off = offset < 0 ? -offset : offset;
	struct tm tm;
	char day[32];

	if (!gmtime_r(&local, &tm) ||
	    !strftime(day, sizeof(day),
		      time_of_day ? "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%d", &tm))
		snprintf(buf, size, "?");
	else if (time_of_day)
		snprintf(buf, size, "%s%c%02d:%02d", day,
			 offset < 0 ? '-' : '+', off / 60, off % 60);
	else
		snprintf(buf, size, "%s", day);
}
