#include "django_build.h"

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "config.h"
#include "error.h"
#include "framework_text.h"
#include "utf8.h"

static const char atomic_runner[] =
	"Django puts around every migration whose class does not set "
	"atomic = False";
static const char atomic_opt_out[] =
	"put it in a migration of its own with atomic = False on its "
	"Migration class";
static const char item_runner[] =
	"Django sends each item of a RunSQL list, and the SQL of each schema "
	"operation, as one string";
static const char item_opt_out[] =
	"give it a RunSQL list item of its own (or pass RunSQL one string: "
	"Django then sends its statements one by one)";

/* ---- paths ----------------------------------------------------------- */

bool django_is_migration_path(const char *path)
{
	const char *base = path_base(path);
	size_t n = strlen(base), d = (size_t)(base - path);

	return n > 3 && strcmp(base + n - 3, ".py") == 0 && base[0] != '_' &&
	       base[0] != '~' && d >= 11 &&
	       strncmp(base - 11, "migrations/", 11) == 0 &&
	       (d == 11 || base[-12] == '/');
}

bool django_has_migration_class(const char *text, size_t len)
{
	static const char needle[] = "class Migration";
	const char *p = text, *end = text + len;
	size_t k = sizeof(needle) - 1;

	while (p < end && (p = text_find(p, end, needle))) {
		const char *after = p + k;

		if ((p == text || p[-1] == '\n') && after < end &&
		    (*after == '(' || *after == ':' || *after == ' '))
			return true;
		p = after;
	}
	return false;
}

void django_path_key(const char *path, char *app, size_t app_size, char *name,
		     size_t name_size)
{
	const char *base = path_base(path);
	size_t n = strlen(base);

	path_dir_name(path, 1, app, app_size);
	snprintf(name, name_size, "%.*s", (int)(n > 3 ? n - 3 : n), base);
}

/* ---- emitting -------------------------------------------------------- */

const char *django_printf(struct django_builder *b, const char *fmt, ...)
{
	va_list ap;
	char small[1024], *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->err = FK_ENOMEM;
		return NULL;
	}
	if ((size_t)n < sizeof(small)) {
		s = arena_strndup(&b->arena, small, (size_t)n);
	} else {
		s = arena_alloc(&b->arena, (size_t)n + 1);
		if (s) {
			va_start(ap, fmt);
			vsnprintf(s, (size_t)n + 1, fmt, ap);
			va_end(ap);
		}
	}
	if (!s)
		b->err = FK_ENOMEM;
	return s;
}

void django_skip(struct django_builder *b, const struct py_node *n,
		 const char *what)
{
	size_t used = strlen(b->skipped);
	unsigned line = 1;
	uint32_t i;

	b->nskipped++;
	if (extracted_add_notice(b->out, n ? n->span : (struct span){ 0, 0 },
				 what) < 0)
		b->err = FK_ENOMEM;
	if (b->nskipped > 3 || !n)
		return;
	for (i = 0; i < n->span.start && i < b->mod_len; i++)
		line += b->src[i] == '\n';
	utf8_fit(b->skipped, sizeof(b->skipped),
		 (int)used + snprintf(b->skipped + used,
				      sizeof(b->skipped) - used,
				      "%s%s (line %u)", used ? "; " : "", what,
				      line));
}

static void add_unit(struct django_builder *b, uint32_t start,
		     enum tx_mode mode, const char *runner, const char *opt_out)
{
	if (extracted_add_unit(b->out, start, mode, runner, opt_out) < 0)
		b->err = FK_ENOMEM;
}

static void add_range(struct django_builder *b, uint32_t start, uint32_t end)
{
	struct extracted *o = b->out;
	struct extract_range *r;

	if (array_grow((void **)&o->ranges, &o->ranges_cap, o->nranges,
		       sizeof(*o->ranges)) < 0) {
		b->err = FK_ENOMEM;
		return;
	}
	r = &o->ranges[o->nranges++];
	r->start = start;
	r->end = end;
	r->group = b->op;
}

