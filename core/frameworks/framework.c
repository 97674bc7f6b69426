#include "framework.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "error.h"
#include "framework_markers.h"
#include "framework_probe.h"
#include "frameworks.h"
#include "framework_text.h"
#include "utf8.h"

/* Reads a file near the migration into p->scratch: true when it is there. */
bool framework_near_read(struct probe *p, const char *rel)
{
	int rc;

	buf_reset(&p->scratch);
	if (!p->near || !p->near->read)
		return 0;
	rc = p->near->read(p->near->ctx, rel, &p->scratch);
	if (rc < 0)
		p->err = rc;
	return rc == FK_FOUND;
}

/* "<digits>_<rest>" ending in `suffix` (any case); `sep` the separator. */
bool framework_versioned(const char *name, char sep, const char *suffix)
{
	size_t d = text_digits(name), n = strlen(name), ns = strlen(suffix);

	return d > 0 && name[d] == sep && n > d + 1 + ns &&
	       strcasecmp(name + n - ns, suffix) == 0;
}

bool framework_names_direction(const char *base)
{
	return framework_ends_with(base, ".up.sql") ||
	       framework_ends_with(base, ".down.sql");
}

bool framework_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

void migration_info_release(struct migration_info *info)
{
	arena_release(&info->arena);
	memset(info, 0, sizeof(*info));
}

void migration_info_reset(struct migration_info *info)
{
	struct arena keep = info->arena;
	bool failed = info->failed;

	memset(info, 0, sizeof(*info));
	info->arena = keep;
	info->failed = failed;
}

bool migration_info_grow(struct migration_info *info, void **v, size_t *cap,
			 size_t n, size_t size)
{
	size_t ncap = *cap ? *cap * 2 : 8;
	void *p;

	if (n < *cap)
		return true;
	if (info->failed || ncap > SIZE_MAX / size ||
	    !(p = arena_alloc(&info->arena, ncap * size))) {
		info->failed = true;
		return false;
	}
	if (n)
		memcpy(p, *v, n * size);
	*v = p;
	*cap = ncap;
	return true;
}

void extracted_release(struct extracted *x)
{
	buf_release(&x->sql);
	buf_release(&x->reverse);
	srcmap_release(&x->map);
	srcmap_release(&x->reverse_map);
	free(x->units);
	free(x->ranges);
	while (x->nnotices)
		free(x->notices[--x->nnotices].what);
	free(x->notices);
	*x = (struct extracted)EXTRACTED_INIT;
}

int extracted_add_notice(struct extracted *x, struct span src, const char *what)
{
	char *copy;

	if (array_grow((void **)&x->notices, &x->notices_cap, x->nnotices,
		       sizeof(*x->notices)) < 0 ||
	    !(copy = strdup(what)))
		return FK_ENOMEM;
	x->notices[x->nnotices].src = src;
	x->notices[x->nnotices++].what = copy;
	return 0;
}

int extracted_add_unit(struct extracted *x, uint32_t start, enum tx_mode mode,
		       const char *runner, const char *opt_out)
{
	struct tx_unit *u;

	if (array_grow((void **)&x->units, &x->units_cap, x->nunits,
		       sizeof(*x->units)) < 0)
		return FK_ENOMEM;
	u = &x->units[x->nunits++];
	u->start = start;
	u->mode = mode;
	u->runner = runner;
	u->opt_out = opt_out;
	return 0;
}

void framework_describe(const struct extracted *x, struct migration_info *info)
{
	size_t i;

	info->nunits = 0;
	for (i = 0;
	     i < x->nunits &&
	     migration_info_grow(info, (void **)&info->units, &info->units_cap,
				 i, sizeof(*info->units));
	     i++) {
		info->units[i] = x->units[i];
		info->units[i].start = srcmap_start(&x->map, x->units[i].start);
		info->nunits = i + 1;
	}
	if (x->notes[0])
		migration_why_addf(info, "%s", x->notes);
}

void migration_why_addf(struct migration_info *info, const char *fmt, ...)
{
	size_t n = strlen(info->why);
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(info->why + n, sizeof(info->why) - n, fmt, ap);
	va_end(ap);
	utf8_fit(info->why, sizeof(info->why), k < 0 ? k : (int)n + k);
}

void framework_set(struct migration_info *out, const char *name,
		   enum migration_role role, const char *why)
{
	out->framework = name;
	out->role = role;
	snprintf(out->why, sizeof(out->why), "%s", why);
}