/* Appends bytes to `sql` (forward or reverse) and maps them in `map`. */
static void put_to(struct django_builder *b, struct buf *sql,
		   struct srcmap *map, const char *s, size_t n, uint32_t src,
		   uint32_t src_len, bool exact)
{
	uint32_t off = (uint32_t)sql->len;

	if (b->err || n == 0)
		return;
	if (buf_add(sql, s, n) < 0 ||
	    srcmap_add(map, off, (uint32_t)n, src, src_len, exact) < 0)
		b->err = FK_ENOMEM;
}

/* The same for the forward SQL. */
static void put(struct django_builder *b, const char *s, size_t n, uint32_t src,
		uint32_t src_len, bool exact)
{
	put_to(b, &b->out->sql, &b->out->map, s, n, src, src_len, exact);
}

/*
 * The end of one execute, mapped to the last source byte before
 * `src_end`: a line break first, in case the SQL ends in a comment.
 */
static void put_end(struct django_builder *b, struct buf *sql,
		    struct srcmap *map, uint32_t src_end)
{
	put_to(b, sql, map, "\n;\n", 3, src_end ? src_end - 1 : 0,
	       src_end ? 1 : 0, false);
}

/* The `# fkaudit:` comments before source offset `before`, as SQL ones. */
static void flush_comments(struct django_builder *b, uint32_t before)
{
	const struct py_module *m = b->mod;

	for (; b->next_comment < m->ncomments &&
	       m->comments[b->next_comment].span.start < before;
	     b->next_comment++) {
		const struct py_comment *c = &m->comments[b->next_comment];
		uint32_t len = c->span.end - c->span.start;

		if (!strstr(c->text, "fkaudit:"))
			continue;
		put(b, "--", 2, c->span.start, 1, false);
		put(b, c->text, strlen(c->text), c->span.start + 1,
		    len ? len - 1 : 0, strlen(c->text) + 1 == len);
		put(b, "\n", 1, c->span.end, 0, false);
	}
}

/* Ends one execute of the forward SQL, begun at `start`. */
static void end_execute(struct django_builder *b, uint32_t start,
			uint32_t src_end)
{
	put_end(b, &b->out->sql, &b->out->map, src_end);
	add_range(b, start, (uint32_t)b->out->sql.len);
}

/* Starts one execute: its unit, when the migration is not atomic. */
static uint32_t begin_execute(struct django_builder *b, uint32_t src_start,
			      enum tx_mode mode)
{
	flush_comments(b, src_start);
	if (!b->atomic)
		add_unit(b, (uint32_t)b->out->sql.len, mode,
			 mode == TX_MODE_IMPLICIT ? item_runner : NULL,
			 mode == TX_MODE_IMPLICIT ? item_opt_out : NULL);
	return (uint32_t)b->out->sql.len;
}

void django_emit(struct django_builder *b, const char *sql, struct span src)
{
	uint32_t start;

	if (!sql || b->err)
		return;
	start = begin_execute(b, src.start, TX_MODE_IMPLICIT);
	put(b, sql, strlen(sql), src.start, src.end - src.start, false);
	end_execute(b, start, src.end);
}

void django_defer(struct django_builder *b, const char *sql, struct span src)
{
	struct django_deferred *d;

	if (!sql || b->err)
		return;
	if (array_grow((void **)&b->deferred, &b->deferred_cap, b->ndeferred,
		       sizeof(*b->deferred)) < 0) {
		b->err = FK_ENOMEM;
		return;
	}
	d = &b->deferred[b->ndeferred++];
	memset(d, 0, sizeof(*d));
	d->kind = DJANGO_DEFER_SQL;
	d->sql = sql;
	d->src = src;
	d->op = b->op;
}

void django_defer_parts(struct django_builder *b,
			const struct django_deferred *parts, struct span src)
{
	struct django_deferred *d;

	if (b->err || !parts->table || !parts->ncols)
		return;
	if (array_grow((void **)&b->deferred, &b->deferred_cap, b->ndeferred,
		       sizeof(*b->deferred)) < 0) {
		b->err = FK_ENOMEM;
		return;
	}
	d = &b->deferred[b->ndeferred++];
	*d = *parts;
	d->src = src;
	d->op = b->op;
}

/* ---- values ---------------------------------------------------------- */

/* A name given at the module's or the class's level, followed a few
 * times. */
static const struct py_node *resolve(const struct django_builder *b,
				     const struct py_node *n)
{
	int hops;

	for (hops = 0;
	     n && n->kind == PY_NAME && !strchr(n->name, '.') && hops < 8;
	     hops++) {
		const struct py_node *v =
			py_module_lookup(b->mod, b->cls, n->name);

		if (!v || v == n)
			break;
		n = v;
	}
	return n;
}

const char *django_str(const struct django_builder *b, const struct py_node *n)
{
	n = resolve(b, n);
	return n && n->kind == PY_STR ? n->str : NULL;
}

static bool is_noop(const struct py_node *n)
{
	return n && n->kind == PY_NAME && strcmp(py_node_tail(n), "noop") == 0;
}

/*
 * psycopg2 with parameters: %s and %(name)s become values, %% a '%'.
 * Same-length neutral text, so the map stays right.
 */
static void blank_params(char *s, size_t n)
{
	size_t i, k;

	for (i = 0; i + 1 < n; i++) {
		if (s[i] != '%')
			continue;
		if (s[i + 1] == '%') {
			s[++i] = ' ';
		} else if (s[i + 1] == 's') {
			s[i] = s[i + 1] = '\'';
			i++;
		} else if (s[i + 1] == '(') {
			for (k = i + 2; k < n && s[k] != ')' && s[k] != '\n';
			     k++)
				;
			if (k + 1 < n && s[k] == ')' && s[k + 1] == 's') {
				s[i] = s[i + 1] = '\'';
				memset(s + i + 2, ' ', k + 2 - (i + 2));
				i = k + 1;
			}
		}
	}
}

/* Appends a string's value with its pieces, to `sql` and `map`. */
static int put_str(struct buf *sql, struct srcmap *map, const struct py_node *s,
		   bool params)
{
	size_t base = sql->len, i;

	if (buf_add(sql, s->str, s->len) < 0)
		return FK_ENOMEM;
	if (params)
		blank_params(sql->ptr + base, s->len);
	for (i = 0; i < s->npieces; i++) {
		const struct py_piece *p = &s->pieces[i];

		if (srcmap_add(map, (uint32_t)(base + p->val), p->len, p->src,
			       p->src_len, p->exact) < 0)
			return FK_ENOMEM;
	}
	return 0;
}

/* ---- RunSQL ---------------------------------------------------------- */

/* One execute of RunSQL's forward SQL. */
static void run_sql_one(struct django_builder *b, const struct py_node *s,
			bool params, enum tx_mode mode)
{
	uint32_t start = begin_execute(b, s->span.start, mode);

	if (!b->err)
		b->err = put_str(&b->out->sql, &b->out->map, s, params);
	end_execute(b, start, s->span.end);
}

/* A reverse execute, to the reverse SQL (FK013 only). */
static void reverse_one(struct django_builder *b, const struct py_node *s,
			bool params)
{
	struct extracted *o = b->out;

	if (b->err)
		return;
	b->err = put_str(&o->reverse, &o->reverse_map, s, params);
	put_end(b, &o->reverse, &o->reverse_map, s->span.end);
}

/*
 * RunSQL's sql or reverse_sql: a string (split, each statement alone), a
 * list of strings or (sql, params) pairs (each one string), noop.
 */