void framework_one_unit(struct migration_info *out, enum tx_mode mode,
			const char *runner, const char *opt_out)
{
	info_add_unit(out, 0, mode, runner, opt_out);
}

bool framework_near_path(const char *path, const char *rel, struct buf *out)
{
	size_t dir = (size_t)(path_base(path) - path);

	buf_reset(out);
	buf_add(out, path, dir);
	while (strncmp(rel, "../", 3) == 0) {
		size_t n = out->len;

		if (n == 0)
			return false;
		n--; /* the trailing '/' */
		while (n > 0 && out->ptr[n - 1] != '/')
			n--;
		out->len = n;
		out->ptr[n] = '\0';
		rel += 3;
	}
	buf_adds(out, rel);
	return !out->failed;
}

/* up_rel: the file name with `from` (its ending) replaced by `to`. */
void framework_pair_with(struct migration_info *out, const char *base,
			 const char *from, const char *to)
{
	size_t n = strlen(base), k = strlen(from);

	if (n >= k && n - k + strlen(to) < sizeof(out->up_rel))
		snprintf(out->up_rel, sizeof(out->up_rel), "%.*s%s",
			 (int)(n - k), base, to);
}

/* ---- schema dumps ---------------------------------------------------- */

bool framework_is_dump(const char *path)
{
	const char *base = path_base(path);

	return strcasecmp(base, "structure.sql") == 0 ||
	       strcasecmp(base, "schema.sql") == 0 ||
	       path_has_dirs(path, "full_schemas/");
}

static bool detect_dump(struct probe *p, struct migration_info *out)
{
	if (!framework_is_dump(p->path))
		return false;
	if (!path_has_dirs(p->path, "full_schemas/")) {
		framework_set(out, "schema dump", ROLE_SEED, "");
		migration_why_addf(
			out,
			"%s is a schema dump (pg_dump output): it seeds the "
			"schema state and is not audited",
			p->base);
		return true;
	}
	framework_set(out, "synapse", ROLE_SEED,
		      "a synapse full_schemas baseline: it seeds the schema "
		      "state and "
		      "is not audited");
	return true;
}

/* ---- the registry ---------------------------------------------------- */

/*
 * The registry, in the order messages list the frameworks; `try_order`
 * is the order detection tries them in: content markers before folder
 * shapes, specific shapes before general ones.
 */
static const struct framework fw_plain = { .name = "plain" };
/*
 * The frameworks whose migrations are not SQL, each in a file of its own:
 * core/frameworks/django/django_fw.c.
 */
extern const struct framework framework_django;
#ifdef FKAUDIT_TOY_FRAMEWORK
extern const struct framework framework_toy; /* tests/toy_fw.c */
#endif

const struct framework *const framework_registry[] = {
	&framework_golang_migrate,
	&framework_goose,
	&framework_flyway,
	&framework_liquibase,
	&framework_dbmate,
	&framework_sqitch,
	&framework_diesel,
	&framework_sqlx,
	&framework_prisma,
	&framework_drizzle,
	&framework_atlas,
	&framework_supabase,
	&framework_node_pg,
	&framework_graphile,
	&framework_hasura,
	&framework_synapse,
	&framework_django,
#ifdef FKAUDIT_TOY_FRAMEWORK
	&framework_toy, /* the template of tests/test_toy.c */
#endif
	&fw_plain,
};
const size_t framework_registry_count =
	sizeof(framework_registry) / sizeof(framework_registry[0]);
_Static_assert(sizeof(framework_registry) / sizeof(framework_registry[0]) <=
		       FRAMEWORKS_MAX,
	       "FRAMEWORKS_MAX is too small for the registry");

const struct framework *framework_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < framework_registry_count; i++)
		if (strcmp(framework_registry[i]->name, name) == 0)
			return framework_registry[i];
	return NULL;
}

const struct framework *framework_owner(const char *path)
{
	size_t i;

	for (i = 0; i < framework_registry_count; i++)
		if (framework_registry[i]->owns_path &&
		    framework_registry[i]->owns_path(path))
			return framework_registry[i];
	return NULL;
}

size_t framework_by_try_order(const struct framework **out, size_t cap)
{
	size_t i, k, n = 0;

	for (i = 0; i < framework_registry_count && n < cap; i++) {
		const struct framework *f = framework_registry[i];

		if (!f->detect || f->suffix)
			continue;
		for (k = n; k > 0 && out[k - 1]->try_order > f->try_order; k--)
			out[k] = out[k - 1];
		out[k] = f;
		n++;
	}
	return n;
}

/*
 * A migration that is not a .sql file: the framework whose suffix its
 * name has detects it alone. False when no framework has that suffix.
 */
static bool detect_by_suffix(struct probe *p, const char *forced,
			     struct migration_info *out)
{
	size_t i;

	for (i = 0; i < framework_registry_count; i++) {
		const struct framework *f = framework_registry[i];

		if (!f->suffix || !framework_ends_with(p->base, f->suffix))
			continue;
		p->forced = forced && strcmp(forced, f->name) == 0;
		f->detect(p, out);
		if (p->forced && out->framework)
			migration_why_addf(out, " (framework set by the "
						"configuration)");
		return true;
	}
	return false;
}

/* A SQL file's psql meta-commands, said in its `why`. */
static int note_psql_meta(const char *text, size_t len,
			  struct migration_info *out)
{
	struct buf meta = BUF_INIT;
	int rc = framework_psql_meta(text, len, &meta);

	if (rc == 0 && meta.len)
		migration_why_addf(out,
				   "; psql meta-commands, left to psql and not "
				   "audited (a file \\i includes is not read): "
				   "line %s",
				   buf_str(&meta));
	buf_release(&meta);
	return rc;
}

int framework_detect(const char *path, const char *text, size_t len,
		     const struct near_reader *near, const char *forced,
		     struct migration_info *out)
{
	const struct framework *sql[FRAMEWORKS_MAX];
	struct probe p = { 0 };
	size_t i, nsql;
	bool found = false;

	memset(out, 0, sizeof(*out));
	p.path = path;
	p.base = path_base(path);
	path_dir_name(path, 0, p.dir, sizeof(p.dir));
	path_dir_name(path, 1, p.dir2, sizeof(p.dir2));
	p.text = text;
	p.len = len;
	p.near = near;
	if (detect_by_suffix(&p, forced, out))
		goto done;
	if (forced && strcmp(forced, "plain") == 0) {
		snprintf(out->why, sizeof(out->why),
			 "plain SQL, each statement on its own (set by the "
			 "configuration)");
		goto plain;
	}
	if (!forced)
		found = detect_dump(&p, out);
	nsql = framework_by_try_order(sql, sizeof(sql) / sizeof(sql[0]));
	for (i = 0; !found && !p.err && i < nsql; i++) {
		if (forced && strcmp(forced, sql[i]->name) != 0)
			continue;
		p.forced = forced != NULL;
		found = sql[i]->detect(&p, out);
	}
	if (found && forced)
		migration_why_addf(out, " (framework set by the "
					"configuration)");
plain:
	if (!found && !p.err && !(forced && strcmp(forced, "plain") == 0)) {
		migration_info_reset(out);
		if (forced)
			snprintf(out->why, sizeof(out->why),
				 "not shaped like a %s migration (set by the "
				 "configuration): plain SQL, each statement on "
				 "its own",
				 forced);
		else
			snprintf(out->why, sizeof(out->why),
				 "a .sql file that matches no framework: plain "
				 "SQL, each statement on its own");
	}
	if (!p.err)
		p.err = note_psql_meta(text, len, out);
done:
	if (!out->nunits)
		framework_one_unit(out, TX_MODE_AUTOCOMMIT, NULL, NULL);
	buf_release(&p.scratch);
	return p.err ? p.err : out->failed ? FK_ENOMEM : 0;
}

void framework_keep_downs(const struct migration_info *info, char *text,
			  size_t len)
{
	size_t i, k = 0;

	for (i = 0; i <= info->ndowns; i++) {
		size_t to = i < info->ndowns ? info->downs[i].start : len;

		for (; k < to && k < len; k++)
			if (text[k] != '\n' && text[k] != '\r')
				text[k] = ' ';
		if (i < info->ndowns)
			k = info->downs[i].end;
	}
}

void framework_apply_masks(const struct migration_info *info, char *text,
			   size_t len)
{
	size_t i, k;

	for (i = 0; i < info->ndelims; i++)
		if (info->delims[i] < len) {
			for (k = info->delims[i];
			     k < len && text[k] != '\n' && text[k] != '\r'; k++)
				text[k] = ' ';
			text[info->delims[i]] = ';';
		}
	for (i = 0; i < info->nmasks; i++)
		for (k = info->masks[i].start;
		     k < info->masks[i].end && k < len; k++)
			if (text[k] != '\n' && text[k] != '\r')
				text[k] = ' ';
}