static void run_sql_arg(struct django_builder *b, const struct py_node *n,
			bool reverse)
{
	size_t i;

	n = resolve(b, n);
	if (!n || is_noop(n) ||
	    (n->kind == PY_CONST && !strcmp(n->name, "None")))
		return;
	if (n->kind == PY_STR) {
		if (reverse)
			reverse_one(b, n, false);
		else
			run_sql_one(b, n, false, TX_MODE_AUTOCOMMIT);
		return;
	}
	if (n->kind != PY_LIST && n->kind != PY_TUPLE) {
		django_skip(b, n,
			    reverse ? "RunSQL reverse_sql that is not a "
				      "string literal"
				    : "RunSQL SQL that is not a string "
				      "literal");
		return;
	}
	for (i = 0; i < n->nitems && !b->err; i++) {
		const struct py_node *it = resolve(b, n->items[i]), *s = it;
		bool params = false;

		if (it && (it->kind == PY_TUPLE || it->kind == PY_LIST) &&
		    it->nitems >= 1 && it->nitems <= 2) {
			s = resolve(b, it->items[0]);
			params = it->nitems == 2 &&
				 !(it->items[1]->kind == PY_CONST &&
				   !strcmp(it->items[1]->name, "None"));
		}
		if (!s || s->kind != PY_STR) {
			django_skip(b, it,
				    "RunSQL list item that is not a "
				    "string literal");
			continue;
		}
		if (reverse)
			reverse_one(b, s, params);
		else
			run_sql_one(b, s, params, TX_MODE_IMPLICIT);
	}
}

/* ---- operations ------------------------------------------------------ */

static void operation(struct django_builder *b, const struct py_node *op);

static void operations(struct django_builder *b, const struct py_node *list)
{
	size_t i;

	list = resolve(b, list);
	if (!list)
		return;
	if (list->kind != PY_LIST && list->kind != PY_TUPLE) {
		django_skip(b, list, "operations that are not a list");
		return;
	}
	for (i = 0; i < list->nitems && !b->err; i++)
		operation(b, resolve(b, list->items[i]));
}

static void operation(struct django_builder *b, const struct py_node *op)
{
	const char *name;

	if (!op || op->kind != PY_CALL) {
		if (op)
			django_skip(b, op, "an operation that is not a call");
		return;
	}
	name = py_node_tail(op);
	b->op++;
	flush_comments(b, op->span.start);
	if (strcmp(name, "RunSQL") == 0) {
		run_sql_arg(b, py_call_arg(op, 0, "sql"), false);
		run_sql_arg(b, py_call_arg(op, 1, "reverse_sql"), true);
	} else if (strcmp(name, "SeparateDatabaseAndState") == 0) {
		operations(b, py_call_arg(op, 1, "database_operations"));
	} else {
		django_schema_op(b, name, op);
	}
}

static void flush_deferred(struct django_builder *b)
{
	size_t i;

	for (i = 0; i < b->ndeferred && !b->err; i++) {
		uint32_t op = b->op;

		b->op = b->deferred[i].op;
		django_emit(b, django_deferred_sql(b, &b->deferred[i]),
			    b->deferred[i].src);
		b->op = op;
	}
}

/*
 * b->app: the label of the migration's app. A label that the app's
 * files or its migrations settle is kept with the project state for the
 * folder, so that the other migrations there need not look again.
 */
static int app_label(struct django_builder *b, const char *path,
		     const char *self, const struct py_module *mod)
{
	struct django_state *st = b->dstate;
	const char *slash = strrchr(path, '/');
	const char *dir =
		django_printf(b, "%.*s", slash ? (int)(slash - path) : 0, path);
	const char *known = dir && st ? strmap_get(&st->labels, dir) : NULL;
	bool settled = false;
	int err;

	if (!dir)
		return FK_ENOMEM;
	if (known) {
		snprintf(b->app, sizeof(b->app), "%s", known);
		return 0;
	}
	if ((err = django_app_label(b->near, self, mod, b->app, sizeof(b->app),
				    &settled)) < 0)
		return err;
	if (!settled || !st || b->own_dstate)
		return 0;
	if (!(dir = arena_strdup(&st->arena, dir)) ||
	    !(known = arena_strdup(&st->arena, b->app)) ||
	    strmap_put(&st->labels, dir, (void *)known) < 0)
		return FK_ENOMEM;
	return 0;
}

int django_extract(struct extracted *out, const char *path, const char *src,
		   size_t len, const struct extract_ctx *ctx)
{
	struct replay *state = ctx ? ctx->schema : NULL;
	char self_app[128], self[256];
	const struct near_reader *near = ctx ? ctx->near : NULL;
	const struct config *cfg = ctx ? ctx->config : NULL;
	struct django_builder b = { 0 };
	struct replay own;
	struct py_module mod;
	const struct py_node *atomic;
	int err;

	*out = (struct extracted)EXTRACTED_INIT;
	if ((err = py_module_read(&mod, src, len)) < 0)
		return err;
	b.out = out;
	b.mod = &mod;
	b.src = src;
	b.mod_len = len;
	if (!state)
		replay_init(&own);
	b.state = state ? state : &own;
	snprintf(b.settings.user_app, sizeof(b.settings.user_app), "auth");
	snprintf(b.settings.user_model, sizeof(b.settings.user_model), "user");
	path_dir_name(path, 1, b.app, sizeof(b.app));
	django_path_key(path, self_app, sizeof(self_app), self, sizeof(self));
	if (cfg) {
		b.fk_classes = cfg->django_fk_fields;
		b.nfk_classes = cfg->ndjango_fk_fields;
	}
	b.dstate = replay_reader_state(b.state, &framework_django,
				       django_state_make, django_state_free);
	if (b.dstate && ctx && ctx->apart) {
		b.dstate = django_state_before(b.dstate, path);
		b.own_dstate = true;
	} else if (b.dstate && !(b.dstate->recording = arena_strdup(
					 &b.dstate->arena, path))) {
		b.dstate = NULL;
	}
	if (!b.dstate)
		err = FK_ENOMEM;
	b.near = near;
	b.cfg = cfg;
	if (err < 0 || (err = app_label(&b, path, self, &mod)) < 0) {
		b.err = err;
		goto done;
	}
	b.cls = py_module_class(&mod, "Migration");
	atomic = b.cls ? resolve(&b, py_module_lookup(&mod, b.cls, "atomic"))
		       : NULL;
	b.atomic = !(atomic && atomic->kind == PY_CONST &&
		     strcmp(atomic->name, "False") == 0);
	if (atomic && atomic->kind != PY_CONST)
		django_skip(&b, atomic,
			    "an atomic attribute that is not True "
			    "or False (taken as True)");
	if (b.atomic)
		add_unit(&b, 0, TX_MODE_WRAPPED, atomic_runner, atomic_opt_out);
	if (b.cls)
		operations(&b, py_module_lookup(&mod, b.cls, "operations"));
	flush_deferred(&b);
	flush_comments(&b, UINT32_MAX);
	if (!out->nunits)
		add_unit(&b, 0, TX_MODE_AUTOCOMMIT, NULL, NULL);
	if (!b.err && (out->sql.failed || out->reverse.failed))
		b.err = FK_ENOMEM;
done:
	if (b.own_dstate)
		django_state_free(b.dstate);
	else if (b.dstate)
		b.dstate->recording = NULL;
	free(b.deferred);
	strmap_release(&b.renamed);
	strmap_release(&b.made_fks);
	arena_release(&b.arena);
	if (!state)
		replay_release(&own);
	py_module_release(&mod);
	if (!b.atomic)
		snprintf(out->notes, sizeof(out->notes), "; atomic = False");
	if (b.nskipped) {
		size_t used = strlen(out->notes);

		utf8_fit(out->notes, sizeof(out->notes),
			 (int)used + snprintf(out->notes + used,
					      sizeof(out->notes) - used,
					      "; left out: %s%s", b.skipped,
					      b.nskipped > 3 ? "; …" : ""));
	}
	if (b.err)
		extracted_release(out);
	return b.err;
}
